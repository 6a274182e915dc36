import { APIError, TWO_FACTOR_ERROR_CODES, TWO_FACTOR_INLINE_ERRORS, generateTOTP as generateRoute, getTOTPURI as uriRoute, verifyTOTP as verifyRoute } from "@latchkey/core";
import { symmetricDecrypt } from "../../crypto/symmetric.ts";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import type { TwoFactorRow } from "../../storage/rows.ts";
import { judgeGuess } from "./judge-guess.ts";
import type { ResolvedTwoFactorOptions } from "./options.ts";
import { confirmPassword } from "./password.ts";
import { rotateSession } from "./rotate-session.ts";
import { generateTotpCode, matchTotpCode, totpURI } from "./totp.ts";
import { markTotpStepUsed } from "./totp-replay.ts";
import { resolveVerifier, verified } from "./verifier.ts";

/** The TOTP endpoints: `get-totp-uri`, `verify-totp` and the server-only `generateTOTP`. */
export function totpEndpoints(options: ResolvedTwoFactorOptions) {
	const params = { digits: options.totp.digits, period: options.totp.period };
	const refuseWhenOff = (): void => {
		if (options.totp.disabled) throw APIError.from("BAD_REQUEST", TWO_FACTOR_INLINE_ERRORS.TOTP_NOT_CONFIGURED);
	};

	/**
	 * `POST /two-factor/get-totp-uri` (spec/plugins.md §3.3): `auth.api.getTOTPURI`,
	 * `client.twoFactor.getTotpUri`. The URI of the enrolled secret, behind the password.
	 */
	const getTOTPURI = defineEndpoint(uriRoute, "sensitive", async (ctx) => {
		refuseWhenOff();
		const { auth } = ctx;
		const { user } = ctx.session;
		const row = await auth.storage.findOne("twoFactor", { userId: user.id });
		if (!row) throw APIError.from("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.TOTP_NOT_ENABLED);
		await confirmPassword(auth, user, ctx.body.password, options.allowPasswordless);
		ctx.response.headers.set("cache-control", "no-store");
		const issuer = options.totp.issuer ?? options.issuer ?? auth.appName;
		return { totpURI: totpURI({ secret: symmetricDecrypt(auth.secret, row.secret), issuer, account: user.email, ...params }) };
	});

	/**
	 * `POST /two-factor/verify-totp` (spec/plugins.md §3.3, §3.4): `auth.api.verifyTOTP`,
	 * `client.twoFactor.verifyTotp`. With a session it finishes enrolment (2FA on, new
	 * session); with the `two_factor` cookie it finishes a sign-in. A code is accepted once.
	 */
	const verifyTOTP = defineEndpoint(verifyRoute, "none", async (ctx) => {
		refuseWhenOff();
		const { auth, body } = ctx;
		const verifier = await resolveVerifier(ctx);
		const row: TwoFactorRow | null = await auth.storage.findOne("twoFactor", { userId: verifier.user.id });
		if (!row || (verifier.mode === "sign-in" && row.verified === false)) throw APIError.from("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.TOTP_NOT_ENABLED);
		await judgeGuess(ctx, options, verifier, {
			row,
			invalid: TWO_FACTOR_ERROR_CODES.INVALID_CODE,
			async check() {
				const nowMs = auth.now().getTime();
				const step = matchTotpCode(symmetricDecrypt(auth.secret, row.secret), body.code, nowMs, params);
				return step !== null && (await markTotpStepUsed(auth, verifier.user.id, step, params.period));
			},
		});
		if (row.verified !== true) {
			const markVerified = async (tx: typeof auth.storage): Promise<void> => void (await tx.update("twoFactor", { id: row.id }, { verified: true }));
			if (verifier.mode === "session" && !verifier.user.twoFactorEnabled) {
				const rotated = await rotateSession(ctx, verifier, { patch: { twoFactorEnabled: true }, alsoWrite: markVerified });
				return verified(ctx, options, { ...verifier, ...rotated }, { trustDevice: false });
			}
			await markVerified(auth.storage);
		}
		return verified(ctx, options, verifier, { trustDevice: body.trustDevice });
	});

	/** Server only: `auth.api.generateTOTP({ body: { secret } })` gives the current code of a raw secret. */
	const generateTOTP = defineEndpoint(
		generateRoute,
		"none",
		async ({ auth, body }) => {
			refuseWhenOff();
			return { code: generateTotpCode(body.secret, auth.now().getTime(), params) };
		},
		{ serverOnly: true },
	);

	return { getTOTPURI, verifyTOTP, generateTOTP };
}
