import * as z from "zod";
import { lazyRoute } from "../contract/lazy-route.ts";
import { once } from "../contract/once.ts";
import { LIMITS, userSchema } from "../model.ts";
import { callbackURL, password } from "./fields.ts";

/**
 * The fields `POST /update-user` understands, checked by the handler after the body was
 * found to be an object (spec/core.md §9.11). Extra keys go to plugins (e.g. `username`).
 */
export const updateUserFields = z.looseObject({
	name: z.string().max(LIMITS.name).optional(),
	image: z.string().max(LIMITS.url).nullable().optional(),
});

/** What a client sends to `POST /update-user`. */
export type UpdateUserBody = z.input<typeof updateUserFields> & Record<string, unknown>;

const statusResponse = once(() => z.object({ status: z.boolean() }));
const deleteResponse = once(() => z.object({ success: z.boolean(), message: z.string() }));

/**
 * `POST /update-user`: change the caller's name, image or plugin fields (not the email).
 * `auth.api.updateUser({ body, headers })`, `client.updateUser(body)`.
 * The body is accepted as anything so that a non-object answers `BODY_MUST_BE_AN_OBJECT`
 * as Better Auth does; the handler then validates it with `updateUserFields`.
 */
export const updateUser = lazyRoute({
	name: "updateUser",
	method: "POST",
	path: "/update-user",
	get body() {
		return z.custom<UpdateUserBody>(() => true);
	},
	get response() {
		return statusResponse();
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED", "BODY_MUST_BE_AN_OBJECT", "EMAIL_CAN_NOT_BE_UPDATED", "VALIDATION_ERROR"],
	summary: "Update the current user",
});

/**
 * `POST /change-password`: replace the credential password, optionally signing out every
 * other device. `auth.api.changePassword({ body, headers })`, `client.changePassword(body)`.
 */
export const changePassword = lazyRoute({
	name: "changePassword",
	method: "POST",
	path: "/change-password",
	get body() {
		return z.object({ newPassword: password, currentPassword: password, revokeOtherSessions: z.boolean().optional() });
	},
	get response() {
		return z.object({ token: z.string().nullable(), user: userSchema });
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED", "PASSWORD_TOO_SHORT", "PASSWORD_TOO_LONG", "CREDENTIAL_ACCOUNT_NOT_FOUND", "INVALID_PASSWORD", "VALIDATION_ERROR"],
	summary: "Change the password of the current user",
});

/**
 * `POST /set-password`: give a password to a user who has none (e.g. signed up with a
 * social provider). `auth.api.setPassword({ body, headers })`, `client.setPassword(body)`.
 * Server-only in Better Auth 1.7 (spec/core.md §9.14); served over HTTP because seed 000
 * lists it.
 */
export const setPassword = lazyRoute({
	name: "setPassword",
	method: "POST",
	path: "/set-password",
	get body() {
		return z.object({ newPassword: password });
	},
	get response() {
		return statusResponse();
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED", "PASSWORD_TOO_SHORT", "PASSWORD_TOO_LONG", "PASSWORD_ALREADY_SET", "VALIDATION_ERROR"],
	summary: "Set a password for a user without one",
});

/**
 * `POST /verify-password`: check the caller's password without changing anything (spec/core.md
 * §9.15), e.g. before showing a sensitive settings page. `auth.api.verifyPassword({ body, headers })`,
 * `client.verifyPassword(body)`. Better Auth types it "server scope" but serves it over HTTP.
 */
export const verifyPassword = lazyRoute({
	name: "verifyPassword",
	method: "POST",
	path: "/verify-password",
	get body() {
		return z.object({ password });
	},
	get response() {
		return statusResponse();
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED", "PASSWORD_TOO_LONG", "CREDENTIAL_ACCOUNT_NOT_FOUND", "INVALID_PASSWORD", "VALIDATION_ERROR"],
	summary: "Verify the password of the current user",
});

/**
 * `POST /delete-user`: delete the caller's account, at once (password or fresh session), or
 * by emailed link. `auth.api.deleteUser({ body, headers })`, `client.deleteUser(body)`.
 */
export const deleteUser = lazyRoute({
	name: "deleteUser",
	method: "POST",
	path: "/delete-user",
	get body() {
		return z
			.object({ password: password.optional(), token: z.string().max(LIMITS.token).optional(), callbackURL: callbackURL.optional() })
			.optional();
	},
	get response() {
		return deleteResponse();
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED", "CREDENTIAL_ACCOUNT_NOT_FOUND", "INVALID_PASSWORD", "PASSWORD_TOO_LONG", "INVALID_TOKEN", "SESSION_EXPIRED"],
	summary: "Delete the current user",
});

/**
 * `GET /delete-user/callback`: the emailed deletion link (needs the user's session).
 * `auth.api.deleteUserCallback({ query, headers })`; reached by the browser, not the client.
 */
export const deleteUserCallback = lazyRoute({
	name: "deleteUserCallback",
	method: "GET",
	path: "/delete-user/callback",
	get query() {
		return z.object({ token: z.string().max(LIMITS.token), callbackURL: callbackURL.optional() });
	},
	get response() {
		return deleteResponse();
	},
	errorCodes: ["NOT_FOUND", "FAILED_TO_GET_USER_INFO", "INVALID_TOKEN", "VALIDATION_ERROR"],
	summary: "Confirm an account deletion from the emailed link",
});
