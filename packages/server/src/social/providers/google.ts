import type { GoogleOptions } from "../options.ts";
import { discoveredServer, staticServer } from "./authorization-server.ts";
import { fetchOidcUser } from "./oidc-user.ts";
import type { OAuthProvider } from "./provider.ts";

/**
 * Google (OpenID Connect). Endpoints are Google's published ones; with `issuer` set they are
 * discovered from that issuer instead (tests, proxies).
 * Docs: https://developers.google.com/identity/openid-connect/openid-connect
 */
export function googleProvider(options: GoogleOptions): OAuthProvider {
	const params: Record<string, string> = { include_granted_scopes: "true" };
	if (options.accessType) params.access_type = options.accessType;
	if (options.hd) params.hd = options.hd;
	return {
		id: "google",
		name: "Google",
		options,
		kind: "oidc",
		defaultScopes: ["openid", "email", "profile"],
		authorizationParams: params,
		pkce: true,
		clientAuthentication: "auto",
		supportsIdToken: !options.disableIdTokenSignIn,
		server: options.issuer
			? discoveredServer(options.issuer, options)
			: staticServer(
					{
						issuer: "https://accounts.google.com",
						authorization_endpoint: "https://accounts.google.com/o/oauth2/v2/auth",
						token_endpoint: "https://oauth2.googleapis.com/token",
						userinfo_endpoint: "https://openidconnect.googleapis.com/v1/userinfo",
						jwks_uri: "https://www.googleapis.com/oauth2/v3/certs",
						token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
					},
					options,
				),
		// Google documents both spellings of its issuer in ID tokens.
		expectedIssuer: (server, claims) => (!options.issuer && claims.iss === "accounts.google.com" ? "accounts.google.com" : server.issuer),
		fetchUser: (input) => fetchOidcUser(input, options.clientId),
	};
}
