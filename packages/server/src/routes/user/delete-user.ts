import { APIError, BASE_ERROR_CODES, deleteUser as route, deleteUserCallback as callbackRoute } from "@latchkey/core";
import type { AuthContext } from "../../context/create-context.ts";
import { checkPasswordLength } from "../../credentials/password-policy.ts";
import { generateRandomString } from "../../crypto/random.ts";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import { locationHeader } from "../../endpoint/location-header.ts";
import { resolveSession } from "../../session/get-session.ts";
import type { VerificationRow } from "../../storage/rows.ts";
import { cmp } from "../../storage/storage.ts";
import { createVerification } from "../../verification/verification-tokens.ts";
import { deleteUserData } from "./delete-user-data.ts";

const TOKEN_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const DEFAULT_TOKEN_SECONDS = 86_400;
const DELETED = { success: true, message: "User deleted" };

/**
 * Takes a deletion token for good, only if it was minted for this user and is unexpired: one
 * `DELETE … RETURNING`, so of parallel uses exactly one wins (SECURITY.md rules 1 and 2), and
 * another user's session cannot burn it.
 */
function consumeDeleteToken(auth: AuthContext, token: string, userId: string): Promise<VerificationRow | null> {
	return auth.storage.consume("verification", { identifier: `delete-account-${token}`, value: userId, expiresAt: cmp.gt(auth.now()) });
}

/**
 * `POST /delete-user` (spec/core.md §9.16): `auth.api.deleteUser`, `client.deleteUser`.
 * Off unless `user.deleteUser.enabled` (404, empty body). With `token`, confirms an emailed
 * deletion; with `sendDeleteAccountVerification`, emails a link instead of deleting; else
 * deletes at once when the password is right or the session is fresh.
 */
export const deleteUser = defineEndpoint(route, "sensitive", async (ctx) => {
	const { auth } = ctx;
	const body = ctx.body ?? {};
	const options = auth.options.user?.deleteUser;
	if (!options?.enabled) throw new APIError("NOT_FOUND");
	const { user, session } = ctx.session;

	if (body.password !== undefined) {
		checkPasswordLength(auth, body.password, { minimum: false });
		const account = await auth.storage.findOne("account", { userId: user.id, providerId: "credential" });
		if (!account?.password) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.CREDENTIAL_ACCOUNT_NOT_FOUND);
		if (!(await auth.emailAndPassword.hasher.verify({ hash: account.password, password: body.password }))) {
			throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.INVALID_PASSWORD);
		}
	}

	if (body.token !== undefined) {
		if (!(await consumeDeleteToken(auth, body.token, user.id))) throw APIError.from("NOT_FOUND", BASE_ERROR_CODES.INVALID_TOKEN);
		await deleteUserData(auth, ctx.response, { user, request: ctx.request });
		return DELETED;
	}

	if (options.sendDeleteAccountVerification) {
		// Emailed links come from the configured baseURL, never the Host header (SECURITY.md rule 5).
		if (!auth.baseURL) throw new Error("latchkey: baseURL must be set to send delete-account links");
		const token = generateRandomString(32, TOKEN_ALPHABET);
		await createVerification(auth, {
			identifier: `delete-account-${token}`,
			value: user.id,
			expiresInSeconds: options.deleteTokenExpiresIn ?? DEFAULT_TOKEN_SECONDS,
		});
		const url = `${auth.baseURL}${auth.basePath}/delete-user/callback?token=${token}&callbackURL=${encodeURIComponent(body.callbackURL ?? "/")}`;
		await options.sendDeleteAccountVerification({ user, url, token }, ctx.request);
		return { success: true, message: "Verification email sent" };
	}

	// Without a password, only a recent sign-in may delete: a stolen old cookie may not.
	const freshAgeMs = auth.session.freshAge * 1000;
	if (body.password === undefined && freshAgeMs > 0 && auth.now().getTime() - session.createdAt.getTime() >= freshAgeMs) {
		throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.SESSION_EXPIRED);
	}
	await deleteUserData(auth, ctx.response, { user, request: ctx.request });
	return DELETED;
});

/**
 * `GET /delete-user/callback` (spec/core.md §9.17): `auth.api.deleteUserCallback`; the
 * link from the deletion email. Needs the same user's session, read from the database, and
 * an unused token; then deletes and redirects to `callbackURL` (302) when given.
 */
export const deleteUserCallback = defineEndpoint(callbackRoute, "none", async (ctx) => {
	const { auth, query } = ctx;
	if (!auth.options.user?.deleteUser?.enabled) throw APIError.from("NOT_FOUND", BASE_ERROR_CODES.NOT_FOUND);
	const data = await resolveSession(auth, ctx.headers, ctx.response, { fromDatabase: true });
	if (!data) throw APIError.from("NOT_FOUND", BASE_ERROR_CODES.FAILED_TO_GET_USER_INFO);
	if (!(await consumeDeleteToken(auth, query.token, data.user.id))) throw APIError.from("NOT_FOUND", BASE_ERROR_CODES.INVALID_TOKEN);
	await deleteUserData(auth, ctx.response, { user: data.user, request: ctx.request });
	if (query.callbackURL) {
		// Relative targets stay relative (spec/core.md §6.2); the pipeline already checked them.
		return new Response(null, { status: 302, statusText: "Found", headers: { location: locationHeader(query.callbackURL), "content-type": "application/json" } });
	}
	return DELETED;
});
