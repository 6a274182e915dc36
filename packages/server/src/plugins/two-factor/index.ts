import type { TwoFactorOptions } from "./options.ts";

export type { AccountLockoutOptions, BackupCodeOptions, OTPOptions, StoreBackupCodes, StoreOTP, TOTPOptions, TwoFactorOptions } from "./options.ts";

type Implementation = typeof import("./two-factor-plugin.ts");

/**
 * Two-factor authentication, wire-compatible with Better Auth's `twoFactor()` (spec/plugins.md
 * §3): authenticator apps (TOTP, RFC 6238), email/SMS codes, backup codes and trusted
 * devices. A password sign-in of a user with 2FA on answers `{ twoFactorRedirect: true }`
 * and a pending challenge instead of a session; `/two-factor/verify-*` finish it.
 *
 * Beyond Better Auth: a TOTP code is accepted once (RFC 6238 §5.2), email-OTP users are
 * covered by the account lockout too, and disabling 2FA forgets every trusted device.
 *
 * The plugin's modules are loaded on the first call (Bun's synchronous `require`), so an app
 * that does not use this plugin does not load them when it imports `@latchkey/server`.
 *
 * @example
 * const auth = createLatchkey({
 *   emailAndPassword: { enabled: true },
 *   plugins: [twoFactor({ issuer: "Acme", otpOptions: { sendOTP: ({ user, otp }) => mailer.send(user.email, otp) } })],
 * });
 */
export function twoFactor(options: TwoFactorOptions = {}): ReturnType<Implementation["twoFactor"]> {
	return (require("./two-factor-plugin.ts") as Implementation).twoFactor(options);
}
