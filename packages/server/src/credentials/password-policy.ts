import { APIError, BASE_ERROR_CODES } from "@latchkey/core";
import type { AuthContext } from "../context/create-context.ts";

/** Length in code points: an emoji counts once, and nothing is ever truncated (SECURITY.md rule 10). */
export function passwordLength(password: string): number {
	let n = 0;
	for (const _ of password) n++;
	return n;
}

/** Refuses a password outside the configured bounds (400 PASSWORD_TOO_SHORT / PASSWORD_TOO_LONG). */
export function checkPasswordLength(auth: AuthContext, password: string, { minimum = true } = {}): void {
	const length = passwordLength(password);
	if (length > auth.emailAndPassword.maxPasswordLength) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.PASSWORD_TOO_LONG);
	if (minimum && length < auth.emailAndPassword.minPasswordLength) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.PASSWORD_TOO_SHORT);
}
