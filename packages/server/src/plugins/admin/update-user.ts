import { ADMIN_ERROR_CODES, APIError, adminUpdateUser as route } from "@latchkey/core";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import type { Endpoint, EndpointContext } from "../../endpoint/define-endpoint.ts";
import type { SessionAndUser } from "../../session/types.ts";
import { toUserOutput } from "../../session/output.ts";
import type { UserRow } from "../../storage/rows.ts";
import { isUniqueViolation } from "../../storage/storage.ts";
import { requireAdminSession } from "./admin-session.ts";
import { findUserOr404, normalizeAdminEmail } from "./find-user.ts";
import { guardedUserUpdate } from "./last-admin.ts";
import type { ResolvedAdminOptions } from "./options.ts";
import { requirePermission } from "./permissions.ts";
import { parseRoleInput } from "./roles.ts";

type Data = Record<string, unknown> & { name?: string; email?: string; emailVerified?: boolean; image?: string | null; banned?: boolean | null; banReason?: string | null; banExpires?: Date | null };

/**
 * Checks each field's extra permission (spec/plugins.md §6.5) and builds the patch. Only
 * known user columns (and other plugins' fields, through their `userInput` hooks) are
 * written; timestamps and unknown keys are ignored.
 */
async function buildPatch(ctx: EndpointContext<typeof route, SessionAndUser | null>, options: ResolvedAdminOptions, caller: SessionAndUser, data: Data): Promise<Partial<UserRow>> {
	const { auth } = ctx;
	const actor = caller.user;
	const has = (key: string) => Object.hasOwn(data, key);
	if (has("password")) throw APIError.from("BAD_REQUEST", ADMIN_ERROR_CODES.PASSWORD_CANNOT_BE_UPDATED_VIA_UPDATE_USER);
	if (has("id")) throw APIError.from("BAD_REQUEST", ADMIN_ERROR_CODES.USER_ID_CANNOT_BE_UPDATED);
	const patch: Partial<UserRow> = {};
	if (data.name !== undefined) patch.name = data.name;
	if (data.image !== undefined) patch.image = data.image;
	if (has("role")) {
		requirePermission(options, actor, { user: ["set-role"] }, ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE);
		patch.role = parseRoleInput(options, data.role, actor);
	}
	if (has("banned") || has("banReason") || has("banExpires")) {
		requirePermission(options, actor, { user: ["ban"] }, ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_BAN_USERS);
		if (data.banned === true && ctx.body.userId === actor.id) throw APIError.from("BAD_REQUEST", ADMIN_ERROR_CODES.YOU_CANNOT_BAN_YOURSELF);
		if (data.banned !== undefined) patch.banned = data.banned;
		if (data.banReason !== undefined) patch.banReason = data.banReason;
		if (data.banExpires !== undefined) patch.banExpires = data.banExpires;
	}
	if (has("email") || has("emailVerified")) {
		requirePermission(options, actor, { user: ["set-email"] }, ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_SET_USERS_EMAIL);
		if (data.email !== undefined) {
			const email = normalizeAdminEmail(data.email);
			const owner = await auth.storage.findOne("user", { email });
			if (owner && owner.id !== ctx.body.userId) throw APIError.from("BAD_REQUEST", ADMIN_ERROR_CODES.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL);
			patch.email = email;
		}
		if (data.emailVerified !== undefined) patch.emailVerified = data.emailVerified;
	}
	if (has("phoneNumber") || has("phoneNumberVerified")) {
		requirePermission(options, actor, { user: ["set-phone"] }, ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_SET_USERS_PHONE_NUMBER);
	}
	const current = await findUserOr404(auth.storage, ctx.body.userId);
	for (const plugin of auth.plugins) {
		if (plugin.id !== "admin" && plugin.userInput) Object.assign(patch, await plugin.userInput({ body: data, mode: "update", current, auth }));
	}
	return patch;
}

/**
 * `POST /admin/update-user` (spec/plugins.md §6.5): `user:update`, plus the permission of
 * each sensitive field. Setting `banned: true` also deletes the user's sessions, in the
 * same transaction. Answers the bare user.
 */
export function adminUpdateUserEndpoint(options: ResolvedAdminOptions): Endpoint<typeof route> {
	return defineEndpoint(route, "none", async (ctx) => {
		const { auth, body } = ctx;
		const caller = await requireAdminSession(ctx);
		requirePermission(options, caller.user, { user: ["update"] }, ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_UPDATE_USERS);
		if (Object.keys(body.data).length === 0) throw APIError.from("BAD_REQUEST", ADMIN_ERROR_CODES.NO_DATA_TO_UPDATE);
		const patch = await buildPatch(ctx, options, caller, body.data);
		if (Object.keys(patch).length === 0) throw APIError.from("BAD_REQUEST", ADMIN_ERROR_CODES.NO_DATA_TO_UPDATE);
		let user: UserRow;
		try {
			user = await guardedUserUpdate(auth, options, { userId: body.userId, patch, revokeSessions: patch.banned === true });
		} catch (error) {
			// A parallel change took the email (or a plugin's unique field) meanwhile.
			if (isUniqueViolation(error)) throw APIError.from("BAD_REQUEST", ADMIN_ERROR_CODES.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL);
			throw error;
		}
		return toUserOutput(auth, user);
	});
}
