/**
 * Cookie names and defaults, as Better Auth writes them (spec/core.md §3).
 * Name = `[__Secure-][prefix].[suffix]`; the prefix defaults to `better-auth` so existing
 * browser sessions of a Better Auth app keep working after the switch.
 */
export const DEFAULT_COOKIE_PREFIX = "better-auth";

/** Cookie suffixes used by core. */
export const COOKIE_SUFFIX = {
	sessionToken: "session_token",
	sessionData: "session_data",
	dontRemember: "dont_remember",
} as const;

/**
 * Seed 000 documents `better-auth.session-token` (hyphen); Better Auth writes
 * `session_token`. Latchkey writes the latter and reads both.
 */
export const LEGACY_SESSION_TOKEN_SUFFIX = "session-token";

/**
 * `__Secure-` makes browsers refuse the cookie unless it was set over HTTPS with `Secure`
 * (RFC 6265bis §4.1.3.1), so a network attacker cannot plant a session cookie.
 */
export const SECURE_COOKIE_PREFIX = "__Secure-";
