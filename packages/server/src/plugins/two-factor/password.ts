import { APIError, BASE_ERROR_CODES } from "@latchkey/core";
import type { AuthContext } from "../../context/create-context.ts";
import { checkPasswordLength } from "../../credentials/password-policy.ts";
import { findCredentialPassword } from "../../credentials/password-sign-in.ts";
import type { UserRow } from "../../storage/rows.ts";

/**
 * Re-authenticates before a change to the second factor: a stolen session alone must not be
 * able to turn 2FA off or read the secret. A missing or wrong password is 400
 * INVALID_PASSWORD (spec/plugins.md §3.3). With `allowPasswordless`, a user who has no
 * password (social or passkey only) passes without one.
 */
export async function confirmPassword(auth: AuthContext, user: UserRow, password: string | undefined, allowPasswordless: boolean): Promise<void> {
	const hash = await findCredentialPassword(auth, user);
	if (!hash && allowPasswordless) return;
	if (password === undefined || !hash) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.INVALID_PASSWORD);
	checkPasswordLength(auth, password, { minimum: false });
	if (!(await auth.emailAndPassword.hasher.verify({ hash, password }))) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.INVALID_PASSWORD);
}
