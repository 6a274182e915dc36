import type { UserRow } from "../../storage/rows.ts";

/** How email/SMS one-time codes are kept in their verification row. */
export type StoreOTP = "plain" | "hashed" | "encrypted" | { hash: (otp: string) => Promise<string> | string } | { encrypt: (otp: string) => Promise<string> | string; decrypt: (stored: string) => Promise<string> | string };

/** How backup codes are kept in the `twoFactor` row. */
export type StoreBackupCodes = "plain" | "encrypted" | { encrypt: (json: string) => Promise<string> | string; decrypt: (stored: string) => Promise<string> | string };

/** Email/SMS one-time codes (spec/plugins.md §3.5). */
export interface OTPOptions {
	/** Delivers a code. Without it, OTP is off (`send-otp` answers 400 OTP_NOT_CONFIGURED). */
	sendOTP?: (data: { user: UserRow; otp: string }, request: Request | undefined) => Promise<void> | void;
	/** Lifetime in **minutes**. Default 3. */
	period?: number;
	/** Default 6. */
	digits?: number;
	/** Wrong codes allowed per sent code. Default 5. */
	allowedAttempts?: number;
	/** Default `"plain"` (Better Auth's default); `"hashed"` keeps SHA-256/base64url. */
	storeOTP?: StoreOTP;
}

/** Authenticator-app codes (RFC 6238). */
export interface TOTPOptions {
	/** Default 6. */
	digits?: number;
	/** Seconds per code. Default 30. */
	period?: number;
	/** Turns TOTP off (only OTP and backup codes remain). */
	disable?: boolean;
	/** Issuer shown by `get-totp-uri`. Default: the plugin's `issuer`, then `appName`. */
	issuer?: string;
}

/** Recovery codes. */
export interface BackupCodeOptions {
	/** Default 10. */
	amount?: number;
	/** Characters per code before the dash is added. Default 10 (`XXXXX-XXXXX`). */
	length?: number;
	/** Default `"encrypted"` (XChaCha20-Poly1305 with the server secret, Better Auth's format). */
	storeBackupCodes?: StoreBackupCodes;
	/** Replaces the generator. */
	customBackupCodesGenerate?: () => string[];
}

/** Per-account lockout across challenges (SECURITY.md rules 7 and 15). */
export interface AccountLockoutOptions {
	/** Default true. */
	enabled?: boolean;
	/** Consecutive failed verifications before the lock. Default 10. */
	maxFailedAttempts?: number;
	/** Default 900. */
	durationSeconds?: number;
}

/** Options of `twoFactor()`; defaults are Better Auth's (spec/plugins.md §3.2). */
export interface TwoFactorOptions {
	/** Issuer in the otpauth URI. Default: `appName`. */
	issuer?: string;
	/** Enable at once on `/two-factor/enable`, without a first TOTP code. Default false. */
	skipVerificationOnEnable?: boolean;
	/** Users without a credential password may enable, disable and manage 2FA without one. Default false. */
	allowPasswordless?: boolean;
	otpOptions?: OTPOptions;
	totpOptions?: TOTPOptions;
	backupCodeOptions?: BackupCodeOptions;
	accountLockout?: AccountLockoutOptions;
	/** Seconds a trusted device skips 2FA (renewed at each sign-in). Default 2 592 000 (30 days). */
	trustDeviceMaxAge?: number;
	/** Seconds the pending sign-in challenge lives. Default 600. */
	twoFactorCookieMaxAge?: number;
}

/** Options with every default filled in. */
export interface ResolvedTwoFactorOptions {
	issuer: string | undefined;
	skipVerificationOnEnable: boolean;
	allowPasswordless: boolean;
	otp: { sendOTP: OTPOptions["sendOTP"]; periodSeconds: number; digits: number; allowedAttempts: number; store: StoreOTP };
	totp: { digits: number; period: number; disabled: boolean; issuer: string | undefined };
	backupCodes: { amount: number; length: number; store: StoreBackupCodes; generate: (() => string[]) | undefined };
	lockout: { enabled: boolean; maxFailedAttempts: number; durationSeconds: number };
	trustDeviceMaxAge: number;
	challengeMaxAge: number;
}

/** Fills in Better Auth's defaults. */
export function resolveOptions(options: TwoFactorOptions): ResolvedTwoFactorOptions {
	const { otpOptions: otp = {}, totpOptions: totp = {}, backupCodeOptions: codes = {}, accountLockout: lockout = {} } = options;
	return {
		issuer: options.issuer,
		skipVerificationOnEnable: options.skipVerificationOnEnable ?? false,
		allowPasswordless: options.allowPasswordless ?? false,
		otp: {
			sendOTP: otp.sendOTP,
			periodSeconds: (otp.period || 3) * 60,
			digits: otp.digits ?? 6,
			allowedAttempts: otp.allowedAttempts || 5,
			store: otp.storeOTP ?? "plain",
		},
		totp: { digits: totp.digits || 6, period: totp.period || 30, disabled: totp.disable ?? false, issuer: totp.issuer },
		backupCodes: { amount: codes.amount ?? 10, length: codes.length ?? 10, store: codes.storeBackupCodes ?? "encrypted", generate: codes.customBackupCodesGenerate },
		lockout: { enabled: lockout.enabled ?? true, maxFailedAttempts: lockout.maxFailedAttempts ?? 10, durationSeconds: lockout.durationSeconds ?? 900 },
		trustDeviceMaxAge: options.trustDeviceMaxAge ?? 2_592_000,
		challengeMaxAge: options.twoFactorCookieMaxAge ?? 600,
	};
}

/** Challenge id prefix and the cookie names inside the instance's prefix (spec/plugins.md §1.4). */
export const TWO_FACTOR_COOKIE = "two_factor";
export const TRUST_DEVICE_COOKIE = "trust_device";
/** Attempts allowed per sign-in challenge for TOTP and backup codes (spec/plugins.md §3.2). */
export const CHALLENGE_ATTEMPTS = 5;
