import {
	ADMIN_ERROR_CODES,
	APIError,
	getUser as getUserRoute,
	removeUser as removeUserRoute,
	setRole as setRoleRoute,
	setUserPassword as setUserPasswordRoute,
} from "@latchkey/core";
import { credentialAccountRow } from "../../credentials/credential-account.ts";
import { checkPasswordLength } from "../../credentials/password-policy.ts";
import { revokeUserCredentials } from "../../credentials/revoke-credentials.ts";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import { ResponseState } from "../../endpoint/response-state.ts";
import { deleteUserData } from "../../routes/user/delete-user-data.ts";
import { toUserOutput } from "../../session/output.ts";
import { cmp } from "../../storage/storage.ts";
import { requireAdminSession } from "./admin-session.ts";
import { findUserOr404 } from "./find-user.ts";
import { assertNotLastAdmin, guardedUserUpdate, withAdminLock } from "./last-admin.ts";
import type { ResolvedAdminOptions } from "./options.ts";
import { requirePermission } from "./permissions.ts";
import { parseRoleInput } from "./roles.ts";

/** `GET /admin/get-user`, `POST /admin/set-role`, `POST /admin/remove-user`, `POST /admin/set-user-password`. */
export function userEndpoints(options: ResolvedAdminOptions) {
	const getUser = defineEndpoint(getUserRoute, "none", async (ctx) => {
		const { user: actor } = await requireAdminSession(ctx);
		requirePermission(options, actor, { user: ["get"] }, ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_GET_USER);
		return toUserOutput(ctx.auth, await findUserOr404(ctx.auth.storage, ctx.query.id));
	});

	const setRole = defineEndpoint(setRoleRoute, "none", async (ctx) => {
		const { auth, body } = ctx;
		const { user: actor } = await requireAdminSession(ctx);
		requirePermission(options, actor, { user: ["set-role"] }, ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE);
		const role = parseRoleInput(options, body.role, actor);
		const user = await guardedUserUpdate(auth, options, { userId: body.userId, patch: { role }, revokeSessions: false });
		return { user: toUserOutput(auth, user) };
	});

	const removeUser = defineEndpoint(removeUserRoute, "none", async (ctx) => {
		const { auth, body } = ctx;
		const { user: actor } = await requireAdminSession(ctx);
		requirePermission(options, actor, { user: ["delete"] }, ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_DELETE_USERS);
		if (body.userId === actor.id) throw APIError.from("BAD_REQUEST", ADMIN_ERROR_CODES.YOU_CANNOT_REMOVE_YOURSELF);
		await withAdminLock(auth, async () => {
			const target = await findUserOr404(auth.storage, body.userId);
			await assertNotLastAdmin(auth, options, { storage: auth.storage, target, after: null });
			// Sessions, accounts and the user go in one transaction. The scratch response keeps
			// the helper from clearing the *admin's* cookies, which it does for self-deletion.
			await deleteUserData(auth, new ResponseState(), { user: target, request: ctx.request });
		});
		return { success: true };
	});

	const setUserPassword = defineEndpoint(setUserPasswordRoute, "none", async (ctx) => {
		const { auth, body } = ctx;
		const { user: actor, session } = await requireAdminSession(ctx);
		requirePermission(options, actor, { user: ["set-password"] }, ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_SET_USERS_PASSWORD);
		checkPasswordLength(auth, body.newPassword);
		const user = await findUserOr404(auth.storage, body.userId);
		const hash = await auth.emailAndPassword.hasher.hash(body.newPassword);
		const now = auth.now();
		await auth.storage.transaction(async (tx) => {
			const credential = { userId: user.id, providerId: "credential", accountId: user.id };
			const updated = await tx.update("account", credential, { password: hash, updatedAt: now });
			if (!updated) await tx.create("account", credentialAccountRow(user.id, hash, now));
			// A new password ends every other session of the user (SECURITY.md rule 16); the
			// admin's own session survives when they set their own password.
			if (options.revokeSessionsOnSetPassword) await tx.delete("session", { userId: user.id, token: cmp.ne(session.token) });
			await revokeUserCredentials(auth, tx, user.id, "password-set");
		});
		return { status: true };
	});

	return { getUser, setRole, removeUser, setUserPassword };
}
