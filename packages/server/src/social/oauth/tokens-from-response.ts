import type * as oauth from "oauth4webapi";
import type { OAuthTokens } from "../providers/provider.ts";

/** Splits a granted-scope string: OAuth uses spaces, GitHub commas. */
function splitScopes(scope: string): string[] {
	return scope
		.split(/[\s,]+/)
		.map((s) => s.trim())
		.filter(Boolean);
}

/** Tokens and expiries from a token-endpoint response, with `now` as the clock. */
export function tokensFromResponse(response: oauth.TokenEndpointResponse, now: Date, requested: readonly string[] = []): OAuthTokens {
	const refreshExpiresIn = response.refresh_token_expires_in;
	return {
		accessToken: response.access_token,
		refreshToken: response.refresh_token ?? null,
		idToken: response.id_token ?? null,
		accessTokenExpiresAt: typeof response.expires_in === "number" ? new Date(now.getTime() + response.expires_in * 1000) : null,
		refreshTokenExpiresAt: typeof refreshExpiresIn === "number" ? new Date(now.getTime() + refreshExpiresIn * 1000) : null,
		scopes: typeof response.scope === "string" ? splitScopes(response.scope) : [...requested],
	};
}
