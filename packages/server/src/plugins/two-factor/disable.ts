import { disableTwoFactor as route } from "@latchkey/core";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import { cmp } from "../../storage/storage.ts";
import type { ResolvedTwoFactorOptions } from "./options.ts";
import { confirmPassword } from "./password.ts";
import { rotateSession } from "./rotate-session.ts";
import { revokeTrustedDevices } from "./trust-device.ts";

/**
 * `POST /two-factor/disable` (spec/plugins.md §3.3): `auth.api.disableTwoFactor`,
 * `client.twoFactor.disable`. Behind the password and a session read from the database:
 * turns 2FA off, deletes the secret and backup codes, forgets every trusted device and
 * pending email code of the user, and replaces the session, all in one transaction.
 */
export function disableEndpoint(options: ResolvedTwoFactorOptions) {
	return defineEndpoint(route, "sensitive", async (ctx) => {
		const { auth, headers, response } = ctx;
		const { user } = ctx.session;
		await confirmPassword(auth, user, ctx.body.password, options.allowPasswordless);
		await rotateSession(ctx, ctx.session, {
			patch: { twoFactorEnabled: false },
			async alsoWrite(tx) {
				await tx.delete("twoFactor", { userId: user.id });
				await tx.delete("verification", { identifier: cmp.startsWith(`2fa-otp-${user.id}!`) });
				await revokeTrustedDevices(auth, tx, { userId: user.id, headers, response });
			},
		});
		return { status: true };
	});
}
