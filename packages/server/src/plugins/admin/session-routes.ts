import {
	ADMIN_ERROR_CODES,
	listUserSessions as listRoute,
	revokeUserSession as revokeOneRoute,
	revokeUserSessions as revokeAllRoute,
} from "@latchkey/core";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import { toSessionOutput } from "../../session/output.ts";
import { cmp } from "../../storage/storage.ts";
import { requireAdminSession } from "./admin-session.ts";
import type { ResolvedAdminOptions } from "./options.ts";
import { requirePermission } from "./permissions.ts";

/** A user's sessions listed at most (newest first); far above any real user's count. */
const MAX_SESSIONS = 1000;

/** `POST /admin/list-user-sessions`, `/admin/revoke-user-session`, `/admin/revoke-user-sessions`. */
export function sessionEndpoints(options: ResolvedAdminOptions) {
	/** The user's unexpired sessions, impersonation sessions included (with `impersonatedBy`). */
	const listUserSessions = defineEndpoint(listRoute, "none", async (ctx) => {
		const { auth } = ctx;
		const { user: actor } = await requireAdminSession(ctx);
		requirePermission(options, actor, { session: ["list"] }, ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_LIST_USERS_SESSIONS);
		const rows = await auth.storage.findMany(
			"session",
			{ userId: ctx.body.userId, expiresAt: cmp.gt(auth.now()) },
			{ limit: MAX_SESSIONS, sortBy: { field: "createdAt", direction: "desc" } },
		);
		return { sessions: rows.map((row) => toSessionOutput(auth, row)) };
	});

	const revokeUserSession = defineEndpoint(revokeOneRoute, "none", async (ctx) => {
		const { user: actor } = await requireAdminSession(ctx);
		requirePermission(options, actor, { session: ["revoke"] }, ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS);
		if (ctx.body.sessionToken) await ctx.auth.storage.delete("session", { token: ctx.body.sessionToken });
		return { success: true };
	});

	const revokeUserSessions = defineEndpoint(revokeAllRoute, "none", async (ctx) => {
		const { user: actor } = await requireAdminSession(ctx);
		requirePermission(options, actor, { session: ["revoke"] }, ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS);
		if (ctx.body.userId) await ctx.auth.storage.delete("session", { userId: ctx.body.userId });
		return { success: true };
	});

	return { listUserSessions, revokeUserSession, revokeUserSessions };
}
