import { ADMIN_ERROR_CODES, APIError, BASE_ERROR_CODES, banUser as banRoute, unbanUser as unbanRoute } from "@latchkey/core";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import { toUserOutput } from "../../session/output.ts";
import { requireAdminSession } from "./admin-session.ts";
import { UNBAN_PATCH, banPatch } from "./ban.ts";
import { findUserOr404 } from "./find-user.ts";
import { guardedUserUpdate } from "./last-admin.ts";
import type { ResolvedAdminOptions } from "./options.ts";
import { requirePermission } from "./permissions.ts";

/** `POST /admin/ban-user` and `POST /admin/unban-user` (spec/plugins.md §6.5), both `user:ban`. */
export function banEndpoints(options: ResolvedAdminOptions) {
	/** Bans and deletes every session of the user in one transaction (SECURITY.md rule 16). */
	const banUser = defineEndpoint(banRoute, "none", async (ctx) => {
		const { auth, body } = ctx;
		const { user: actor } = await requireAdminSession(ctx);
		requirePermission(options, actor, { user: ["ban"] }, ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_BAN_USERS);
		await findUserOr404(auth.storage, body.userId);
		if (body.userId === actor.id) throw APIError.from("BAD_REQUEST", ADMIN_ERROR_CODES.YOU_CANNOT_BAN_YOURSELF);
		const user = await guardedUserUpdate(auth, options, { userId: body.userId, patch: banPatch(auth, options, body), revokeSessions: true });
		return { user: toUserOutput(auth, user) };
	});

	const unbanUser = defineEndpoint(unbanRoute, "none", async (ctx) => {
		const { auth, body } = ctx;
		const { user: actor } = await requireAdminSession(ctx);
		requirePermission(options, actor, { user: ["ban"] }, ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_BAN_USERS);
		const user = await auth.storage.update("user", { id: (await findUserOr404(auth.storage, body.userId)).id }, { ...UNBAN_PATCH, updatedAt: auth.now() });
		if (!user) throw APIError.from("NOT_FOUND", BASE_ERROR_CODES.USER_NOT_FOUND);
		return { user: toUserOutput(auth, user) };
	});

	return { banUser, unbanUser };
}
