import { APIError, BASE_ERROR_CODES } from "@latchkey/core";
import { isSafeRedirect, matchesTrustedOrigin } from "./trusted-origins.ts";

/**
 * Step A of spec/core.md §6.1: a state-changing request that carries cookies must come from
 * a trusted origin (Origin, else Referer). `Origin: null` is refused (SECURITY.md rule 12):
 * sandboxed frames and some redirects send it, and it proves nothing.
 */
export function checkOrigin(headers: Headers, requestOrigin: string, trusted: readonly string[]): void {
	let candidate = headers.get("origin");
	if (candidate === "null" && headers.get("sec-fetch-site") === "same-origin") candidate = requestOrigin;
	if (!candidate) {
		const referer = headers.get("referer");
		if (referer) {
			try {
				candidate = new URL(referer).origin;
			} catch {
				candidate = null;
			}
		}
	}
	if (!candidate || candidate === "null") throw APIError.from("FORBIDDEN", BASE_ERROR_CODES.MISSING_OR_NULL_ORIGIN);
	if (candidate !== requestOrigin && !matchesTrustedOrigin(candidate, trusted)) {
		throw APIError.from("FORBIDDEN", BASE_ERROR_CODES.INVALID_ORIGIN);
	}
}

/**
 * Step C, login CSRF on sign-in / sign-up: without cookies a browser form post from another
 * site could still sign the victim into the attacker's account. Fetch-metadata or an Origin
 * forces the Origin check; a bare server-to-server request passes.
 */
export function checkLoginCsrf(headers: Headers, requestOrigin: string, trusted: readonly string[]): void {
	const site = headers.get("sec-fetch-site");
	const mode = headers.get("sec-fetch-mode");
	const hasFetchMetadata = site !== null || mode !== null || headers.get("sec-fetch-dest") !== null;
	if (hasFetchMetadata) {
		if (site === "cross-site" && mode === "navigate") throw APIError.from("FORBIDDEN", BASE_ERROR_CODES.CROSS_SITE_NAVIGATION_LOGIN_BLOCKED);
		checkOrigin(headers, requestOrigin, trusted);
		return;
	}
	if (headers.get("origin") !== null || headers.get("referer") !== null) checkOrigin(headers, requestOrigin, trusted);
}

const REDIRECT_FIELDS = [
	["callbackURL", "callbackURL", BASE_ERROR_CODES.INVALID_CALLBACK_URL],
	["redirectTo", "redirectURL", BASE_ERROR_CODES.INVALID_REDIRECT_URL],
	["errorCallbackURL", "errorCallbackURL", BASE_ERROR_CODES.INVALID_ERROR_CALLBACK_URL],
	["newUserCallbackURL", "newUserCallbackURL", BASE_ERROR_CODES.INVALID_NEW_USER_CALLBACK_URL],
] as const;

/** Steps B and D: every redirect target in the body or query must be safe (403 otherwise). */
export function checkRedirectTargets(sources: readonly unknown[], requestOrigin: string, trusted: readonly string[]): void {
	const allowed = [requestOrigin, ...trusted];
	for (const source of sources) {
		if (typeof source !== "object" || source === null) continue;
		for (const [field, label, error] of REDIRECT_FIELDS) {
			const value = (source as Record<string, unknown>)[field];
			if (value === undefined || value === null || value === "") continue;
			if (typeof value !== "string") throw new APIError("BAD_REQUEST", { message: `Invalid ${label}: expected a string` });
			if (!isSafeRedirect(value, allowed)) throw APIError.from("FORBIDDEN", error);
		}
	}
}
