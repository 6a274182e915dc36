import { APIError, BASE_ERROR_CODES } from "@latchkey/core";
import type { AuthContext } from "../context/create-context.ts";

/**
 * `<origin><basePath>` for links that leave the server by email, e.g.
 * `https://example.com/api/auth`.
 *
 * The origin is the configured `baseURL` (or `LATCHKEY_URL` / `BETTER_AUTH_URL`), never the
 * `Host` header: a forged Host would otherwise make the server mail the victim a reset link
 * pointing at the attacker's site (host-header poisoning, SECURITY.md rule 5; OWASP Forgot
 * Password Cheat Sheet, "URL tokens"). Outside production, with no `baseURL`, the request's
 * own origin is used so that local development works without configuration; in production
 * (or for `auth.api` calls, which have no request) a missing `baseURL` is a 500 and a log line.
 *
 * @example
 * authBaseURL(auth, request); // "http://localhost:3000/api/auth"
 */
export function authBaseURL(auth: AuthContext, request: Request | undefined): string {
	if (auth.baseURL) return `${auth.baseURL}${auth.basePath}`;
	if (request && process.env.NODE_ENV !== "production") return `${new URL(request.url).origin}${auth.basePath}`;
	console.error("[latchkey] baseURL is not configured: refusing to build an emailed link from the Host header");
	throw APIError.from("INTERNAL_SERVER_ERROR", BASE_ERROR_CODES.INTERNAL_SERVER_ERROR);
}

/**
 * The verification link `<BASE>/verify-email?token=<jwt>&callbackURL=<enc(callbackURL or "/")>`
 * (spec/core.md §9.3, §9.19).
 */
export function verifyEmailLink(auth: AuthContext, request: Request | undefined, token: string, callbackURL: string | undefined): string {
	return `${authBaseURL(auth, request)}/verify-email?token=${token}&callbackURL=${encodeURIComponent(callbackURL || "/")}`;
}

/**
 * The reset link `<BASE>/reset-password/<token>?callbackURL=<enc(redirectTo) or empty>`
 * (spec/core.md §9.21).
 */
export function resetPasswordLink(auth: AuthContext, request: Request | undefined, token: string, redirectTo: string | undefined): string {
	return `${authBaseURL(auth, request)}/reset-password/${token}?callbackURL=${redirectTo ? encodeURIComponent(redirectTo) : ""}`;
}
