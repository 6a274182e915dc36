import {
	APIError,
	TWO_FACTOR_ERROR_CODES,
	TWO_FACTOR_INLINE_ERRORS,
	generateBackupCodes as generateRoute,
	verifyBackupCode as verifyRoute,
	viewBackupCodes as viewRoute,
} from "@latchkey/core";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import { toUserOutput } from "../../session/output.ts";
import { decodeBackupCodes, encodeBackupCodes, findBackupCode, generateBackupCodes } from "./backup-codes.ts";
import { judgeGuess } from "./judge-guess.ts";
import type { ResolvedTwoFactorOptions } from "./options.ts";
import { confirmPassword } from "./password.ts";
import { resolveVerifier, verified } from "./verifier.ts";

/** The backup-code endpoints: verify, regenerate, and the server-only `viewBackupCodes`. */
export function backupCodeEndpoints(options: ResolvedTwoFactorOptions) {
	const settings = options.backupCodes;

	/**
	 * `POST /two-factor/verify-backup-code` (spec/plugins.md §3.3): `auth.api.verifyBackupCode`,
	 * `client.twoFactor.verifyBackupCode`. Spends one code with a compare-and-set on the stored
	 * list, so of parallel uses of one code exactly one succeeds (SECURITY.md rule 1); a loser
	 * of the race gets 409 as in Better Auth.
	 */
	const verifyBackupCode = defineEndpoint(verifyRoute, "none", async (ctx) => {
		const { auth, body } = ctx;
		const verifier = await resolveVerifier(ctx);
		const row = await auth.storage.findOne("twoFactor", { userId: verifier.user.id });
		if (!row) throw APIError.from("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.BACKUP_CODES_NOT_ENABLED);
		const attempt = await judgeGuess(ctx, options, verifier, {
			row,
			invalid: TWO_FACTOR_ERROR_CODES.INVALID_BACKUP_CODE,
			async check() {
				const codes = (await decodeBackupCodes(auth, row.backupCodes, settings)) ?? [];
				const index = findBackupCode(codes, body.code);
				if (index === -1) return false;
				const remaining = await encodeBackupCodes(auth, codes.toSpliced(index, 1), settings);
				const spent = await auth.storage.update("twoFactor", { id: row.id, backupCodes: row.backupCodes }, { backupCodes: remaining });
				if (!spent) throw new APIError("CONFLICT", TWO_FACTOR_INLINE_ERRORS.BACKUP_CODE_CONFLICT);
				return true;
			},
		});
		if (!body.disableSession) return verified(ctx, options, verifier, { trustDevice: body.trustDevice });
		// No session wanted: the challenge stays usable, and so does its attempt counter.
		await attempt?.restore();
		ctx.response.headers.set("cache-control", "no-store");
		return { ...(verifier.session ? { token: verifier.session.token } : {}), user: toUserOutput(auth, verifier.user) };
	});

	/**
	 * `POST /two-factor/generate-backup-codes`: `auth.api.generateBackupCodes`,
	 * `client.twoFactor.generateBackupCodes`. Replaces every code, behind the password.
	 */
	const generateBackupCodesEndpoint = defineEndpoint(generateRoute, "sensitive", async (ctx) => {
		const { auth } = ctx;
		const { user } = ctx.session;
		if (!user.twoFactorEnabled) throw APIError.from("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.TWO_FACTOR_NOT_ENABLED);
		await confirmPassword(auth, user, ctx.body.password, options.allowPasswordless);
		const row = await auth.storage.findOne("twoFactor", { userId: user.id });
		if (!row) throw APIError.from("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.TWO_FACTOR_NOT_ENABLED);
		const backupCodes = generateBackupCodes(settings);
		await auth.storage.update("twoFactor", { id: row.id }, { backupCodes: await encodeBackupCodes(auth, backupCodes, settings) });
		ctx.response.headers.set("cache-control", "no-store");
		return { status: true, backupCodes };
	});

	/** Server only: `auth.api.viewBackupCodes({ body: { userId } })`, the user's unused codes. */
	const viewBackupCodes = defineEndpoint(
		viewRoute,
		"none",
		async ({ auth, body }) => {
			const row = await auth.storage.findOne("twoFactor", { userId: body.userId });
			if (!row) throw APIError.from("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.BACKUP_CODES_NOT_ENABLED);
			const backupCodes = await decodeBackupCodes(auth, row.backupCodes, settings);
			if (!backupCodes) throw APIError.from("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.INVALID_BACKUP_CODE);
			return { status: true, backupCodes };
		},
		{ serverOnly: true },
	);

	return { verifyBackupCode, generateBackupCodes: generateBackupCodesEndpoint, viewBackupCodes };
}
