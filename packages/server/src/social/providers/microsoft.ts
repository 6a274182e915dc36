import type { MicrosoftOptions } from "../options.ts";
import { discoveredServer, staticServer } from "./authorization-server.ts";
import { fetchOidcUser, isTrue } from "./oidc-user.ts";
import type { OAuthProvider } from "./provider.ts";

const MULTI_TENANT = new Set(["common", "organizations", "consumers"]);

/**
 * Microsoft Entra ID (OpenID Connect, v2.0 endpoints). With a multi-tenant `tenantId`
 * (`common`, the default) the ID token's issuer names the user's tenant
 * (`https://login.microsoftonline.com/{tid}/v2.0`), so it is checked against the token's `tid`.
 * An email is treated as verified only with Entra's `xms_edov` claim (or `email_verified`):
 * Entra lets tenant admins set unverified addresses ("nOAuth").
 * Docs: https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc
 */
export function microsoftProvider(options: MicrosoftOptions): OAuthProvider {
	const tenant = options.tenantId ?? "common";
	const root = `https://login.microsoftonline.com/${encodeURIComponent(tenant)}`;
	return {
		id: "microsoft",
		name: "Microsoft",
		options,
		kind: "oidc",
		defaultScopes: ["openid", "profile", "email", "offline_access"],
		authorizationParams: {},
		pkce: true,
		clientAuthentication: "client_secret_post",
		supportsIdToken: !options.disableIdTokenSignIn,
		server: options.issuer
			? discoveredServer(options.issuer, options)
			: staticServer(
					{
						issuer: `${root}/v2.0`,
						authorization_endpoint: `${root}/oauth2/v2.0/authorize`,
						token_endpoint: `${root}/oauth2/v2.0/token`,
						userinfo_endpoint: "https://graph.microsoft.com/oidc/userinfo",
						jwks_uri: `${root}/discovery/v2.0/keys`,
					},
					options,
				),
		expectedIssuer(server, claims) {
			if (options.issuer || !MULTI_TENANT.has(tenant)) return server.issuer;
			const tid = typeof claims.tid === "string" && /^[0-9a-f-]{36}$/i.test(claims.tid) ? claims.tid : "invalid";
			return `https://login.microsoftonline.com/${tid}/v2.0`;
		},
		async fetchUser(input) {
			const info = await fetchOidcUser(input, options.clientId);
			if (!info) return null;
			const email = info.user.email ?? (typeof info.data.preferred_username === "string" && info.data.preferred_username.includes("@") ? info.data.preferred_username.toLowerCase() : null);
			const verified = email !== null && (isTrue(info.data.xms_edov) || isTrue(input.idTokenClaims?.email_verified));
			return { user: { ...info.user, email, emailVerified: verified }, data: info.data };
		},
	};
}
