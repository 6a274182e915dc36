import * as z from "zod";
import { lazyRoute } from "../../contract/lazy-route.ts";
import { once } from "../../contract/once.ts";
import { LIMITS } from "../../model.ts";
import { signInResponse } from "../../routes/sign-in.ts";
import { callbackURL, password, rememberMe } from "../../routes/fields.ts";

const username = once(() => z.string().max(LIMITS.username));

/** `POST /sign-in/username`. `auth.api.signInUsername({ body })`, `client.signIn.username(body)`. */
export const signInUsername = lazyRoute({
	name: "signInUsername",
	method: "POST",
	path: "/sign-in/username",
	get body() {
		return z.object({ username: username(), password, rememberMe: rememberMe.optional(), callbackURL: callbackURL.optional() });
	},
	get response() {
		return signInResponse;
	},
	errorCodes: ["USERNAME_TOO_SHORT", "USERNAME_TOO_LONG", "INVALID_USERNAME", "PASSWORD_TOO_LONG", "INVALID_USERNAME_OR_PASSWORD", "EMAIL_NOT_VERIFIED"],
	summary: "Sign in with username and password",
});

/** `POST /is-username-available`. `client.isUsernameAvailable({ username })`. */
export const isUsernameAvailable = lazyRoute({
	name: "isUsernameAvailable",
	method: "POST",
	path: "/is-username-available",
	get body() {
		return z.object({ username: username() });
	},
	get response() {
		return z.object({ available: z.boolean() });
	},
	errorCodes: ["USERNAME_TOO_SHORT", "USERNAME_TOO_LONG", "INVALID_USERNAME"],
	summary: "Check whether a username is free",
});

/** The username plugin's routes, by endpoint name. */
export const usernameRoutes = { signInUsername, isUsernameAvailable } as const;
