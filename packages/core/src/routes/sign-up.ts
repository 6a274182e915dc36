import * as z from "zod";
import { lazyRoute } from "../contract/lazy-route.ts";
import { LIMITS, userSchema } from "../model.ts";
import { callbackURL, password, rememberMe } from "./fields.ts";

/**
 * `POST /sign-up/email`: create a user with email and password, and (unless auto sign-in is
 * off) a session. `auth.api.signUpEmail({ body })`, `client.signUp.email(body)`.
 * Extra keys are the user's additional fields (e.g. `username`); unknown ones are dropped.
 */
export const signUpEmail = lazyRoute({
	name: "signUpEmail",
	method: "POST",
	path: "/sign-up/email",
	mediaTypes: ["json", "form"],
	get body() {
		return z.looseObject({
			name: z.string().max(LIMITS.name),
			email: z.email().max(LIMITS.email),
			password: password.min(1),
			image: z.string().max(LIMITS.url).optional(),
			callbackURL: callbackURL.optional(),
			rememberMe: rememberMe.optional(),
		});
	},
	get response() {
		return z.object({ token: z.string().nullable(), user: userSchema });
	},
	errorCodes: [
		"EMAIL_PASSWORD_SIGN_UP_DISABLED",
		"USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL",
		"PASSWORD_TOO_SHORT",
		"PASSWORD_TOO_LONG",
		"FAILED_TO_CREATE_USER",
		"VALIDATION_ERROR",
	],
	summary: "Register with email and password",
});
