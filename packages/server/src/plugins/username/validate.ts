import { APIError, USERNAME_ERROR_CODES } from "@latchkey/core";
import type { StatusName } from "@latchkey/core";
import type { UsernameOptions } from "./options.ts";

const DEFAULT_PATTERN = /^[a-zA-Z0-9_.]+$/;

/** Normalises a username as configured (lowercase by default). */
export function normalizeUsername(options: UsernameOptions, username: string): string {
	const normalize = options.usernameNormalization;
	if (normalize === false) return username;
	return normalize ? normalize(username) : username.toLowerCase();
}

/**
 * Validates and normalises a username. Refusals use `status` (422 on sign-in and
 * availability checks, 400 on sign-up and update, as Better Auth answers).
 */
export async function checkUsername(options: UsernameOptions, raw: string, status: StatusName): Promise<string> {
	const normalized = normalizeUsername(options, raw);
	const subject = options.validationOrder?.username === "post-normalization" ? normalized : raw;
	const min = options.minUsernameLength ?? 3;
	const max = options.maxUsernameLength ?? 30;
	if (subject.length < min) throw APIError.from(status, USERNAME_ERROR_CODES.USERNAME_TOO_SHORT);
	if (subject.length > max) throw APIError.from(status, USERNAME_ERROR_CODES.USERNAME_TOO_LONG);
	// Raw input with NUL is refused before any handler (endpoint/validate.ts); a custom
	// normalisation could still produce one, and PostgreSQL cannot store or compare it.
	if (normalized.includes("\u0000")) throw APIError.from(status, USERNAME_ERROR_CODES.INVALID_USERNAME);
	const valid = options.usernameValidator ? await options.usernameValidator(subject) : DEFAULT_PATTERN.test(subject);
	if (!valid) throw APIError.from(status, USERNAME_ERROR_CODES.INVALID_USERNAME);
	return normalized;
}
