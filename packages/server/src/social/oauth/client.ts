import type * as oauth from "oauth4webapi";
import { oauthLib } from "./oauth-lib.ts";
import type { OAuthProvider } from "../providers/provider.ts";

/** The oauth4webapi client of a provider. */
export function clientOf(provider: OAuthProvider): oauth.Client {
	return { client_id: provider.options.clientId };
}

/**
 * Token-endpoint client authentication. `auto` prefers `client_secret_basic` (the OAuth
 * default, RFC 6749 §2.3.1) unless the server only lists `client_secret_post`.
 */
export function clientAuthOf(provider: OAuthProvider, server: oauth.AuthorizationServer): oauth.ClientAuth {
	const secret = provider.options.clientSecret;
	if (provider.clientAuthentication === "client_secret_post") return oauthLib().ClientSecretPost(secret);
	if (provider.clientAuthentication === "client_secret_basic") return oauthLib().ClientSecretBasic(secret);
	const methods = server.token_endpoint_auth_methods_supported;
	if (methods && !methods.includes("client_secret_basic") && methods.includes("client_secret_post")) return oauthLib().ClientSecretPost(secret);
	return oauthLib().ClientSecretBasic(secret);
}
