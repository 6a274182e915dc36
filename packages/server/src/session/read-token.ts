import { readCookie } from "../cookies/cookie.ts";
import type { AuthContext } from "../context/create-context.ts";
import { unsignValue } from "../crypto/sign.ts";

/** Where a session token came from. */
export type TokenSource = "cookie" | "bearer";

/**
 * The session token a request carries, after its signature checked out, or `null`.
 * `Authorization: Bearer` wins over the cookie when valid (spec/plugins.md §9); a bad
 * signature is treated as no token, never as an error. Tokens are never read from the
 * URL or form fields (SECURITY.md rule 11).
 */
export function readSessionToken(auth: AuthContext, headers: Headers): { token: string; source: TokenSource } | null {
	if (auth.bearer.enabled) {
		const authorization = headers.get("authorization");
		if (authorization && authorization.length > 7 && authorization.slice(0, 7).toLowerCase() === "bearer ") {
			const token = bearerToken(auth, authorization.slice(7).trim());
			if (token) return { token, source: "bearer" };
		}
	}
	const cookieHeader = headers.get("cookie");
	if (!cookieHeader) return null;
	const signed = readCookie(cookieHeader, auth.cookies.sessionToken) ?? readCookie(cookieHeader, auth.cookies.legacySessionToken);
	if (!signed) return null;
	const token = unsignValue(auth.secret, signed);
	return token ? { token, source: "cookie" } : null;
}

function bearerToken(auth: AuthContext, raw: string): string | null {
	if (!raw) return null;
	if (raw.includes(".")) {
		let signed = raw;
		if (raw.includes("%")) {
			try {
				signed = decodeURIComponent(raw);
			} catch {
				return null;
			}
		}
		return unsignValue(auth.secret, signed);
	}
	// A raw token is accepted unless signatures are required (Better Auth signs it itself,
	// which proves nothing more than possession of the token).
	return auth.bearer.requireSignature ? null : raw;
}

/** True when the request carries the `dont_remember` marker (a rememberMe=false sign-in). */
export function hasDontRemember(auth: AuthContext, headers: Headers): boolean {
	const signed = readCookie(headers.get("cookie"), auth.cookies.dontRemember);
	return signed !== null && unsignValue(auth.secret, signed) === "true";
}
