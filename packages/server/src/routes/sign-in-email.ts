import { APIError, BASE_ERROR_CODES, signInEmail as route } from "@latchkey/core";
import * as z from "zod";
import { checkPasswordLength } from "../credentials/password-policy.ts";
import { signInWithPassword } from "../credentials/password-sign-in.ts";
import { defineEndpoint } from "../endpoint/define-endpoint.ts";

const emailSyntax = z.email();

/** `POST /sign-in/email` (spec/core.md §9.4). */
export const signInEmail = defineEndpoint(route, "none", async (ctx) => {
	const { auth, body } = ctx;
	if (!auth.emailAndPassword.enabled) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.EMAIL_PASSWORD_DISABLED);
	if (!emailSyntax.safeParse(body.email).success) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.INVALID_EMAIL);
	checkPasswordLength(auth, body.password, { minimum: false });
	const email = body.email.toLowerCase();
	const user = await auth.storage.findOne("user", { email });
	return signInWithPassword(ctx, {
		user,
		identifier: { kind: "email", value: email },
		password: body.password,
		rememberMe: body.rememberMe,
		callbackURL: body.callbackURL,
		invalid: BASE_ERROR_CODES.INVALID_EMAIL_OR_PASSWORD,
		notVerified: BASE_ERROR_CODES.EMAIL_NOT_VERIFIED,
	});
});
