import type * as oauth from "oauth4webapi";
import { oauthLib } from "./oauth-lib.ts";
import type { OAuthProvider } from "../providers/provider.ts";

/** Input of {@link createAuthorizationURL}. */
export interface AuthorizationURLInput {
	state: string;
	codeVerifier: string;
	nonce: string | undefined;
	redirectURI: string;
	scopes?: readonly string[];
	loginHint?: string;
	/** Already checked by the contract: no reserved OAuth key. */
	additionalParams?: Readonly<Record<string, string>>;
}

/** The scopes to request: the provider's defaults (unless disabled), the configured ones, then the request's. */
export function requestedScopes(provider: OAuthProvider, extra: readonly string[] = []): string[] {
	const base = provider.options.disableDefaultScope ? [] : provider.defaultScopes;
	return [...new Set([...base, ...(provider.options.scope ?? []), ...extra])];
}

/**
 * The authorize URL: `response_type=code`, `state`, PKCE S256 (RFC 7636), `nonce` for OpenID
 * Connect, the exact redirect URI. The server's own parameters are set last so that nothing
 * from the request can replace them.
 */
export async function createAuthorizationURL(provider: OAuthProvider, input: AuthorizationURLInput): Promise<URL> {
	const server = await provider.server();
	if (!server.authorization_endpoint) throw new Error(`latchkey: ${provider.id} has no authorization endpoint`);
	const url = new URL(server.authorization_endpoint);
	for (const [key, value] of Object.entries(input.additionalParams ?? {})) url.searchParams.set(key, value);
	for (const [key, value] of Object.entries(provider.authorizationParams)) url.searchParams.set(key, value);
	if (provider.options.prompt) url.searchParams.set("prompt", provider.options.prompt);
	if (input.loginHint) url.searchParams.set("login_hint", input.loginHint);
	url.searchParams.set("response_type", "code");
	url.searchParams.set("client_id", provider.options.clientId);
	url.searchParams.set("redirect_uri", input.redirectURI);
	url.searchParams.set("state", input.state);
	const scopes = requestedScopes(provider, input.scopes);
	if (scopes.length > 0) url.searchParams.set("scope", scopes.join(" "));
	if (provider.pkce) {
		url.searchParams.set("code_challenge_method", "S256");
		url.searchParams.set("code_challenge", await oauthLib().calculatePKCECodeChallenge(input.codeVerifier));
	}
	if (input.nonce) url.searchParams.set("nonce", input.nonce);
	return url;
}
