import type { SocialProvidersOptions } from "../options.ts";

/**
 * The provider ids a `socialProviders` option configures, in order: built-in names, then
 * each generic OpenID Connect entry's `id`. What a UI lists as "Continue with …" buttons.
 *
 * @example
 * socialProviderIds({ github: {…}, oidc: [{ id: "acme", … }] }); // ["github", "acme"]
 */
export function socialProviderIds(options: SocialProvidersOptions | undefined): string[] {
	if (!options) return [];
	const ids: string[] = [];
	for (const id of ["github", "google", "discord", "microsoft", "apple", "gitlab"] as const) if (options[id]) ids.push(id);
	for (const entry of options.oidc ?? []) ids.push(entry.id);
	return ids;
}
