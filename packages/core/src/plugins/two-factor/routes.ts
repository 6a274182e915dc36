import * as z from "zod";
import { defineRoute } from "../../contract/define-route.ts";
import { lazyRoute } from "../../contract/lazy-route.ts";
import { LIMITS, userSchema } from "../../model.ts";
import { password } from "../../routes/fields.ts";

/**
 * A code as typed by a user: TOTP and email OTP digits or a backup code (`XXXXX-XXXXX`).
 * Bounded so a hostile body cannot reach storage or the comparison (SECURITY.md rule 17).
 */
const code = z.string().max(128);
/** `true` trusts this browser for `trustDeviceMaxAge` (30 days by default). */
const trustDevice = z.boolean().optional();
/** Required unless the server allows passwordless 2FA and the user has no password. */
const passwordBody = z.object({ password: password.optional() });
const statusResponse = z.object({ status: z.boolean() });
/** The body of a successful verification: a session token (sign-in) and the user. */
const verifiedResponse = z.object({ token: z.string(), user: userSchema });

/** `POST /two-factor/enable`. `auth.api.enableTwoFactor`, `client.twoFactor.enable`. */
export const enableTwoFactor = lazyRoute(() =>
	defineRoute({
		name: "enableTwoFactor",
		method: "POST",
		path: "/two-factor/enable",
		body: passwordBody.extend({
			method: z.enum(["totp", "otp"]).default("totp"),
			issuer: z.string().max(LIMITS.name).optional(),
		}),
		response: z.discriminatedUnion("method", [
			z.object({ method: z.literal("totp"), totpURI: z.string(), backupCodes: z.array(z.string()) }),
			z.object({ method: z.literal("otp") }),
		]),
		requiresSession: true,
		errorCodes: ["UNAUTHORIZED", "INVALID_PASSWORD", "PASSWORD_TOO_LONG", "OTP_NOT_CONFIGURED", "TOTP_NOT_CONFIGURED", "TOTP_ALREADY_ENABLED"],
		summary: "Enable two-factor authentication",
	}),
);

/** `POST /two-factor/disable`. `auth.api.disableTwoFactor`, `client.twoFactor.disable`. */
export const disableTwoFactor = lazyRoute(() =>
	defineRoute({
		name: "disableTwoFactor",
		method: "POST",
		path: "/two-factor/disable",
		body: passwordBody,
		response: statusResponse,
		requiresSession: true,
		errorCodes: ["UNAUTHORIZED", "INVALID_PASSWORD", "PASSWORD_TOO_LONG"],
		summary: "Disable two-factor authentication",
	}),
);

/** `POST /two-factor/get-totp-uri`. `auth.api.getTOTPURI`, `client.twoFactor.getTotpUri`. */
export const getTOTPURI = lazyRoute(() =>
	defineRoute({
		name: "getTOTPURI",
		method: "POST",
		path: "/two-factor/get-totp-uri",
		body: passwordBody,
		response: z.object({ totpURI: z.string() }),
		requiresSession: true,
		errorCodes: ["UNAUTHORIZED", "TOTP_NOT_CONFIGURED", "TOTP_NOT_ENABLED", "INVALID_PASSWORD", "PASSWORD_TOO_LONG"],
		summary: "Get the TOTP URI of the enrolled secret",
	}),
);

/**
 * `POST /two-factor/verify-totp`: finishes enrolment (with a session) or a sign-in (with the
 * `two_factor` cookie). `auth.api.verifyTOTP`, `client.twoFactor.verifyTotp`.
 */
export const verifyTOTP = lazyRoute(() =>
	defineRoute({
		name: "verifyTOTP",
		method: "POST",
		path: "/two-factor/verify-totp",
		body: z.object({ code, trustDevice }),
		response: verifiedResponse,
		errorCodes: [
			"TOTP_NOT_CONFIGURED",
			"INVALID_TWO_FACTOR_COOKIE",
			"TOTP_NOT_ENABLED",
			"ACCOUNT_TEMPORARILY_LOCKED",
			"TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE",
			"INVALID_CODE",
		],
		summary: "Verify a TOTP code",
	}),
);

