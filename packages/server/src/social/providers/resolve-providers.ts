import type { AuthContext } from "../../context/create-context.ts";
import type { SocialProvidersOptions } from "../options.ts";
import { appleProvider } from "./apple.ts";
import { discordProvider } from "./discord.ts";
import { genericOidcProvider } from "./generic-oidc.ts";
import { githubProvider } from "./github.ts";
import { gitlabProvider } from "./gitlab.ts";
import { googleProvider } from "./google.ts";
import { microsoftProvider } from "./microsoft.ts";
import type { OAuthProvider } from "./provider.ts";

/** Builds the provider table from `socialProviders`; throws on a bad configuration. */
export function createProviders(options: SocialProvidersOptions = {}): ReadonlyMap<string, OAuthProvider> {
	const list: OAuthProvider[] = [];
	if (options.github) list.push(githubProvider(options.github));
	if (options.google) list.push(googleProvider(options.google));
	if (options.discord) list.push(discordProvider(options.discord));
	if (options.microsoft) list.push(microsoftProvider(options.microsoft));
	if (options.apple) list.push(appleProvider(options.apple));
	if (options.gitlab) list.push(gitlabProvider(options.gitlab));
	for (const oidc of options.oidc ?? []) list.push(genericOidcProvider(oidc));
	const map = new Map<string, OAuthProvider>();
	for (const provider of list) {
		if (!provider.options.clientId) throw new Error(`latchkey: socialProviders.${provider.id} needs a clientId`);
		if (map.has(provider.id)) throw new Error(`latchkey: two social providers are named "${provider.id}"`);
		map.set(provider.id, provider);
	}
	return map;
}

const cache = new WeakMap<AuthContext, ReadonlyMap<string, OAuthProvider>>();

/** The providers of an instance, built once from its options. */
export function providersOf(auth: AuthContext): ReadonlyMap<string, OAuthProvider> {
	let providers = cache.get(auth);
	if (!providers) {
		providers = createProviders(auth.options.socialProviders);
		cache.set(auth, providers);
	}
	return providers;
}

/** The provider named `id`, or `null`. Own keys only: `__proto__` and friends are not providers. */
export function findProvider(auth: AuthContext, id: string): OAuthProvider | null {
	return providersOf(auth).get(id) ?? null;
}
