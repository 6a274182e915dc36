import type { GenericOIDCOptions } from "../options.ts";
import { discoveredServer, issuerFromDiscoveryUrl } from "./authorization-server.ts";
import { fetchOidcUser } from "./oidc-user.ts";
import type { OAuthProvider } from "./provider.ts";

/** Ids a generic provider may take: short, URL-safe. */
const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * Any OpenID Connect provider, from its discovery document (Keycloak, Auth0, Okta, Authentik,
 * Zitadel, Entra with a fixed tenant…). Listed under `socialProviders.oidc`.
 *
 * @example
 * socialProviders: { oidc: [{ id: "acme", issuer: "https://login.acme.com", clientId: "…", clientSecret: "…" }] }
 */
export function genericOidcProvider(options: GenericOIDCOptions): OAuthProvider {
	if (!ID_PATTERN.test(options.id)) throw new Error(`latchkey: socialProviders.oidc id "${options.id}" must match ${ID_PATTERN}`);
	const issuer = options.issuer ?? (options.discoveryUrl ? issuerFromDiscoveryUrl(options.discoveryUrl) : undefined);
	if (!issuer) throw new Error(`latchkey: socialProviders.oidc "${options.id}" needs an issuer or a discoveryUrl`);
	return {
		id: options.id,
		name: options.name ?? options.id,
		options,
		kind: "oidc",
		defaultScopes: ["openid", "email", "profile"],
		authorizationParams: {},
		pkce: options.pkce ?? true,
		clientAuthentication: "auto",
		supportsIdToken: !options.disableIdTokenSignIn,
		server: discoveredServer(issuer, options, options.discoveryUrl),
		fetchUser: (input) => fetchOidcUser(input, options.clientId),
	};
}
