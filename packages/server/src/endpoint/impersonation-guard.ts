import { APIError } from "@latchkey/core";
import type { SessionAndUser } from "../session/types.ts";

/**
 * Endpoints that create or reveal a credential of the signed-in user: a passkey, a TOTP
 * secret or backup codes, a password (or a check of one), a new email address (the way into a password reset),
 * a linked social account. API-key creation checks the same rule in `resolveKeyOwner`.
 */
export const CREDENTIAL_ENDPOINTS: ReadonlySet<string> = new Set([
	"generatePasskeyRegistrationOptions",
	"verifyPasskeyRegistration",
	"enableTwoFactor",
	"getTOTPURI",
	"generateBackupCodes",
	"viewBackupCodes",
	"changePassword",
	"setPassword",
	// Not a write, but a confirmed password outlives the impersonation.
	"verifyPassword",
	"changeEmail",
	"linkSocialAccount",
]);

/** The refusal: 403, with a code of its own so a support UI can explain it. */
export const IMPERSONATION_NOT_ALLOWED = { code: "IMPERSONATION_NOT_ALLOWED", message: "This action is not allowed while impersonating a user" } as const;

/**
 * An admin impersonating a user must not leave credentials behind: a passkey or API key
 * registered during impersonation would outlive it and let the admin back in as the user
 * at any time, unaudited (SECURITY.md rule 17; found by security/privilege-escalation, issue 12).
 */
export function refuseCredentialChangeWhileImpersonating(endpointName: string, session: SessionAndUser): void {
	if (session.session.impersonatedBy && CREDENTIAL_ENDPOINTS.has(endpointName)) throw new APIError("FORBIDDEN", IMPERSONATION_NOT_ALLOWED);
}
