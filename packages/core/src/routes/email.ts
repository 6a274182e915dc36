import * as z from "zod";
import { defineRoute } from "../contract/define-route.ts";
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

const email = z.email().max(LIMITS.email);
const statusResponse = z.object({ status: z.boolean() });
/** An emailed token: a 24-character reset token or a verification JWT (emails make it longer). */
const emailedToken = z.string().max(LIMITS.url);

/**
 * `POST /send-verification-email`: (re)send the verification link.
 * `auth.api.sendVerificationEmail({ body })`, `client.sendVerificationEmail({ email, callbackURL })`.
 */
export const sendVerificationEmail = defineRoute({
	name: "sendVerificationEmail",
	method: "POST",
	path: "/send-verification-email",
	body: z.object({ email, callbackURL: callbackURL.optional() }),
	response: statusResponse,
	errorCodes: ["VERIFICATION_EMAIL_NOT_ENABLED", "EMAIL_MISMATCH", "EMAIL_ALREADY_VERIFIED", "VALIDATION_ERROR"],
	summary: "Send a verification email",
});

/**
 * `GET /verify-email`: follow an emailed verification (or change-email) link. Redirects to
 * `callbackURL` when given. `auth.api.verifyEmail({ query })`, `client.verifyEmail({ query })`.
 */
export const verifyEmail = defineRoute({
	name: "verifyEmail",
	method: "GET",
	path: "/verify-email",
	query: z.object({ token: emailedToken, callbackURL: callbackURL.optional() }),
	response: z.object({ status: z.boolean(), user: userSchema.nullable().optional() }),
	errorCodes: ["TOKEN_EXPIRED", "INVALID_TOKEN", "USER_NOT_FOUND", "INVALID_USER", "VALIDATION_ERROR"],
	summary: "Verify an email address",
});

const resetRequestBody = z.object({ email, redirectTo: callbackURL.optional() });
const resetRequestResponse = z.object({ status: z.boolean(), message: z.string().optional() });

/**
 * `POST /request-password-reset`: email a reset link if the account exists; the answer is
 * the same either way. `auth.api.requestPasswordReset({ body })`, `client.requestPasswordReset(body)`.
 */
export const requestPasswordReset = defineRoute({
	name: "requestPasswordReset",
	method: "POST",
	path: "/request-password-reset",
	body: resetRequestBody,
	response: resetRequestResponse,
	errorCodes: ["RESET_PASSWORD_DISABLED", "VALIDATION_ERROR"],
	summary: "Request a password reset email",
});

/**
 * `POST /forget-password`: the ≤1.3 name of {@link requestPasswordReset}, same behaviour.
 * `auth.api.forgetPassword({ body })`, `client.forgetPassword(body)`.
 */
export const forgetPassword = defineRoute({
	name: "forgetPassword",
	method: "POST",
	path: "/forget-password",
	body: resetRequestBody,
	response: resetRequestResponse,
	errorCodes: ["RESET_PASSWORD_DISABLED", "VALIDATION_ERROR"],
	summary: "Request a password reset email (legacy name)",
});

/**
 * `GET /reset-password/:token`: the emailed link; 302 to `callbackURL?token=…` or
 * `callbackURL?error=INVALID_TOKEN`. Does not use the token up.
 * `auth.api.resetPasswordCallback({ params, query })`; browsers follow it directly.
 */
export const resetPasswordCallback = defineRoute({
	name: "resetPasswordCallback",
	method: "GET",
	path: "/reset-password/:token",
	query: z.object({ callbackURL }),
	response: z.never(),
	errorCodes: ["VALIDATION_ERROR"],
	summary: "Redirect from the reset email to the app",
});

/**
 * `POST /reset-password`: set a new password with a reset token (single use).
 * `auth.api.resetPassword({ body })`, `client.resetPassword({ newPassword, token })`.
 */
export const resetPassword = defineRoute({
	name: "resetPassword",
	method: "POST",
	path: "/reset-password",
	query: z.object({ token: emailedToken.optional() }).optional(),
	body: z.object({ newPassword: password, token: emailedToken.optional() }),
	response: statusResponse,
	errorCodes: ["INVALID_TOKEN", "USER_NOT_FOUND", "PASSWORD_TOO_SHORT", "PASSWORD_TOO_LONG", "VALIDATION_ERROR"],
	summary: "Reset the password with an emailed token",
});

/**
 * `POST /change-email`: start changing the signed-in user's email (sensitive).
 * `auth.api.changeEmail({ body, headers })`, `client.changeEmail({ newEmail, callbackURL })`.
 */
export const changeEmail = defineRoute({
	name: "changeEmail",
	method: "POST",
	path: "/change-email",
	body: z.object({ newEmail: email, callbackURL: callbackURL.optional() }),
	response: statusResponse,
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
