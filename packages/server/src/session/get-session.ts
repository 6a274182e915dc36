import { APIError, BASE_ERROR_CODES } from "@latchkey/core";
import type { AuthContext } from "../context/create-context.ts";
import { readCookie } from "../cookies/cookie.ts";
import type { ResponseState } from "../endpoint/response-state.ts";
import { decodeCookieCache } from "./cookie-cache.ts";
import { hasDontRemember, readSessionToken } from "./read-token.ts";
import { deleteSessionCookies, setCookieCache, setSessionCookies } from "./session-cookies.ts";
import type { SessionAndUser } from "./types.ts";

/** Options of {@link resolveSession}. */
export interface ResolveSessionOptions {
	/** Bypass the cookie cache and read the database (sensitive routes, SECURITY.md rule 6). */
	fromDatabase?: boolean;
	/** Do not slide the expiry. */
	disableRefresh?: boolean;
}

/** Asks plugins (an `x-api-key` header, …) for the session of a request without a token. */
async function sessionFromPlugins(auth: AuthContext, headers: Headers, response: ResponseState): Promise<SessionAndUser | null> {
	for (const plugin of auth.plugins) {
		const found = plugin.sessionFromRequest ? await plugin.sessionFromRequest({ auth, headers, response }) : null;
		if (found) return found;
	}
	return null;
}

/**
 * The request's session, or `null`. Reads the cookie cache when allowed, else one indexed
 * query; slides the expiry once `updateAge` has passed (spec/core.md §5.3), writing only
 * then; clears cookies and deletes the row of an expired session. Throws 401
 * FAILED_TO_GET_SESSION when the row disappears during a refresh (spec/core.md §5.3).
 */
export async function resolveSession(
	auth: AuthContext,
	headers: Headers,
	response: ResponseState,
	options: ResolveSessionOptions = {},
): Promise<SessionAndUser | null> {
	const found = readSessionToken(auth, headers);
	if (!found) return sessionFromPlugins(auth, headers, response);
	const { token } = found;

	if (auth.session.cookieCache.enabled && !options.fromDatabase && found.source === "cookie") {
		const cached = readCookie(headers.get("cookie"), auth.cookies.sessionData);
		const data = cached ? decodeCookieCache(auth, cached, token) : null;
		if (data) return data;
	}

	const data = await auth.storage.findSessionAndUser(token, { bypassCache: options.fromDatabase === true });
	const now = auth.now();
	if (!data || data.session.expiresAt.getTime() <= now.getTime()) {
		if (data) await auth.storage.delete("session", { token });
		if (found.source === "cookie") deleteSessionCookies(auth, response);
		return null;
	}

	const { expiresIn, updateAge } = auth.session;
	const lastExtendedMs = data.session.expiresAt.getTime() - expiresIn * 1000;
	const due = lastExtendedMs + updateAge * 1000 <= now.getTime();
	// The dont_remember check (a cookie parse and an HMAC) only matters once a refresh is due.
	// An impersonation session never slides: its short lifetime is the bound on the admin's access.
	if (due && !options.disableRefresh && !auth.session.disableRefresh && !data.session.impersonatedBy && !hasDontRemember(auth, headers)) {
		const updated = await auth.storage.update(
			"session",
			{ token },
			{ expiresAt: new Date(now.getTime() + expiresIn * 1000), updatedAt: now },
		);
		if (!updated) {
			// The row vanished between read and update (revoked meanwhile): 401, cookies cleared.
			deleteSessionCookies(auth, response);
			throw APIError.from("UNAUTHORIZED", BASE_ERROR_CODES.FAILED_TO_GET_SESSION);
		}
		const refreshed = { session: updated, user: data.user };
		setSessionCookies(auth, response, refreshed, { dontRemember: false });
		return refreshed;
	}
	// The cache was missing, stale or bypassed: re-issue it so the next plain read is warm
	// again (Better Auth does the same after every database read).
	if (found.source === "cookie" && auth.session.cookieCache.enabled) {
		setCookieCache(auth, response, data, { dontRemember: hasDontRemember(auth, headers) });
	}
	return data;
}
