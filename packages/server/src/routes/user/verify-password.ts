import { APIError, BASE_ERROR_CODES, verifyPassword as route } from "@latchkey/core";
import { checkPasswordLength } from "../../credentials/password-policy.ts";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";

/**
 * `POST /verify-password` (spec/core.md §9.15): `auth.api.verifyPassword`,
 * `client.verifyPassword`. Answers `{ status: true }` when `password` is the caller's
 * credential password, 400 `INVALID_PASSWORD` when it is not; changes nothing.
 *
 * It is a password oracle for whoever holds the session, so it is "sensitive" (a revoked
 * session cannot use it through the cookie cache) and rate-limited 3 per 10 s like
 * `/change-password` (middleware/rate-limit.ts). An impersonating admin is refused by the
 * credential guard (endpoint/impersonation-guard.ts): a confirmed password outlives the
 * impersonation.
 */
export const verifyPassword = defineEndpoint(route, "sensitive", async (ctx) => {
	const { auth, body } = ctx;
	const { user } = ctx.session;
	// Only the maximum: an over-long input never reaches scrypt, and a password shorter than
	// today's minimum may still be the one stored under an older policy.
	checkPasswordLength(auth, body.password, { minimum: false });
	const account = await auth.storage.findOne("account", { userId: user.id, providerId: "credential" });
	if (!account?.password) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.CREDENTIAL_ACCOUNT_NOT_FOUND);
	// The configured hasher: scrypt on the thread pool, compared in constant time (SECURITY.md rule 10).
	if (!(await auth.emailAndPassword.hasher.verify({ hash: account.password, password: body.password }))) {
		throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.INVALID_PASSWORD);
	}
	return { status: true };
});
