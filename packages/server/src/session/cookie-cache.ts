import type { AuthContext } from "../context/create-context.ts";
import { hmacBase64Url } from "../crypto/sign.ts";
import { constantTimeEqual } from "../crypto/equal.ts";
import type { SessionRow, UserRow } from "../storage/rows.ts";
import { cookieCacheMemo } from "./cookie-cache-memo.ts";
import type { SessionAndUser } from "./types.ts";
import { toSessionOutput, toUserOutput } from "./output.ts";

const VERSION = "1";
/** Past this size a cookie may be dropped by browsers; the cache is skipped instead. */
const MAX_COOKIE_BYTES = 4050;

/**
 * Encodes the `session_data` cookie in Better Auth's `compact` format (spec/core.md §3.5):
 * base64url(JSON `{ session: P, expiresAt, signature }`), signature = HMAC over
 * `JSON.stringify({ ...P, expiresAt })`. Returns `null` when it would be too large.
 */
export function encodeCookieCache(auth: AuthContext, data: SessionAndUser): string | null {
	const nowMs = auth.now().getTime();
	const payload = { session: toSessionOutput(auth, data.session), user: toUserOutput(auth, data.user), updatedAt: nowMs, version: VERSION };
	const expiresAt = nowMs + auth.session.cookieCache.maxAge * 1000;
	const signature = hmacBase64Url(auth.secret, JSON.stringify({ ...payload, expiresAt }));
	const value = Buffer.from(JSON.stringify({ session: payload, expiresAt, signature })).toString("base64url");
	return value.length > MAX_COOKIE_BYTES ? null : value;
}

const DATE_FIELDS = ["expiresAt", "createdAt", "updatedAt"] as const;

/**
 * Decodes and checks a `session_data` cookie: valid signature, same session token, same
 * version, cache and session both unexpired. Anything else gives `null` (use the database).
 */
export function decodeCookieCache(auth: AuthContext, value: string, token: string): SessionAndUser | null {
	const nowMs = auth.now().getTime();
	const memo = cookieCacheMemo(auth);
	const known = memo.get(token, value, nowMs);
	if (known) return known;
	let parsed: { session?: Record<string, unknown>; expiresAt?: unknown; signature?: unknown } | null;
	let text: string;
	try {
		text = Buffer.from(value, "base64url").toString("utf8");
		parsed = JSON.parse(text);
	} catch {
		return null;
	}
	// The cookie is client input: `null`, a number or an array must read as "no cache", not throw.
	if (typeof parsed !== "object" || parsed === null) return null;
	const { session: payload, expiresAt, signature } = parsed;
	if (typeof payload !== "object" || payload === null || typeof expiresAt !== "number" || typeof signature !== "string") return null;
	const expected = hmacBase64Url(auth.secret, JSON.stringify({ ...payload, expiresAt }));
	if (!constantTimeEqual(expected, signature)) return null;
	if (payload.version !== VERSION || expiresAt <= nowMs) return null;
	const session = payload.session as Record<string, unknown> | undefined;
	const user = payload.user as Record<string, unknown> | undefined;
	if (!session || !user || session.token !== token) return null;
	for (const field of DATE_FIELDS) {
		if (typeof session[field] === "string") session[field] = new Date(session[field]);
	}
	for (const field of ["createdAt", "updatedAt"] as const) {
		if (typeof user[field] === "string") user[field] = new Date(user[field]);
	}
	if (!(session.expiresAt instanceof Date) || session.expiresAt.getTime() <= nowMs) return null;
	// Sound: the signature proves this server wrote these shapes from real rows.
	const data = { session: session as unknown as SessionRow, user: user as unknown as UserRow };
	// The memo tells versions apart by the cookie's tail, so it takes only values whose JSON
	// ends with the signature, as this server writes them (see cookie-cache-memo.ts).
	if (text.endsWith(`"signature":${JSON.stringify(signature)}}`)) memo.set(token, value, data, Math.min(expiresAt, session.expiresAt.getTime()));
	return data;
}
