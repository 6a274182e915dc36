import type { AuthContext } from "../../context/create-context.ts";
import { hmacBase64Url } from "../../crypto/sign.ts";

/** What a per-account counter counts. */
export type ThrottleScope = "sign-in-email" | "sign-in-username" | "mail-reset-password" | "mail-verification" | "mail-change-email";

/**
 * The counter key of an account: base64url(HMAC-SHA-256(secret, `scope` + identifier)),
 * always 43 characters whatever the input (a 1 KB or non-ASCII identifier included).
 *
 * Keyed on what the client typed (normalised as the lookup normalises it), never on a user id:
 * a key exists for every identifier, taken or not, so counting cannot tell them apart
 * (SECURITY.md rule 8). Hashed with the secret so that rate-limit rows and Redis keys do not
 * hold email addresses in clear, and nobody without the secret can map a key back to an
 * address by hashing a list of candidates (a plain SHA-256 could be).
 */
export function throttleKey(auth: AuthContext, scope: ThrottleScope, identifier: string): string {
	// The NUL separator keeps (scope, identifier) pairs apart: no identifier can imitate a scope.
	return hmacBase64Url(auth.secret, `latchkey-account-throttle\0${scope}\0${identifier}`);
}
