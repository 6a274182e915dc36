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

/** The `twoFactor()` plugin object; loaded by `twoFactor()` in `index.ts` on first call. */
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
