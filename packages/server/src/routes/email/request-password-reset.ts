import { APIError, EMAIL_ERROR_CODES, RESET_REQUEST_MESSAGE, forgetPassword as forgetRoute, requestPasswordReset as requestRoute } from "@latchkey/core";
import type { RouteContract } from "@latchkey/core";
import type { EndpointContext } from "../../endpoint/define-endpoint.ts";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import { generateRandomString } from "../../crypto/random.ts";
import { allowMail } from "../../middleware/account-throttle/index.ts";
import { resetPasswordLink } from "../../verification/email-links.ts";
import { createVerification } from "../../verification/verification-tokens.ts";
import { DEFAULT_MIN_RESPONSE_MS, withConstantTime } from "./constant-time.ts";

/** Default lifetime of a reset token, in seconds (spec/core.md §8.4). */
const DEFAULT_RESET_EXPIRES_IN = 3600;

/** The verification identifier of a reset token: the prefix is its purpose (SECURITY.md rule 2). */
export function resetIdentifier(token: string): string {
	return `reset-password:${token}`;
}

async function handle(ctx: EndpointContext<RouteContract, unknown>, body: { email: string; redirectTo?: string }, minResponseMs: number | undefined) {
	const { auth } = ctx;
	const send = auth.options.emailAndPassword?.sendResetPassword;
	if (!send) throw APIError.from("BAD_REQUEST", EMAIL_ERROR_CODES.RESET_PASSWORD_DISABLED);
	await withConstantTime(minResponseMs ?? ctx.auth.options.advanced?.constantResponseMs ?? DEFAULT_MIN_RESPONSE_MS, async () => {
		const user = await auth.storage.findOne("user", { email: body.email.toLowerCase() });
		if (!user) return;
		// Past the address's mail budget nothing is sent, and the answer below stays the same
		// (no mail bombing, SECURITY.md rule 15; no new answer to tell accounts apart, rule 8).
		if (!(await allowMail(auth, "reset-password", user.email))) return;
		// 24 alphanumeric characters (~143 bits) from the CSPRNG (spec/core.md §7.2).
		const token = generateRandomString(24);
		const expiresInSeconds = auth.options.emailAndPassword?.resetPasswordTokenExpiresIn ?? DEFAULT_RESET_EXPIRES_IN;
		await createVerification(auth, { identifier: resetIdentifier(token), value: user.id, expiresInSeconds });
		await send({ user, url: resetPasswordLink(auth, ctx.request, token, body.redirectTo), token }, ctx.request);
	});
	// One answer for every address: the response never says whether an account exists.
	return { status: true, message: RESET_REQUEST_MESSAGE };
}

/**
 * `POST /request-password-reset` (spec/core.md §9.21): `auth.api.requestPasswordReset`,
 * `client.requestPasswordReset({ email, redirectTo })`. 400 RESET_PASSWORD_DISABLED without
 * `emailAndPassword.sendResetPassword`.
 */
export function createRequestPasswordReset(minResponseMs: number | undefined) {
	return defineEndpoint(requestRoute, "none", (ctx) => handle(ctx, ctx.body, minResponseMs));
}

/**
 * `POST /forget-password` (spec/core.md §9.22): the ≤1.3 name, `auth.api.forgetPassword`,
 * `client.forgetPassword({ email, redirectTo })`; same behaviour as `/request-password-reset`.
 */
export function createForgetPassword(minResponseMs: number | undefined) {
	return defineEndpoint(forgetRoute, "none", (ctx) => handle(ctx, ctx.body, minResponseMs));
}
