import type * as oauth from "oauth4webapi";
import { oauthLib } from "./oauth-lib.ts";
import type { OAuthProvider, OAuthTokens } from "../providers/provider.ts";
import { clientAuthOf, clientOf } from "./client.ts";
import { requestOptions } from "./request-options.ts";
import { tokensFromResponse } from "./tokens-from-response.ts";

/** Input of {@link exchangeCode}. */
export interface ExchangeCodeInput {
	/** The callback's parameters (code, state, iss…). */
	parameters: URLSearchParams;
	/** The state already checked against the stored one. */
	state: string;
	codeVerifier: string;
	redirectURI: string;
	nonce: string | undefined;
	now: Date;
	requestedScopes: readonly string[];
}

/** The result of a code exchange: tokens and, for OpenID Connect, the validated ID-token claims. */
export interface ExchangeCodeResult {
	server: oauth.AuthorizationServer;
	tokens: OAuthTokens;
	idTokenClaims: Record<string, unknown> | null;
}

/**
 * Redeems an authorization code (RFC 6749 §4.1.3) with its PKCE verifier. For OpenID Connect
 * the ID token is required and its `iss`, `aud`, `exp`, `iat`, `azp` and `nonce` are checked
 * (OIDC Core §3.1.3.7). Throws on any failure.
 */
export async function exchangeCode(provider: OAuthProvider, input: ExchangeCodeInput): Promise<ExchangeCodeResult> {
	const base = await provider.server();
	const client = clientOf(provider);
	// Microsoft's multi-tenant issuer depends on the token's tenant: checked by the provider.
	const server = provider.expectedIssuer ? withExpectedIssuer(base, provider) : base;
	const parameters = oauthLib().validateAuthResponse(server, client, input.parameters, input.state);
	const response = await oauthLib().authorizationCodeGrantRequest(
		server,
		client,
		clientAuthOf(provider, server),
		parameters,
		input.redirectURI,
		provider.pkce ? input.codeVerifier : oauthLib().nopkce,
		requestOptions(server.token_endpoint),
	);
	const result = await oauthLib().processAuthorizationCodeResponse(server, client, response, {
		requireIdToken: provider.kind === "oidc",
		expectedNonce: input.nonce ?? oauthLib().expectNoNonce,
	});
	const claims = oauthLib().getValidatedIdTokenClaims(result);
	return {
		server,
		tokens: tokensFromResponse(result, input.now, input.requestedScopes),
		idTokenClaims: claims ? { ...claims } : null,
	};
}

/** Metadata whose ID-token issuer check asks the provider (oauth4webapi's per-token issuer hook). */
function withExpectedIssuer(server: oauth.AuthorizationServer, provider: OAuthProvider): oauth.AuthorizationServer {
	const expected = provider.expectedIssuer;
	if (!expected) return server;
	// oauth4webapi exports this hook (used by validateIssuer) without typing it; the cast names it.
	// Without the hook the plain issuer check runs, which fails closed for multi-tenant tokens.
	const hook = (oauthLib() as unknown as { _expectedIssuer?: symbol })._expectedIssuer;
	if (!hook) return server;
	return Object.assign({ ...server }, { [hook]: (result: { claims: Record<string, unknown> }) => expected(server, result.claims) });
}
