import { APIError, BASE_ERROR_CODES, resetPassword as resetRoute, resetPasswordCallback as callbackRoute } from "@latchkey/core";
import { credentialAccountRow } from "../../credentials/credential-account.ts";
import { checkPasswordLength } from "../../credentials/password-policy.ts";
import { revokeUserCredentials } from "../../credentials/revoke-credentials.ts";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import { authBaseURL } from "../../verification/email-links.ts";
import { consumeVerification, peekVerification } from "../../verification/verification-tokens.ts";
import { resetIdentifier } from "./request-password-reset.ts";

/**
 * `GET /reset-password/:token` (spec/core.md §9.23): the link in the reset email.
 * `auth.api.resetPasswordCallback({ params: { token }, query: { callbackURL } })`.
 * 302 to `callbackURL` (resolved against `<baseURL><basePath>`) with `?token=` when the token
 * is valid and unexpired, else `?error=INVALID_TOKEN`. Reads the token without using it up:
 * only `POST /reset-password` consumes it. `callbackURL` was checked against the trusted
 * origins before this runs (§6.1 step D).
 */
export const resetPasswordCallback = defineEndpoint(callbackRoute, "none", async (ctx) => {
	const { auth } = ctx;
	const token = ctx.params.token ?? "";
	const target = new URL(ctx.query.callbackURL, authBaseURL(auth, ctx.request));
	// A path parameter skips the body/query NUL check, and PostgreSQL refuses NUL in text
	// (the lookup threw: a 500 found by the fuzzer, issue 12). Such a token cannot exist.
	const row = token && !token.includes("\u0000") ? await peekVerification(auth, resetIdentifier(token)) : null;
	if (row) target.searchParams.set("token", token);
	else target.searchParams.set("error", "INVALID_TOKEN");
	// The Location carries the token: keep it out of shared caches.
	return new Response(null, { status: 302, headers: { location: target.href, "cache-control": "no-store" } });
});

/**
 * `POST /reset-password` (spec/core.md §9.24): `auth.api.resetPassword({ body })`,
 * `client.resetPassword({ newPassword, token })`. The body token wins over `?token=`.
 *
 * The token is taken with one atomic `DELETE … RETURNING` (SECURITY.md rule 1), after the
 * length checks so a too-short password does not burn it. The credential account is updated,
 * or created for a social-only user. With `revokeSessionsOnPasswordReset` (default true here,
 * SECURITY.md rule 16) every session of the user is deleted, so a thief holding one is out.
 */
export const resetPassword = defineEndpoint(resetRoute, "none", async (ctx) => {
	const { auth, body } = ctx;
	const token = body.token ?? ctx.query?.token;
	if (!token) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.INVALID_TOKEN);
	checkPasswordLength(auth, body.newPassword);
	const row = await consumeVerification(auth, resetIdentifier(token));
	if (!row) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.INVALID_TOKEN);
	const user = await auth.storage.findOne("user", { id: row.value });
	if (!user) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.USER_NOT_FOUND);

	const hash = await auth.emailAndPassword.hasher.hash(body.newPassword);
	const options = auth.options.emailAndPassword;
	const now = auth.now();
	await auth.storage.transaction(async (tx) => {
		const where = { userId: user.id, providerId: "credential", accountId: user.id };
		const updated = await tx.update("account", where, { password: hash, updatedAt: now });
		if (!updated) await tx.create("account", credentialAccountRow(user.id, hash, now));
		if (options?.revokeSessionsOnPasswordReset ?? true) await tx.delete("session", { userId: user.id });
		await revokeUserCredentials(auth, tx, user.id, "password-reset");
	});
	await options?.onPasswordReset?.({ user }, ctx.request);
	return { status: true };
});
