import * as z from "zod";
import { lazyRoute } from "../contract/lazy-route.ts";
import { once } from "../contract/once.ts";
import { defineErrorCodes } from "../errors/define-error-codes.ts";
import { LIMITS, userSchema } from "../model.ts";
import { callbackURL, password } from "./fields.ts";

/**
 * Codes of the email routes that are not in `BASE_ERROR_CODES` (spec/core.md §11.2), and the
 * three messages Better Auth sends without a code (§1.4): use `{ message }` alone for those.
 */
export const EMAIL_ERROR_CODES = defineErrorCodes({
	RESET_PASSWORD_DISABLED: "Reset password isn't enabled",
});

/** Codeless errors of `POST /change-email` (spec/core.md §9.18): sent as `{ message }` only. */
export const EMAIL_CODELESS_MESSAGES = {
	EMAIL_IS_THE_SAME: "Email is the same",
	VERIFICATION_EMAIL_NOT_ENABLED: "Verification email isn't enabled",
} as const;

/** The constant answer of the password-reset request routes (no enumeration). */
export const RESET_REQUEST_MESSAGE = "If this email exists in our system, check your email for the reset link";

const email = once(() => z.email().max(LIMITS.email));
const statusResponse = once(() => z.object({ status: z.boolean() }));
/** An emailed token: a 24-character reset token or a verification JWT (emails make it longer). */
const emailedToken = once(() => z.string().max(LIMITS.url));

/**
 * `POST /send-verification-email`: (re)send the verification link.
 * `auth.api.sendVerificationEmail({ body })`, `client.sendVerificationEmail({ email, callbackURL })`.
 */
export const sendVerificationEmail = lazyRoute({
	name: "sendVerificationEmail",
	method: "POST",
	path: "/send-verification-email",
	get body() {
		return z.object({ email: email(), callbackURL: callbackURL.optional() });
	},
	get response() {
		return statusResponse();
	},
	errorCodes: ["VERIFICATION_EMAIL_NOT_ENABLED", "EMAIL_MISMATCH", "EMAIL_ALREADY_VERIFIED", "VALIDATION_ERROR"],
	summary: "Send a verification email",
});

/**
 * `GET /verify-email`: follow an emailed verification (or change-email) link. Redirects to
 * `callbackURL` when given. `auth.api.verifyEmail({ query })`, `client.verifyEmail({ query })`.
 */
export const verifyEmail = lazyRoute({
	name: "verifyEmail",
	method: "GET",
	path: "/verify-email",
	get query() {
		return z.object({ token: emailedToken(), callbackURL: callbackURL.optional() });
	},
	get response() {
		return z.object({ status: z.boolean(), user: userSchema.nullable().optional() });
	},
	errorCodes: ["TOKEN_EXPIRED", "INVALID_TOKEN", "USER_NOT_FOUND", "INVALID_USER", "VALIDATION_ERROR"],
	summary: "Verify an email address",
});

const resetRequestBody = once(() => z.object({ email: email(), redirectTo: callbackURL.optional() }));
const resetRequestResponse = once(() => z.object({ status: z.boolean(), message: z.string().optional() }));

/**
 * `POST /request-password-reset`: email a reset link if the account exists; the answer is
 * the same either way. `auth.api.requestPasswordReset({ body })`, `client.requestPasswordReset(body)`.
 */
export const requestPasswordReset = lazyRoute({
	name: "requestPasswordReset",
	method: "POST",
	path: "/request-password-reset",
	get body() {
		return resetRequestBody();
	},
	get response() {
		return resetRequestResponse();
	},
	errorCodes: ["RESET_PASSWORD_DISABLED", "VALIDATION_ERROR"],
	summary: "Request a password reset email",
});

/**
 * `POST /forget-password`: the ≤1.3 name of {@link requestPasswordReset}, same behaviour.
 * `auth.api.forgetPassword({ body })`, `client.forgetPassword(body)`.
 */
export const forgetPassword = lazyRoute({
	name: "forgetPassword",
	method: "POST",
	path: "/forget-password",
	get body() {
		return resetRequestBody();
	},
	get response() {
		return resetRequestResponse();
	},
	errorCodes: ["RESET_PASSWORD_DISABLED", "VALIDATION_ERROR"],
	summary: "Request a password reset email (legacy name)",
});

/**
 * `GET /reset-password/:token`: the emailed link; 302 to `callbackURL?token=…` or
 * `callbackURL?error=INVALID_TOKEN`. Does not use the token up.
 * `auth.api.resetPasswordCallback({ params, query })`; browsers follow it directly.
 */
export const resetPasswordCallback = lazyRoute({
	name: "resetPasswordCallback",
	method: "GET",
	path: "/reset-password/:token",
	get query() {
		return z.object({ callbackURL });
	},
	get response() {
		return z.never();
	},
	errorCodes: ["VALIDATION_ERROR"],
	summary: "Redirect from the reset email to the app",
});

/**
 * `POST /reset-password`: set a new password with a reset token (single use).
 * `auth.api.resetPassword({ body })`, `client.resetPassword({ newPassword, token })`.
 */
export const resetPassword = lazyRoute({
	name: "resetPassword",
	method: "POST",
	path: "/reset-password",
	get query() {
		return z.object({ token: emailedToken().optional() }).optional();
	},
	get body() {
		return z.object({ newPassword: password, token: emailedToken().optional() });
	},
	get response() {
		return statusResponse();
	},
	errorCodes: ["INVALID_TOKEN", "USER_NOT_FOUND", "PASSWORD_TOO_SHORT", "PASSWORD_TOO_LONG", "VALIDATION_ERROR"],
	summary: "Reset the password with an emailed token",
});

/**
 * `POST /change-email`: start changing the signed-in user's email (sensitive).
 * `auth.api.changeEmail({ body, headers })`, `client.changeEmail({ newEmail, callbackURL })`.
 */
export const changeEmail = lazyRoute({
	name: "changeEmail",
	method: "POST",
	path: "/change-email",
	get body() {
		return z.object({ newEmail: email(), callbackURL: callbackURL.optional() });
	},
	get response() {
		return statusResponse();
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED", "CHANGE_EMAIL_DISABLED", "VALIDATION_ERROR"],
	summary: "Change the user's email",
});

/** The email-verification, password-reset and change-email contracts, by endpoint name. */
export const emailRoutes = {
	sendVerificationEmail,
	verifyEmail,
	requestPasswordReset,
	forgetPassword,
	resetPasswordCallback,
	resetPassword,
	changeEmail,
} as const;
