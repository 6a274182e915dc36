import { accountInfo as accountInfoRoute, APIError, BASE_ERROR_CODES, getAccessToken as getAccessTokenRoute, refreshToken as refreshTokenRoute } from "@latchkey/core";
import { joseLib } from "../../crypto/jose-lib.ts";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import type { AccountRow } from "../../storage/rows.ts";
import { findProvider } from "../providers/resolve-providers.ts";
import { accountForRequest } from "../tokens/account-for-request.ts";
import { forceRefresh, validAccessToken } from "../tokens/valid-access-token.ts";

function scopesOf(account: AccountRow): string[] {
	return (account.scope ?? "")
		.split(",")
		.map((s) => s.trim())
		.filter(Boolean);
}

/** `Provider <id> is not supported.` (400 PROVIDER_NOT_SUPPORTED, spec/core.md §9.27). */
function notSupported(providerId: string): APIError {
	return APIError.from("BAD_REQUEST", { code: BASE_ERROR_CODES.PROVIDER_NOT_SUPPORTED.code, message: `Provider ${providerId} is not supported.` });
}

/**
 * `POST /get-access-token` (spec/core.md §9.27): `auth.api.getAccessToken`,
 * `client.getAccessToken`. Refreshes first when the token expires within 5 s.
 */
export const getAccessToken = defineEndpoint(getAccessTokenRoute, "none", async (ctx) => {
	const account = await accountForRequest(ctx, ctx.body);
	const provider = findProvider(ctx.auth, account.providerId);
	if (!provider) throw notSupported(account.providerId);
	const valid = await validAccessToken(ctx.auth, provider, account).catch(() => null);
	if (!valid?.accessToken) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.FAILED_TO_GET_ACCESS_TOKEN);
	// Provider tokens must not be cached by anything in between (RFC 6749 §5.1).
	ctx.response.headers.set("cache-control", "no-store");
	return {
		accessToken: valid.accessToken,
		...(valid.account.accessTokenExpiresAt ? { accessTokenExpiresAt: valid.account.accessTokenExpiresAt } : {}),
		scopes: scopesOf(valid.account),
		...(valid.account.idToken ? { idToken: valid.account.idToken } : {}),
	};
});

/**
 * `POST /refresh-token` (spec/core.md §9.27): `auth.api.refreshToken`, `client.refreshToken`.
 * Always runs a refresh_token grant.
 */
export const refreshToken = defineEndpoint(refreshTokenRoute, "none", async (ctx) => {
	const account = await accountForRequest(ctx, ctx.body);
	const provider = findProvider(ctx.auth, account.providerId);
	if (!provider) throw notSupported(account.providerId);
	const forced = await forceRefresh(ctx.auth, provider, account);
	if (!forced.ok) throw APIError.from("BAD_REQUEST", forced.reason === "no-refresh-token" ? BASE_ERROR_CODES.REFRESH_TOKEN_NOT_FOUND : BASE_ERROR_CODES.FAILED_TO_REFRESH_ACCESS_TOKEN);
	const { refreshed, accessToken } = forced;
	ctx.response.headers.set("cache-control", "no-store");
	const row = refreshed.account;
	return {
		accessToken,
		refreshToken: refreshed.refreshToken,
		accessTokenExpiresAt: row.accessTokenExpiresAt,
		refreshTokenExpiresAt: row.refreshTokenExpiresAt,
		scope: row.scope,
		idToken: row.idToken,
		providerId: row.providerId,
		accountId: row.id,
	};
});

/** The stored ID token's claims (validated when it was received), pinned to the account's subject. */
function storedClaims(account: AccountRow): Record<string, unknown> {
	let claims: Record<string, unknown> = {};
	if (account.idToken) {
		try {
			claims = { ...joseLib().decodeJwt(account.idToken) };
		} catch {
			claims = {};
		}
	}
	return { ...claims, sub: account.accountId };
}

/**
 * `GET /account-info` (spec/core.md §9.27): `auth.api.accountInfo`, `client.accountInfo`. The
 * provider's profile, fetched with a valid access token.
 */
export const accountInfo = defineEndpoint(accountInfoRoute, "none", async (ctx) => {
	const account = await accountForRequest(ctx, ctx.query);
	const provider = findProvider(ctx.auth, account.providerId);
	if (!provider) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.PROVIDER_NOT_CONFIGURED);
	const valid = await validAccessToken(ctx.auth, provider, account).catch(() => null);
	if (!valid) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.FAILED_TO_GET_ACCESS_TOKEN);
	if (!valid.accessToken) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.ACCESS_TOKEN_NOT_FOUND);
	const server = await provider.server().catch(() => null);
	const tokens = { accessToken: valid.accessToken, refreshToken: null, idToken: valid.account.idToken, accessTokenExpiresAt: null, refreshTokenExpiresAt: null, scopes: [] };
	const info = server ? await provider.fetchUser({ server, tokens, idTokenClaims: storedClaims(valid.account) }).catch(() => null) : null;
	// The profile must be the account's own subject.
	if (!info || info.user.id !== account.accountId) throw APIError.from("UNAUTHORIZED", BASE_ERROR_CODES.FAILED_TO_GET_USER_INFO);
	ctx.response.headers.set("cache-control", "no-store");
	return {
		user: { id: info.user.id, name: info.user.name, email: info.user.email, image: info.user.image, emailVerified: info.user.emailVerified },
		data: info.data,
		account: { id: account.id, providerId: account.providerId, accountId: account.accountId },
	};
});
