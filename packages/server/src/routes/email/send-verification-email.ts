import { APIError, BASE_ERROR_CODES, sendVerificationEmail as route } from "@latchkey/core";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import { resolveSession } from "../../session/get-session.ts";
import { hasVerificationSender, sendVerificationEmailTo } from "../../verification/send-verification-email.ts";
import { DEFAULT_MIN_RESPONSE_MS, withConstantTime } from "./constant-time.ts";

/**
 * `POST /send-verification-email` (spec/core.md §9.19): `auth.api.sendVerificationEmail`,
 * `client.sendVerificationEmail({ email, callbackURL })`.
 *
 * Without a session it mails only an existing, unverified user, and always answers
 * `{ status: true }` after at least `minResponseMs`. With a session the address must be the
 * session user's (400 EMAIL_MISMATCH) and unverified (400 EMAIL_ALREADY_VERIFIED).
 */
export function createSendVerificationEmail(minResponseMs: number | undefined) {
	return defineEndpoint(route, "none", async (ctx) => {
		const { auth, body } = ctx;
		if (!hasVerificationSender(auth)) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.VERIFICATION_EMAIL_NOT_ENABLED);
		const email = body.email.toLowerCase();
		const session = await resolveSession(auth, ctx.headers, ctx.response, { fromDatabase: true });
		if (!session) {
			await withConstantTime(minResponseMs ?? ctx.auth.options.advanced?.constantResponseMs ?? DEFAULT_MIN_RESPONSE_MS, async () => {
				const user = await auth.storage.findOne("user", { email });
				if (!user || user.emailVerified) return;
				await sendVerificationEmailTo(auth, ctx.request, { user, to: email, claims: { email, userId: user.id }, callbackURL: body.callbackURL });
			});
			return { status: true };
		}
		const { user } = session;
		if (user.email !== email) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.EMAIL_MISMATCH);
		if (user.emailVerified) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.EMAIL_ALREADY_VERIFIED);
		await sendVerificationEmailTo(auth, ctx.request, { user, to: email, claims: { email, userId: user.id }, callbackURL: body.callbackURL });
		return { status: true };
	});
}
