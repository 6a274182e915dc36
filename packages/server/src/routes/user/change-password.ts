import { APIError, BASE_ERROR_CODES, changePassword as route } from "@latchkey/core";
import { checkPasswordLength } from "../../credentials/password-policy.ts";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import { createSession } from "../../session/create-session.ts";
import { toUserOutput } from "../../session/output.ts";
import { hasDontRemember } from "../../session/read-token.ts";
import { setSessionCookies } from "../../session/session-cookies.ts";
import type { SessionRow } from "../../storage/rows.ts";
import type { Storage } from "../../storage/storage.ts";

/**
 * `POST /change-password` (spec/core.md §9.13): `auth.api.changePassword`,
 * `client.changePassword`. Checks the current password, stores the new hash and, with
 * `revokeOtherSessions`, replaces every session of the user by a new one (cookie set).
 */
export const changePassword = defineEndpoint(route, "sensitive", async (ctx) => {
	const { auth, body } = ctx;
	const { user } = ctx.session;
	checkPasswordLength(auth, body.newPassword);
	checkPasswordLength(auth, body.currentPassword, { minimum: false });
	const account = await auth.storage.findOne("account", { userId: user.id, providerId: "credential" });
	if (!account?.password) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.CREDENTIAL_ACCOUNT_NOT_FOUND);
	const oldHash = account.password;
	const hasher = auth.emailAndPassword.hasher;
	if (!(await hasher.verify({ hash: oldHash, password: body.currentPassword }))) {
		throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.INVALID_PASSWORD);
	}
	// Hash outside any transaction: scrypt is slow, and SQLite's one connection would wait on it.
	const hash = await hasher.hash(body.newPassword);

	// Compare-and-set on the old hash: of two parallel changes made with the same current
	// password, only the first is applied; the other is told its password is wrong.
	const store = async (tx: Storage): Promise<void> => {
		const updated = await tx.update("account", { id: account.id, password: oldHash }, { password: hash, updatedAt: auth.now() });
		if (!updated) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.INVALID_PASSWORD);
	};
	if (!body.revokeOtherSessions) {
		await store(auth.storage);
		return { token: null, user: toUserOutput(auth, user) };
	}

	const dontRemember = hasDontRemember(auth, ctx.headers);
	// Whoever stole a session loses it with the old password: every session goes, this one
	// included, and the caller gets a new one (SECURITY.md rule 16).
	const session: SessionRow = await auth.storage.transaction(async (tx) => {
		await store(tx);
		await tx.delete("session", { userId: user.id });
		return createSession(auth, tx, { user, dontRemember, ip: ctx.ip, userAgent: ctx.headers.get("user-agent") });
	});
	setSessionCookies(auth, ctx.response, { session, user }, { dontRemember, hadDontRemember: dontRemember });
	// The body carries a session token: no cache may keep it (SECURITY.md rule 17).
	ctx.response.headers.set("cache-control", "no-store");
	return { token: session.token, user: toUserOutput(auth, user) };
});
