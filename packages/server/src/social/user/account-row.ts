import type { AuthContext } from "../../context/create-context.ts";
import { generateId } from "../../crypto/random.ts";
import type { AccountRow } from "../../storage/rows.ts";
import { storeToken } from "../tokens/token-storage.ts";
import type { ProviderIdentity } from "./provider-identity.ts";

/** A new account row for a provider identity (tokens stored per `encryptOAuthTokens`). */
export function newAccountRow(auth: AuthContext, identity: ProviderIdentity, userId: string): AccountRow {
	const now = auth.now();
	const { tokens } = identity;
	return {
		id: generateId(),
		accountId: identity.user.id,
		providerId: identity.provider.id,
		userId,
		accessToken: storeToken(auth, tokens.accessToken),
		refreshToken: storeToken(auth, tokens.refreshToken),
		idToken: tokens.idToken,
		accessTokenExpiresAt: tokens.accessTokenExpiresAt,
		refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
		scope: tokens.scopes.length > 0 ? tokens.scopes.join(",") : null,
		password: null,
		createdAt: now,
		updatedAt: now,
	};
}

/**
 * The token columns to write on a later sign-in or link: new tokens replace old ones, a
 * missing refresh token keeps the stored one, and scopes accumulate (spec/core.md §8.3).
 */
export function tokenUpdate(auth: AuthContext, identity: ProviderIdentity, current: AccountRow): Partial<AccountRow> {
	const { tokens } = identity;
	const scopes = new Set([...(current.scope ?? "").split(",").filter(Boolean), ...tokens.scopes]);
	return {
		...(tokens.accessToken !== null ? { accessToken: storeToken(auth, tokens.accessToken), accessTokenExpiresAt: tokens.accessTokenExpiresAt } : {}),
		...(tokens.refreshToken !== null ? { refreshToken: storeToken(auth, tokens.refreshToken), refreshTokenExpiresAt: tokens.refreshTokenExpiresAt } : {}),
		...(tokens.idToken !== null ? { idToken: tokens.idToken } : {}),
		scope: scopes.size > 0 ? [...scopes].join(",") : null,
		updatedAt: auth.now(),
	};
}
