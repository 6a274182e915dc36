import * as z from "zod";
import { lazyRoute } from "../contract/lazy-route.ts";
import { LIMITS, userSchema } from "../model.ts";
import { callbackURL, password, rememberMe } from "./fields.ts";

/** The body of a successful password sign-in. */
export const signInResponse = z.object({
	redirect: z.boolean(),
	token: z.string(),
	url: z.string().optional(),
	user: userSchema,
});

/**
 * `POST /sign-in/email`: sign in with email and password.
 * `auth.api.signInEmail({ body })`, `client.signIn.email(body)`.
 */
export const signInEmail = lazyRoute({
	name: "signInEmail",
	method: "POST",
	path: "/sign-in/email",
	mediaTypes: ["json", "form"],
	get body() {
		return z.object({
			// Syntax is checked by the handler (400 INVALID_EMAIL), as Better Auth does.
			email: z.string().max(LIMITS.email * 4),
			password,
			callbackURL: callbackURL.optional(),
			rememberMe: rememberMe.optional(),
		});
	},
	get response() {
		return signInResponse;
	},
	errorCodes: ["EMAIL_PASSWORD_DISABLED", "INVALID_EMAIL", "PASSWORD_TOO_LONG", "INVALID_EMAIL_OR_PASSWORD", "EMAIL_NOT_VERIFIED"],
	summary: "Sign in with email and password",
});
