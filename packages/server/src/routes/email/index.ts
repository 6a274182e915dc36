import type { ConstantAnswerOptions } from "./constant-time.ts";
import { changeEmail } from "./change-email.ts";
import { createForgetPassword, createRequestPasswordReset } from "./request-password-reset.ts";
import { resetPassword, resetPasswordCallback } from "./reset-password.ts";
import { createSendVerificationEmail } from "./send-verification-email.ts";
import { verifyEmail } from "./verify-email.ts";

export type { ConstantAnswerOptions } from "./constant-time.ts";

/**
 * The email-verification, password-reset and change-email endpoints, by endpoint name
 * (`auth.api.*`): `POST /send-verification-email`, `GET /verify-email`,
 * `POST /request-password-reset`, `POST /forget-password`, `GET /reset-password/:token`,
 * `POST /reset-password`, `POST /change-email` (spec/core.md §9.18–§9.24).
 *
 * @example
 * // Tests: pad the constant answers to 20 ms instead of 500 ms.
 * const endpoints = createEmailEndpoints({ minResponseMs: 20 });
 */
export function createEmailEndpoints(options: ConstantAnswerOptions = {}) {
	const minResponseMs = options.minResponseMs;
	return {
		sendVerificationEmail: createSendVerificationEmail(minResponseMs),
		verifyEmail,
		requestPasswordReset: createRequestPasswordReset(minResponseMs),
		forgetPassword: createForgetPassword(minResponseMs),
		resetPasswordCallback,
		resetPassword,
		changeEmail,
	} as const;
}

/** {@link createEmailEndpoints} with Better Auth's 500 ms padding: the production table. */
export const emailEndpoints = createEmailEndpoints();
