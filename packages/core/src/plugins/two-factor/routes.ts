import * as z from "zod";
import { lazyRoute } from "../../contract/lazy-route.ts";
import { once } from "../../contract/once.ts";
import { LIMITS, userSchema } from "../../model.ts";
import { password } from "../../routes/fields.ts";

/**
 * A code as typed by a user: TOTP and email OTP digits or a backup code (`XXXXX-XXXXX`).
 * Bounded so a hostile body cannot reach storage or the comparison (SECURITY.md rule 17).
 */
const code = once(() => z.string().max(128));
/** `true` trusts this browser for `trustDeviceMaxAge` (30 days by default). */
const trustDevice = once(() => z.boolean().optional());
/** Required unless the server allows passwordless 2FA and the user has no password. */
const passwordBody = once(() => z.object({ password: password.optional() }));
const statusResponse = once(() => z.object({ status: z.boolean() }));
/** The body of a successful verification: a session token (sign-in) and the user. */
const verifiedResponse = once(() => z.object({ token: z.string(), user: userSchema }));

/** `POST /two-factor/enable`. `auth.api.enableTwoFactor`, `client.twoFactor.enable`. */
export const enableTwoFactor = lazyRoute({
	name: "enableTwoFactor",
	method: "POST",
	path: "/two-factor/enable",
	get body() {
		return passwordBody().extend({
			method: z.enum(["totp", "otp"]).default("totp"),
			issuer: z.string().max(LIMITS.name).optional(),
		});
	},
	get response() {
		return z.discriminatedUnion("method", [
			z.object({ method: z.literal("totp"), totpURI: z.string(), backupCodes: z.array(z.string()) }),
			z.object({ method: z.literal("otp") }),
		]);
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED", "INVALID_PASSWORD", "PASSWORD_TOO_LONG", "OTP_NOT_CONFIGURED", "TOTP_NOT_CONFIGURED", "TOTP_ALREADY_ENABLED"],
	summary: "Enable two-factor authentication",
});

/** `POST /two-factor/disable`. `auth.api.disableTwoFactor`, `client.twoFactor.disable`. */
export const disableTwoFactor = lazyRoute({
	name: "disableTwoFactor",
	method: "POST",
	path: "/two-factor/disable",
	get body() {
		return passwordBody();
	},
	get response() {
		return statusResponse();
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED", "INVALID_PASSWORD", "PASSWORD_TOO_LONG"],
	summary: "Disable two-factor authentication",
});

/** `POST /two-factor/get-totp-uri`. `auth.api.getTOTPURI`, `client.twoFactor.getTotpUri`. */
export const getTOTPURI = lazyRoute({
	name: "getTOTPURI",
	method: "POST",
	path: "/two-factor/get-totp-uri",
	get body() {
		return passwordBody();
	},
	get response() {
		return z.object({ totpURI: z.string() });
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED", "TOTP_NOT_CONFIGURED", "TOTP_NOT_ENABLED", "INVALID_PASSWORD", "PASSWORD_TOO_LONG"],
	summary: "Get the TOTP URI of the enrolled secret",
});

/**
 * `POST /two-factor/verify-totp`: finishes enrolment (with a session) or a sign-in (with the
 * `two_factor` cookie). `auth.api.verifyTOTP`, `client.twoFactor.verifyTotp`.
 */
export const verifyTOTP = lazyRoute({
	name: "verifyTOTP",
	method: "POST",
	path: "/two-factor/verify-totp",
	get body() {
		return z.object({ code: code(), trustDevice: trustDevice() });
	},
	get response() {
		return verifiedResponse();
	},
	errorCodes: [
		"TOTP_NOT_CONFIGURED",
		"INVALID_TWO_FACTOR_COOKIE",
		"TOTP_NOT_ENABLED",
		"ACCOUNT_TEMPORARILY_LOCKED",
		"TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE",
		"INVALID_CODE",
	],
	summary: "Verify a TOTP code",
});

/** `POST /two-factor/send-otp`. `auth.api.sendTwoFactorOTP`, `client.twoFactor.sendOtp`. */
export const sendTwoFactorOTP = lazyRoute({
	name: "sendTwoFactorOTP",
	method: "POST",
	path: "/two-factor/send-otp",
	get body() {
		return z.object({ trustDevice: trustDevice() }).optional();
	},
	get response() {
		return statusResponse();
	},
	errorCodes: ["OTP_NOT_CONFIGURED", "INVALID_TWO_FACTOR_COOKIE", "ACCOUNT_TEMPORARILY_LOCKED"],
	summary: "Send a one-time code by email or SMS",
});

/** `POST /two-factor/verify-otp`. `auth.api.verifyTwoFactorOTP`, `client.twoFactor.verifyOtp`. */
export const verifyTwoFactorOTP = lazyRoute({
	name: "verifyTwoFactorOTP",
	method: "POST",
	path: "/two-factor/verify-otp",
	get body() {
		return z.object({ code: code(), trustDevice: trustDevice() });
	},
	get response() {
		return verifiedResponse();
	},
	errorCodes: ["INVALID_TWO_FACTOR_COOKIE", "ACCOUNT_TEMPORARILY_LOCKED", "OTP_HAS_EXPIRED", "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE", "INVALID_CODE"],
	summary: "Verify a one-time code",
});

/**
 * `POST /two-factor/generate-backup-codes`: replaces every backup code.
 * `auth.api.generateBackupCodes`, `client.twoFactor.generateBackupCodes`.
 */
export const generateBackupCodes = lazyRoute({
	name: "generateBackupCodes",
	method: "POST",
	path: "/two-factor/generate-backup-codes",
	get body() {
		return passwordBody();
	},
	get response() {
		return z.object({ status: z.boolean(), backupCodes: z.array(z.string()) });
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED", "TWO_FACTOR_NOT_ENABLED", "INVALID_PASSWORD", "PASSWORD_TOO_LONG"],
	summary: "Generate new backup codes",
});

/**
 * `POST /two-factor/verify-backup-code`: uses one backup code (it is spent).
 * `auth.api.verifyBackupCode`, `client.twoFactor.verifyBackupCode`. With `disableSession`
 * no session is created and `token` is the caller's current one, if any.
 */
export const verifyBackupCode = lazyRoute({
	name: "verifyBackupCode",
	method: "POST",
	path: "/two-factor/verify-backup-code",
	get body() {
		return z.object({ code: code(), disableSession: z.boolean().optional(), trustDevice: trustDevice() });
	},
	get response() {
		return verifiedResponse().extend({ token: z.string().optional() });
	},
	errorCodes: ["INVALID_TWO_FACTOR_COOKIE", "BACKUP_CODES_NOT_ENABLED", "ACCOUNT_TEMPORARILY_LOCKED", "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE", "INVALID_BACKUP_CODE"],
	summary: "Verify a backup code",
});

/** Server only (`auth.api.viewBackupCodes({ body: { userId } })`): the user's unused backup codes. */
export const viewBackupCodes = lazyRoute({
	name: "viewBackupCodes",
	method: "POST",
	path: "/two-factor/view-backup-codes",
	get body() {
		return z.object({ userId: z.string().max(LIMITS.token) });
	},
	get response() {
		return z.object({ status: z.boolean(), backupCodes: z.array(z.string()) });
	},
	errorCodes: ["BACKUP_CODES_NOT_ENABLED", "INVALID_BACKUP_CODE"],
	summary: "View a user's backup codes (server only)",
});

/** Server only (`auth.api.generateTOTP({ body: { secret } })`): the current TOTP code of a secret. */
export const generateTOTP = lazyRoute({
	name: "generateTOTP",
	method: "POST",
	path: "/two-factor/generate-totp",
	get body() {
		return z.object({ secret: z.string().max(LIMITS.token) });
	},
	get response() {
		return z.object({ code: z.string() });
	},
	errorCodes: ["TOTP_NOT_CONFIGURED"],
	summary: "Generate the current TOTP code (server only)",
});

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
