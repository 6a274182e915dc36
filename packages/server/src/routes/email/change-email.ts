import { APIError, BASE_ERROR_CODES, EMAIL_CODELESS_MESSAGES, changeEmail as route } from "@latchkey/core";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import { allowMail } from "../../middleware/account-throttle/index.ts";
import { hasDontRemember } from "../../session/read-token.ts";
import { setSessionCookies } from "../../session/session-cookies.ts";
import { isUniqueViolation } from "../../storage/storage.ts";
import { verifyEmailLink } from "../../verification/email-links.ts";
import { signEmailVerificationToken } from "../../verification/email-verification-token.ts";
import { hasVerificationSender, sendVerificationEmailTo } from "../../verification/send-verification-email.ts";

/**
 * `POST /change-email` (spec/core.md §9.18): `auth.api.changeEmail({ body, headers })`,
 * `client.changeEmail({ newEmail, callbackURL })`. Sensitive: the session is re-read from the
 * database.
 *
 * Flows, each answering `{ status: true }`:
 * a. unverified user with `updateEmailWithoutVerification`: switch now, mail a plain
 *    verification link to the new address;
 * b. verified user with `sendChangeEmailConfirmation` (and a verification sender): ask the
 *    old address to confirm first (`change-email-confirmation` token);
 * c. otherwise: mail the new address a `change-email-verification` token.
 * A taken address also answers `{ status: true }` and does nothing (no enumeration).
 */
export const changeEmail = defineEndpoint(route, "sensitive", async (ctx) => {
	const { auth, body, session } = ctx;
	const options = auth.options.user?.changeEmail;
	if (!options?.enabled) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.CHANGE_EMAIL_DISABLED);
	const { user } = session;
	const newEmail = body.newEmail.toLowerCase();
	if (newEmail === user.email) throw new APIError("BAD_REQUEST", { message: EMAIL_CODELESS_MESSAGES.EMAIL_IS_THE_SAME });
	const withoutVerification = !user.emailVerified && options.updateEmailWithoutVerification === true;
	const canVerify = hasVerificationSender(auth);
	if (!withoutVerification && !canVerify) {
		throw new APIError("BAD_REQUEST", { message: EMAIL_CODELESS_MESSAGES.VERIFICATION_EMAIL_NOT_ENABLED });
	}
	// Same answer as success: whether the address belongs to someone must not leak.
	if (await auth.storage.findOne("user", { email: newEmail })) return { status: true };

	if (withoutVerification) {
		let updated;
		try {
			updated = await auth.storage.update("user", { id: user.id }, { email: newEmail, updatedAt: auth.now() });
		} catch (error) {
			// Taken by a parallel request between the lookup and the write.
			if (isUniqueViolation(error)) return { status: true };
			throw error;
		}
		if (!updated) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.USER_NOT_FOUND);
		const dontRemember = hasDontRemember(auth, ctx.headers);
		setSessionCookies(auth, ctx.response, { session: session.session, user: updated }, { dontRemember });
		await sendVerificationEmailTo(auth, ctx.request, { user: updated, to: newEmail, claims: { email: newEmail, userId: user.id }, callbackURL: body.callbackURL });
		return { status: true };
	}

	const confirm = options.sendChangeEmailConfirmation ?? options.sendChangeEmailVerification;
	if (user.emailVerified && confirm) {
		// Past the address's budget the confirmation is skipped, with the same answer (SECURITY.md rule 15).
		if (!(await allowMail(auth, "change-email", user.email))) return { status: true };
		const token = await signEmailVerificationToken(auth, {
			email: user.email,
			updateTo: newEmail,
			userId: user.id,
			requestType: "change-email-confirmation",
		});
		const url = verifyEmailLink(auth, ctx.request, token, body.callbackURL);
		await confirm({ user, newEmail, url, token }, ctx.request);
		return { status: true };
	}

	await sendVerificationEmailTo(auth, ctx.request, {
		user,
		to: newEmail,
		claims: { email: user.email, updateTo: newEmail, userId: user.id, requestType: "change-email-verification" },
		callbackURL: body.callbackURL,
	});
	return { status: true };
});
