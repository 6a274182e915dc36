import type { AuthContext } from "../context/create-context.ts";
import { signValue } from "../crypto/sign.ts";
import type { ResponseState } from "../endpoint/response-state.ts";
import { encodeCookieCache } from "./cookie-cache.ts";
import type { SessionAndUser } from "./types.ts";

/**
 * Writes `session_token` (signed), `dont_remember` and, when enabled, `session_data`
 * (spec/core.md §3.4). A don't-remember session gets a browser-session cookie (no Max-Age).
 */
export function setSessionCookies(
	auth: AuthContext,
	response: ResponseState,
	data: SessionAndUser,
	options: { dontRemember: boolean; hadDontRemember?: boolean },
): void {
	const { attributes } = auth.cookies;
	const maxAge = options.dontRemember ? undefined : auth.session.expiresIn;
	response.setCookie(auth.cookies.sessionToken, signValue(auth.secret, data.session.token), { ...attributes, maxAge });
	if (options.dontRemember) response.setCookie(auth.cookies.dontRemember, signValue(auth.secret, "true"), attributes);
	else if (options.hadDontRemember) response.deleteCookie(auth.cookies.dontRemember, attributes);
	setCookieCache(auth, response, data, { dontRemember: options.dontRemember });
}

/**
 * Writes the `session_data` cookie cache when it is enabled (a no-op otherwise). A
 * don't-remember session gets a browser-session cookie (no Max-Age).
 */
export function setCookieCache(auth: AuthContext, response: ResponseState, data: SessionAndUser, options: { dontRemember: boolean }): void {
	if (!auth.session.cookieCache.enabled) return;
	const cache = encodeCookieCache(auth, data);
	if (!cache) return;
	response.setCookie(auth.cookies.sessionData, cache, {
		...auth.cookies.attributes,
		maxAge: options.dontRemember ? undefined : auth.session.cookieCache.maxAge,
	});
}

/** Expires every session cookie: `session_token`, `session_data`, `dont_remember`. */
export function deleteSessionCookies(auth: AuthContext, response: ResponseState): void {
	const { attributes } = auth.cookies;
	response.deleteCookie(auth.cookies.sessionToken, attributes);
	response.deleteCookie(auth.cookies.sessionData, attributes);
	response.deleteCookie(auth.cookies.dontRemember, attributes);
}
