import type * as oauth from "oauth4webapi";
import { oauthLib } from "./oauth-lib.ts";
import type { OAuthProvider, OAuthTokens } from "../providers/provider.ts";
import { clientAuthOf, clientOf } from "./client.ts";
import { requestOptions } from "./request-options.ts";
import { tokensFromResponse } from "./tokens-from-response.ts";

/** A refresh_token grant (RFC 6749 §6). Throws when the provider refuses. */
export async function refreshTokens(provider: OAuthProvider, refreshToken: string, now: Date): Promise<OAuthTokens> {
	const server = await provider.server();
	const client = clientOf(provider);
	const response = await oauthLib().refreshTokenGrantRequest(server, client, clientAuthOf(provider, server), refreshToken, requestOptions(server.token_endpoint));
	const result = await oauthLib().processRefreshTokenResponse(server, client, response);
	return tokensFromResponse(result, now);
}