/** `POST /two-factor/send-otp`. `auth.api.sendTwoFactorOTP`, `client.twoFactor.sendOtp`. */
export const sendTwoFactorOTP = lazyRoute(() =>
	defineRoute({
		name: "sendTwoFactorOTP",
		method: "POST",
		path: "/two-factor/send-otp",
		body: z.object({ trustDevice }).optional(),
		response: statusResponse,
		errorCodes: ["OTP_NOT_CONFIGURED", "INVALID_TWO_FACTOR_COOKIE", "ACCOUNT_TEMPORARILY_LOCKED"],
		summary: "Send a one-time code by email or SMS",
	}),
);

/** `POST /two-factor/verify-otp`. `auth.api.verifyTwoFactorOTP`, `client.twoFactor.verifyOtp`. */
export const verifyTwoFactorOTP = lazyRoute(() =>
	defineRoute({
		name: "verifyTwoFactorOTP",
		method: "POST",
		path: "/two-factor/verify-otp",
		body: z.object({ code, trustDevice }),
		response: verifiedResponse,
		errorCodes: ["INVALID_TWO_FACTOR_COOKIE", "ACCOUNT_TEMPORARILY_LOCKED", "OTP_HAS_EXPIRED", "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE", "INVALID_CODE"],
		summary: "Verify a one-time code",
	}),
);

/**
 * `POST /two-factor/generate-backup-codes`: replaces every backup code.
 * `auth.api.generateBackupCodes`, `client.twoFactor.generateBackupCodes`.
 */
export const generateBackupCodes = lazyRoute(() =>
	defineRoute({
		name: "generateBackupCodes",
		method: "POST",
		path: "/two-factor/generate-backup-codes",
		body: passwordBody,
		response: z.object({ status: z.boolean(), backupCodes: z.array(z.string()) }),
		requiresSession: true,
		errorCodes: ["UNAUTHORIZED", "TWO_FACTOR_NOT_ENABLED", "INVALID_PASSWORD", "PASSWORD_TOO_LONG"],
		summary: "Generate new backup codes",
	}),
);

/**
 * `POST /two-factor/verify-backup-code`: uses one backup code (it is spent).
 * `auth.api.verifyBackupCode`, `client.twoFactor.verifyBackupCode`. With `disableSession`
 * no session is created and `token` is the caller's current one, if any.
 */
export const verifyBackupCode = lazyRoute(() =>
	defineRoute({
		name: "verifyBackupCode",
		method: "POST",
		path: "/two-factor/verify-backup-code",
		body: z.object({ code, disableSession: z.boolean().optional(), trustDevice }),
		response: verifiedResponse.extend({ token: z.string().optional() }),
		errorCodes: ["INVALID_TWO_FACTOR_COOKIE", "BACKUP_CODES_NOT_ENABLED", "ACCOUNT_TEMPORARILY_LOCKED", "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE", "INVALID_BACKUP_CODE"],
		summary: "Verify a backup code",
	}),
);

/** Server only (`auth.api.viewBackupCodes({ body: { userId } })`): the user's unused backup codes. */
export const viewBackupCodes = lazyRoute(() =>
	defineRoute({
		name: "viewBackupCodes",
		method: "POST",
		path: "/two-factor/view-backup-codes",
		body: z.object({ userId: z.string().max(LIMITS.token) }),
		response: z.object({ status: z.boolean(), backupCodes: z.array(z.string()) }),
		errorCodes: ["BACKUP_CODES_NOT_ENABLED", "INVALID_BACKUP_CODE"],
		summary: "View a user's backup codes (server only)",
	}),
);

/** Server only (`auth.api.generateTOTP({ body: { secret } })`): the current TOTP code of a secret. */
export const generateTOTP = lazyRoute(() =>
	defineRoute({
		name: "generateTOTP",
		method: "POST",
		path: "/two-factor/generate-totp",
		body: z.object({ secret: z.string().max(LIMITS.token) }),
		response: z.object({ code: z.string() }),
		errorCodes: ["TOTP_NOT_CONFIGURED"],
		summary: "Generate the current TOTP code (server only)",
	}),
);

/** The two-factor plugin's HTTP routes, by endpoint name (all POST, spec/plugins.md §3.3). */
export const twoFactorRoutes = {
	enableTwoFactor,
	disableTwoFactor,
	getTOTPURI,
	verifyTOTP,
	sendTwoFactorOTP,
	verifyTwoFactorOTP,
	generateBackupCodes,
	verifyBackupCode,
} as const;

/** The two-factor plugin's server-only endpoints (not on the HTTP router: 404). */
export const twoFactorServerRoutes = { viewBackupCodes, generateTOTP } as const;
