import type { AuthContext } from "../../context/create-context.ts";
import type { AccountRow } from "../../storage/rows.ts";
import { refreshTokens } from "../oauth/refresh-tokens.ts";
import type { OAuthProvider, OAuthTokens } from "../providers/provider.ts";
import { readToken, storeToken } from "./token-storage.ts";

/** Refresh when the access token expires within this many milliseconds (Better Auth: 5 s). */
const REFRESH_MARGIN_MS = 5_000;

/** Tokens in clear after a refresh, and the updated row. */
export interface RefreshedAccount {
	account: AccountRow;
	tokens: OAuthTokens;
	refreshToken: string;
}

/**
 * Runs a refresh_token grant for an account and stores the result: a new refresh token
 * replaces the old one (rotation), otherwise the old one stays; scopes are left alone (a
 * refresh answer may be narrower). Throws when the provider refuses.
 */
export async function refreshAccount(auth: AuthContext, provider: OAuthProvider, account: AccountRow, refreshToken: string): Promise<RefreshedAccount> {
	const tokens = await refreshTokens(provider, refreshToken, auth.now());
	const patch: Partial<AccountRow> = {
		accessToken: storeToken(auth, tokens.accessToken),
		accessTokenExpiresAt: tokens.accessTokenExpiresAt,
		...(tokens.refreshToken ? { refreshToken: storeToken(auth, tokens.refreshToken), refreshTokenExpiresAt: tokens.refreshTokenExpiresAt } : {}),
		...(tokens.idToken ? { idToken: tokens.idToken } : {}),
		updatedAt: auth.now(),
	};
	const updated = (await auth.storage.update("account", { id: account.id }, patch)) ?? { ...account, ...patch };
	return { account: updated, tokens, refreshToken: tokens.refreshToken ?? refreshToken };
}

/**
 * A usable access token for an account: the stored one, or a refreshed one when it expires
 * within 5 s and a refresh token exists. Throws when refreshing fails or nothing usable is stored.
 */
export async function validAccessToken(auth: AuthContext, provider: OAuthProvider, account: AccountRow): Promise<{ account: AccountRow; accessToken: string | null }> {
	const expiresAt = account.accessTokenExpiresAt?.getTime();
	const refreshToken = readToken(auth, account.refreshToken);
	if (refreshToken && expiresAt !== undefined && expiresAt - auth.now().getTime() < REFRESH_MARGIN_MS) {
		const refreshed = await refreshAccount(auth, provider, account, refreshToken);
		return { account: refreshed.account, accessToken: refreshed.tokens.accessToken };
	}
	return { account, accessToken: readToken(auth, account.accessToken) };
}
