import type * as oauth from "oauth4webapi";
import { boundedFetch } from "../oauth/bounded-fetch.ts";
import { oauthLib } from "../oauth/oauth-lib.ts";
import type { ProviderOptions } from "../options.ts";
import { assertProviderURL, PROVIDER_TIMEOUT_MS, requestOptions } from "../oauth/request-options.ts";

/** Lazily resolves an authorization server's metadata once; a failure is retried next time. */
export type ServerResolver = () => Promise<oauth.AuthorizationServer>;

/** Applies the documented endpoint overrides (tests, self-hosted instances) to metadata. */
function withOverrides(server: oauth.AuthorizationServer, options: ProviderOptions): oauth.AuthorizationServer {
	for (const [key, value] of [
		["authorizationEndpoint", options.authorizationEndpoint],
		["tokenEndpoint", options.tokenEndpoint],
		["userInfoEndpoint", options.userInfoEndpoint],
	] as const) {
		if (value !== undefined) assertProviderURL(value, `socialProviders: ${key}`);
	}
	return {
		...server,
		...(options.authorizationEndpoint ? { authorization_endpoint: options.authorizationEndpoint } : {}),
		...(options.tokenEndpoint ? { token_endpoint: options.tokenEndpoint } : {}),
		...(options.userInfoEndpoint ? { userinfo_endpoint: options.userInfoEndpoint } : {}),
	};
}

/** Metadata known in advance (GitHub, Discord…), with the endpoint overrides applied. */
export function staticServer(server: oauth.AuthorizationServer, options: ProviderOptions): ServerResolver {
	const resolved = withOverrides(server, options);
	return () => Promise.resolve(resolved);
}

/**
 * Metadata from OpenID Connect discovery (`{issuer}/.well-known/openid-configuration`, or an
 * explicit discovery URL). oauth4webapi checks that the document's `issuer` is the expected
 * one (OIDC Discovery §4.3), so a document cannot claim another issuer.
 */
export function discoveredServer(issuer: string, options: ProviderOptions, discoveryUrl?: string): ServerResolver {
	assertProviderURL(issuer, "socialProviders: issuer");
	if (discoveryUrl) assertProviderURL(discoveryUrl, "socialProviders: discoveryUrl");
	let pending: Promise<oauth.AuthorizationServer> | undefined;
	return () => {
		pending ??= (async () => {
			const issuerURL = new URL(issuer);
			// Bounded like every other provider request (size and time): the document comes from a
			// configured URL, which may be hostile or broken.
			const response = discoveryUrl
				? await boundedFetch(discoveryUrl, { headers: { accept: "application/json" }, redirect: "manual", signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) })
				: await oauthLib().discoveryRequest(issuerURL, { algorithm: "oidc", ...requestOptions(issuerURL) });
			return withOverrides(await oauthLib().processDiscoveryResponse(issuerURL, response), options);
		})();
		pending.catch(() => {
			pending = undefined;
		});
		return pending;
	};
}

/** The issuer of a discovery URL (`…/.well-known/openid-configuration` stripped). */
export function issuerFromDiscoveryUrl(discoveryUrl: string): string {
	return discoveryUrl.replace(/\/\.well-known\/openid-configuration\/?$/, "");
}
