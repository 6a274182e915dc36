import type { LatchkeyPlugin } from "../../plugin.ts";
import { backupCodeEndpoints } from "./backup-code-routes.ts";
import { disableEndpoint } from "./disable.ts";
import { enableEndpoint } from "./enable.ts";
import { resolveOptions } from "./options.ts";
import type { TwoFactorOptions } from "./options.ts";
import { otpEndpoints } from "./otp-routes.ts";
import { twoFactorSignInHook } from "./sign-in-hook.ts";
import { totpEndpoints } from "./totp-routes.ts";
import { forgetTrustedDevices } from "./trust-device.ts";

export type { AccountLockoutOptions, BackupCodeOptions, OTPOptions, StoreBackupCodes, StoreOTP, TOTPOptions, TwoFactorOptions } from "./options.ts";

/**
 * Two-factor authentication, wire-compatible with Better Auth's `twoFactor()` (spec/plugins.md
 * §3): authenticator apps (TOTP, RFC 6238), email/SMS codes, backup codes and trusted
 * devices. A password sign-in of a user with 2FA on answers `{ twoFactorRedirect: true }`
 * and a pending challenge instead of a session; `/two-factor/verify-*` finish it.
 *
 * Beyond Better Auth: a TOTP code is accepted once (RFC 6238 §5.2), email-OTP users are
 * covered by the account lockout too, and disabling 2FA forgets every trusted device.
 *
 * @example
 * const auth = createLatchkey({
 *   emailAndPassword: { enabled: true },
 *   plugins: [twoFactor({ issuer: "Acme", otpOptions: { sendOTP: ({ user, otp }) => mailer.send(user.email, otp) } })],
 * });
 */
export function twoFactor(options: TwoFactorOptions = {}) {
	const resolved = resolveOptions(options);
	return {
		id: "two-factor",
		endpoints: {
			enableTwoFactor: enableEndpoint(resolved),
			disableTwoFactor: disableEndpoint(resolved),
			...totpEndpoints(resolved),
			...otpEndpoints(resolved),
			...backupCodeEndpoints(resolved),
		},
		userFields: ["twoFactorEnabled"],
		afterSignIn: twoFactorSignInHook(resolved),
		revokeCredentials: ({ userId, storage }) => forgetTrustedDevices(storage, userId),
		// Better Auth's rule: any /two-factor/ path, 3 requests per 10 seconds per client.
		rateLimit: { "/two-factor/*": { window: 10, max: 3 } },
	} satisfies LatchkeyPlugin;
}
