import { APIError, TWO_FACTOR_ERROR_CODES, TWO_FACTOR_INLINE_ERRORS, sendTwoFactorOTP as sendRoute, verifyTwoFactorOTP as verifyRoute } from "@latchkey/core";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import { cmp } from "../../storage/storage.ts";
import { createVerification } from "../../verification/verification-tokens.ts";
import { accountLockout } from "./account-lockout.ts";
import { judgeGuess } from "./judge-guess.ts";
import type { ResolvedTwoFactorOptions } from "./options.ts";
import { generateOtp, otpMatches, parseOtpRow, storeOtp } from "./otp.ts";
import { rotateSession } from "./rotate-session.ts";
import { resolveVerifier, verified } from "./verifier.ts";

/** The email/SMS code endpoints: `send-otp` and `verify-otp` (spec/plugins.md §3.5). */
export function otpEndpoints(options: ResolvedTwoFactorOptions) {
	const { otp } = options;

	/**
	 * `POST /two-factor/send-otp`: `auth.api.sendTwoFactorOTP`, `client.twoFactor.sendOtp`.
	 * Replaces any pending code of this session or challenge by a new one and hands it to
	 * `otpOptions.sendOTP`.
	 */
	const sendTwoFactorOTP = defineEndpoint(sendRoute, "none", async (ctx) => {
		const { sendOTP } = otp;
		if (!sendOTP) throw APIError.from("BAD_REQUEST", TWO_FACTOR_INLINE_ERRORS.OTP_NOT_CONFIGURED);
		const { auth } = ctx;
		const verifier = await resolveVerifier(ctx);
		if (verifier.mode === "sign-in") {
			// No codes are mailed to a locked account: the lock would not let them be used.
			const row = await auth.storage.findOne("twoFactor", { userId: verifier.user.id });
			await accountLockout(auth, options, verifier.user.id, row).assertNotLocked();
		}
		const code = generateOtp(otp.digits);
		const stored = await storeOtp(auth, code, otp.store);
		const identifier = `2fa-otp-${verifier.key}`;
		await auth.storage.transaction(async (tx) => {
			await tx.delete("verification", { identifier });
			await createVerification(auth, { identifier, value: `${stored}:0`, expiresInSeconds: otp.periodSeconds }, tx);
		});
		try {
			await sendOTP({ user: verifier.user, otp: code }, ctx.request);
		} catch (error) {
			// As Better Auth: a failed delivery is logged (by name only), the answer stays the same.
			console.error(`[latchkey] two-factor sendOTP failed: ${error instanceof Error ? error.name : typeof error}`);
		}
		return { status: true };
	});

	/**
	 * `POST /two-factor/verify-otp`: `auth.api.verifyTwoFactorOTP`, `client.twoFactor.verifyOtp`.
	 * The code is taken atomically (single use); a wrong one is put back with its counter up;
	 * after `allowedAttempts` failures it is refused until a new one is sent.
	 */
	const verifyTwoFactorOTP = defineEndpoint(verifyRoute, "none", async (ctx) => {
		const { auth, body } = ctx;
		const verifier = await resolveVerifier(ctx);
		const row = verifier.mode === "sign-in" ? await auth.storage.findOne("twoFactor", { userId: verifier.user.id }) : null;
		const identifier = `2fa-otp-${verifier.key}`;
		await judgeGuess(ctx, options, verifier, {
			row,
			invalid: TWO_FACTOR_ERROR_CODES.INVALID_CODE,
			async check() {
				const taken = await auth.storage.consume("verification", { identifier, expiresAt: cmp.gt(auth.now()) });
				if (!taken) throw APIError.from("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.OTP_HAS_EXPIRED);
				const { stored, attempts } = parseOtpRow(taken.value);
				if (attempts >= otp.allowedAttempts) throw APIError.from("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE);
				if (await otpMatches(auth, stored, body.code, otp.store)) return true;
				await auth.storage.create("verification", { ...taken, value: `${stored}:${attempts + 1}`, updatedAt: auth.now() });
				return false;
			},
		});
		if (verifier.mode === "session" && !verifier.user.twoFactorEnabled) {
			const rotated = await rotateSession(ctx, verifier, { patch: { twoFactorEnabled: true } });
			return verified(ctx, options, { ...verifier, ...rotated }, { trustDevice: false });
		}
		return verified(ctx, options, verifier, { trustDevice: body.trustDevice });
	});

	return { sendTwoFactorOTP, verifyTwoFactorOTP };
}
