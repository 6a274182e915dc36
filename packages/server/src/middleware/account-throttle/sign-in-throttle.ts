import { APIError, BASE_ERROR_CODES } from "@latchkey/core";
import type { AuthContext } from "../../context/create-context.ts";
import { readDeviceId } from "./device-cookie.ts";
import { throttleKey } from "./throttle-key.ts";

/** The identifier a password sign-in names, normalised as its user lookup normalises it. */
export interface SignInIdentifier {
	kind: "email" | "username";
	/** The lower-cased email, or the normalised username. */
	value: string;
}

/** A charged sign-in attempt: the account key to bind the device cookie to on success. */
export interface SignInCharge {
	accountKey: string;
}

/**
 * Charges one password check to the account's budget (`rateLimit.account.signIn`, default 10
 * per 15 minutes) before the password is checked, or refuses with 429
 * `TOO_MANY_SIGN_IN_ATTEMPTS` and `X-Retry-After` (SECURITY.md rule 15). Returns `null` when
 * the per-account throttle is off.
 *
 * Budgets: a request with a valid device cookie for this account (the browser signed in to
 * it before) draws on that device's own budget and is not stopped by the account's; any
 * other request draws on the account's. An attacker guessing from anywhere exhausts only the
 * account budget, so the owner's browser still signs in: no lockout button (OWASP "Slow Down
 * Online Guessing Attacks with Device Cookies").
 *
 * Charged up front, success or failure: the storages count and decide in one atomic step
 * (SECURITY.md rule 1), so 20 parallel guesses get 10 password checks, never 20 (a
 * check-now-count-on-failure scheme would let every request of a burst through the check).
 * A success is not refunded and does not reset the count: a reset would be a second write
 * racing the burst, and a limit on consecutive failures is one that anyone holding a valid
 * login for the same bucket can keep resetting between guesses. A success rotates the device
 * cookie instead, which gives the owner a fresh device budget.
 *
 * No enumeration (SECURITY.md rule 8): the key is the identifier as typed, hashed
 * ({@link throttleKey}), not a user id, so an unknown address has a counter exactly like a
 * known one and is charged by the same requests. The 11th attempt therefore gets the same
 * 429, with the same body and the same `X-Retry-After`, for both. A refused attempt does less
 * work than a counted one (no password hash), but equally less for both: what it reveals is
 * only what the caller already knows (that he sent ten requests). The device-cookie check
 * reads no storage. The charge runs before the credential lookup, so known and unknown
 * accounts do the same work up to the answer.
 */
export async function chargeSignInAttempt(auth: AuthContext, headers: Headers, identifier: SignInIdentifier): Promise<SignInCharge | null> {
	const { account, storage } = auth.rateLimit;
	if (!account.enabled) return null;
	const accountKey = throttleKey(auth, identifier.kind === "email" ? "sign-in-email" : "sign-in-username", identifier.value);
	const deviceId = readDeviceId(auth, headers, accountKey);
	const bucket = deviceId ? `account-device:${deviceId}` : `account-sign-in:${accountKey}`;
	const decision = await storage.consume(bucket, account.signIn, auth.now().getTime());
	if (!decision.allowed) {
		throw APIError.from("TOO_MANY_REQUESTS", BASE_ERROR_CODES.TOO_MANY_SIGN_IN_ATTEMPTS, { "x-retry-after": String(decision.retryAfter) });
	}
	return { accountKey };
}
