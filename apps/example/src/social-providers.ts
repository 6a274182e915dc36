import type { LatchkeyOptions } from "@latchkey/server";

type Env = Record<string, string | undefined>;
type SocialProviders = NonNullable<LatchkeyOptions["socialProviders"]>;

/** The built-in providers and the prefix of their environment variables. */
const BUILT_IN = [
	["github", "GITHUB"],
	["google", "GOOGLE"],
	["discord", "DISCORD"],
	["microsoft", "MICROSOFT"],
	["apple", "APPLE"],
	["gitlab", "GITLAB"],
] as const;

/** `{ clientId, clientSecret }` from `<PREFIX>_CLIENT_ID` / `_CLIENT_SECRET`; `null` when neither is set. */
function credentials(env: Env, prefix: string): { clientId: string; clientSecret: string } | null {
	const clientId = env[`${prefix}_CLIENT_ID`]?.trim();
	const clientSecret = env[`${prefix}_CLIENT_SECRET`]?.trim();
	if (!clientId && !clientSecret) return null;
	// Half a configuration is a mistake worth a loud start-up error, not a silently missing button.
	if (!clientId || !clientSecret) throw new Error(`example: set both ${prefix}_CLIENT_ID and ${prefix}_CLIENT_SECRET (or neither)`);
	return { clientId, clientSecret };
}

/**
 * Social providers of the reference server, read from the environment. Each built-in
 * provider is on when its `<NAME>_CLIENT_ID` and `<NAME>_CLIENT_SECRET` are set
 * (`GITHUB_`, `GOOGLE_`, `DISCORD_`, `MICROSOFT_` (+ `MICROSOFT_TENANT_ID`), `APPLE_`
 * (+ `APPLE_APP_BUNDLE_IDENTIFIER`), `GITLAB_` (+ `GITLAB_ISSUER` for a self-hosted
 * instance)); a generic OpenID Connect provider with `OIDC_ISSUER` (or `OIDC_DISCOVERY_URL`),
 * `OIDC_CLIENT_ID`, `OIDC_CLIENT_SECRET`, and optionally `OIDC_ID` (default `oidc`) and
 * `OIDC_NAME`.
 *
 * @example
 * GITHUB_CLIENT_ID=… GITHUB_CLIENT_SECRET=… bun run dev
 */
export function socialProvidersFromEnv(env: Env = process.env): SocialProviders {
	const providers: SocialProviders = {};
	for (const [id, prefix] of BUILT_IN) {
		const client = credentials(env, prefix);
		if (!client) continue;
		if (id === "microsoft") providers.microsoft = { ...client, ...(env.MICROSOFT_TENANT_ID ? { tenantId: env.MICROSOFT_TENANT_ID } : {}) };
		else if (id === "apple") providers.apple = { ...client, ...(env.APPLE_APP_BUNDLE_IDENTIFIER ? { appBundleIdentifier: env.APPLE_APP_BUNDLE_IDENTIFIER } : {}) };
		else if (id === "gitlab") providers.gitlab = { ...client, ...(env.GITLAB_ISSUER ? { issuer: env.GITLAB_ISSUER } : {}) };
		else providers[id] = client;
	}
	const oidc = credentials(env, "OIDC");
	if (oidc) {
		const issuer = env.OIDC_ISSUER?.trim();
		const discoveryUrl = env.OIDC_DISCOVERY_URL?.trim();
		if (!issuer && !discoveryUrl) throw new Error("example: OIDC_CLIENT_ID needs OIDC_ISSUER or OIDC_DISCOVERY_URL");
		providers.oidc = [
			{
				id: env.OIDC_ID?.trim() || "oidc",
				...(env.OIDC_NAME ? { name: env.OIDC_NAME } : {}),
				...(issuer ? { issuer } : {}),
				...(discoveryUrl ? { discoveryUrl } : {}),
				...oidc,
			},
		];
	}
	return providers;
}
