import { APIError, TWO_FACTOR_ERROR_CODES, enableTwoFactor as route } from "@latchkey/core";
import { symmetricEncrypt } from "../../crypto/symmetric.ts";
import { generateId } from "../../crypto/random.ts";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import type { Storage } from "../../storage/storage.ts";
import { encodeBackupCodes, generateBackupCodes } from "./backup-codes.ts";
import type { ResolvedTwoFactorOptions } from "./options.ts";
import { confirmPassword } from "./password.ts";
import { rotateSession } from "./rotate-session.ts";
import { generateTotpSecret, totpURI } from "./totp.ts";

/**
 * `POST /two-factor/enable` (spec/plugins.md §3.3): `auth.api.enableTwoFactor`,
 * `client.twoFactor.enable`. `method: "otp"` turns 2FA on at once (new session);
 * `"totp"` stores a new encrypted secret and backup codes, unverified until the first
 * `verify-totp` (or verified at once with `skipVerificationOnEnable`).
 */
export function enableEndpoint(options: ResolvedTwoFactorOptions) {
	return defineEndpoint(route, "sensitive", async (ctx) => {
		const { auth, body } = ctx;
		const { user } = ctx.session;
		await confirmPassword(auth, user, body.password, options.allowPasswordless);
		if (body.method === "otp") {
			if (!options.otp.sendOTP) throw APIError.from("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.OTP_NOT_CONFIGURED);
			await rotateSession(ctx, ctx.session, { patch: { twoFactorEnabled: true } });
			return { method: "otp" as const };
		}
		if (options.totp.disabled) throw APIError.from("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.TOTP_NOT_CONFIGURED);
		const existing = await auth.storage.findOne("twoFactor", { userId: user.id });
		// Re-enrolling over a confirmed secret would silently lock out the user's authenticator.
		if (existing && existing.verified !== false) throw APIError.from("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.TOTP_ALREADY_ENABLED);

		const secret = generateTotpSecret();
		const backupCodes = generateBackupCodes(options.backupCodes);
		const data = {
			// Encrypted at rest with the server secret, in Better Auth's format (spec/plugins.md §1.5).
			secret: symmetricEncrypt(auth.secret, secret),
			backupCodes: await encodeBackupCodes(auth, backupCodes, options.backupCodes),
			verified: options.skipVerificationOnEnable,
			failedVerificationCount: 0,
			lockedUntil: null,
		};
		const write = async (tx: Storage): Promise<void> => {
			if (existing) await tx.update("twoFactor", { id: existing.id }, data);
			else await tx.create("twoFactor", { id: generateId(), userId: user.id, ...data });
		};
		if (options.skipVerificationOnEnable) await rotateSession(ctx, ctx.session, { patch: { twoFactorEnabled: true }, alsoWrite: write });
		else await write(auth.storage);

		ctx.response.headers.set("cache-control", "no-store");
		const issuer = body.issuer || options.issuer || auth.appName;
		return { method: "totp" as const, totpURI: totpURI({ secret, issuer, account: user.email, digits: options.totp.digits, period: options.totp.period }), backupCodes };
	});
}
