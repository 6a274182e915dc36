import type { AuthContext } from "../../context/create-context.ts";
import type { AccountRow } from "../../storage/rows.ts";
import { refreshTokens } from "../oauth/refresh-tokens.ts";
import type { OAuthProvider, OAuthTokens } from "../providers/provider.ts";
import { withAccountLock } from "./account-lock.ts";
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

function expiresSoon(auth: AuthContext, account: AccountRow): boolean {
	const expiresAt = account.accessTokenExpiresAt?.getTime();
	return expiresAt !== undefined && expiresAt - auth.now().getTime() < REFRESH_MARGIN_MS;
}

/** The account as stored now (a refresh may have replaced its tokens since it was read). */
async function reread(auth: AuthContext, account: AccountRow): Promise<AccountRow> {
	return (await auth.storage.findOne("account", { id: account.id })) ?? account;
}

/**
 * A usable access token for an account: the stored one, or a refreshed one when it expires
 * within 5 s and a refresh token exists. Refreshes of one account run one at a time, and each
 * re-reads the row first, so parallel callers share one refresh instead of racing with the
 * same refresh token. Throws when refreshing fails or nothing usable is stored.
 */
export async function validAccessToken(auth: AuthContext, provider: OAuthProvider, account: AccountRow): Promise<{ account: AccountRow; accessToken: string | null }> {
	if (!readToken(auth, account.refreshToken) || !expiresSoon(auth, account)) return { account, accessToken: readToken(auth, account.accessToken) };
	return withAccountLock(auth, account.id, async () => {
		const current = await reread(auth, account);
		const refreshToken = readToken(auth, current.refreshToken);
		if (!refreshToken || !expiresSoon(auth, current)) return { account: current, accessToken: readToken(auth, current.accessToken) };
		const refreshed = await refreshAccount(auth, provider, current, refreshToken);
		return { account: refreshed.account, accessToken: refreshed.tokens.accessToken };
	});
}

/** What {@link forceRefresh} found: no usable refresh token, a refused refresh, or new tokens. */
export type ForcedRefresh = { ok: false; reason: "no-refresh-token" | "refused" } | { ok: true; refreshed: RefreshedAccount; accessToken: string };

/**
 * `/refresh-token`: always runs a refresh_token grant, with the refresh token stored at the
 * time it runs (one refresh per account at a time).
 */
export async function forceRefresh(auth: AuthContext, provider: OAuthProvider, account: AccountRow): Promise<ForcedRefresh> {
	return withAccountLock(auth, account.id, async (): Promise<ForcedRefresh> => {
		const current = await reread(auth, account);
		let refreshToken: string | null;
		try {
			refreshToken = readToken(auth, current.refreshToken);
		} catch {
			refreshToken = null;
		}
		if (!refreshToken) return { ok: false, reason: "no-refresh-token" };
		const refreshed = await refreshAccount(auth, provider, current, refreshToken).catch(() => null);
		const accessToken = refreshed?.tokens.accessToken;
		return refreshed && accessToken ? { ok: true, refreshed, accessToken } : { ok: false, reason: "refused" };
	});
}
