import { defineErrorCodes } from "../../errors/define-error-codes.ts";

/** The two-factor plugin's codes (spec/plugins.md §3.6), with Better Auth's texts. */
export const TWO_FACTOR_ERROR_CODES = defineErrorCodes({
	OTP_NOT_ENABLED: "OTP not enabled",
	OTP_NOT_CONFIGURED: "OTP is not available",
	OTP_HAS_EXPIRED: "OTP has expired",
	TOTP_NOT_ENABLED: "TOTP not enabled",
	TOTP_ALREADY_ENABLED: "TOTP is already enabled",
	TOTP_NOT_CONFIGURED: "TOTP is not available",
	TWO_FACTOR_NOT_ENABLED: "Two factor isn't enabled",
	BACKUP_CODES_NOT_ENABLED: "Backup codes aren't enabled",
	INVALID_BACKUP_CODE: "Invalid backup code",
	INVALID_CODE: "Invalid code",
	TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE: "Too many attempts. Please request a new code.",
	ACCOUNT_TEMPORARILY_LOCKED: "Too many failed verification attempts. Your account is temporarily locked. Please try again later.",
	INVALID_TWO_FACTOR_COOKIE: "Invalid two factor cookie",
});

/**
 * Errors Better Auth builds inline, with texts that differ from the table above
 * (spec/plugins.md §3.6): `send-otp` and the TOTP routes when the method is off, and the
 * 409 of a lost race on a backup code (a message without a code).
 */
export const TWO_FACTOR_INLINE_ERRORS = {
	OTP_NOT_CONFIGURED: { code: "OTP_NOT_CONFIGURED", message: "otp isn't configured" },
	TOTP_NOT_CONFIGURED: { code: "TOTP_NOT_CONFIGURED", message: "totp isn't configured" },
	BACKUP_CODE_CONFLICT: { message: "Failed to verify backup code. Please try again." },
} as const;
