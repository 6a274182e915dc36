import { APIError, BASE_ERROR_CODES } from "@latchkey/core";
import type { AuthContext } from "../../context/create-context.ts";
import type { OAuthProvider } from "../providers/provider.ts";
import { toIdentity } from "../user/provider-identity.ts";
import type { ProviderIdentity } from "../user/provider-identity.ts";
import { verifyIdToken } from "./verify-id-token.ts";

/** An ID token as an app hands it in (`idToken` in the sign-in or link body). */
export interface IdTokenInput {
	token: string;
	nonce?: string | undefined;
	accessToken?: string | undefined;
	refreshToken?: string | undefined;
	expiresAt?: number | undefined;
	user?: unknown;
}

/**
 * The identity behind an app-supplied ID token (spec/core.md §9.28): 404
 * ID_TOKEN_NOT_SUPPORTED, 401 INVALID_TOKEN (signature, issuer, audience, expiry, nonce),
 * 401 FAILED_TO_GET_USER_INFO, 401 USER_EMAIL_NOT_FOUND.
 */
export async function identityFromIdToken(auth: AuthContext, provider: OAuthProvider, input: IdTokenInput): Promise<ProviderIdentity> {
	if (!provider.supportsIdToken) throw APIError.from("NOT_FOUND", BASE_ERROR_CODES.ID_TOKEN_NOT_SUPPORTED);
	const now = auth.now();
	const claims = await verifyIdToken(provider, input.token, input.nonce, now).catch(() => null);
	if (!claims) throw APIError.from("UNAUTHORIZED", BASE_ERROR_CODES.INVALID_TOKEN);
	const tokens = {
		accessToken: input.accessToken ?? null,
		refreshToken: input.refreshToken ?? null,
		idToken: input.token,
		accessTokenExpiresAt: input.expiresAt !== undefined ? new Date(input.expiresAt * (input.expiresAt < 1e12 ? 1000 : 1)) : null,
		refreshTokenExpiresAt: null,
		scopes: [],
	};
	// The profile is the verified token itself: an app-supplied access token proves nothing
	// about whose it is, so it is stored but not used to fetch a profile.
	const info = await provider
		.fetchUser({ server: await provider.server(), tokens: { ...tokens, accessToken: null }, idTokenClaims: claims, appleUser: input.user })
		.catch(() => null);
	if (!info) throw APIError.from("UNAUTHORIZED", BASE_ERROR_CODES.FAILED_TO_GET_USER_INFO);
	const identity = await toIdentity(provider, info, tokens);
	if (!identity.user.email) throw APIError.from("UNAUTHORIZED", BASE_ERROR_CODES.USER_EMAIL_NOT_FOUND);
	return identity;
}
