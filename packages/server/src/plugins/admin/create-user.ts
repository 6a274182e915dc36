import { ADMIN_ERROR_CODES, APIError, createUser as route } from "@latchkey/core";
import { credentialAccountRow } from "../../credentials/credential-account.ts";
import { checkPasswordLength } from "../../credentials/password-policy.ts";
import { generateId } from "../../crypto/random.ts";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import type { Endpoint } from "../../endpoint/define-endpoint.ts";
import { toUserOutput } from "../../session/output.ts";
import type { UserRow } from "../../storage/rows.ts";
import { isUniqueViolation } from "../../storage/storage.ts";
import { optionalAdminSession } from "./admin-session.ts";
import { normalizeAdminEmail } from "./find-user.ts";
import type { ResolvedAdminOptions } from "./options.ts";
import { requirePermission } from "./permissions.ts";
import { parseRoleInput } from "./roles.ts";

const BAN_FIELDS = ["banned", "banReason", "banExpires"] as const;

/**
 * `POST /admin/create-user` (spec/plugins.md §6.5): needs `user:create` (plus `set-role`
 * for a role, `ban` for ban fields) unless it is a server call without headers. The user and
 * its credential account (only when a password is given) are written in one transaction.
 */
export function createUserEndpoint(options: ResolvedAdminOptions): Endpoint<typeof route> {
	return defineEndpoint(route, "none", async (ctx) => {
		const { auth, body } = ctx;
		const actor = (await optionalAdminSession(ctx))?.user ?? null;
		if (actor) requirePermission(options, actor, { user: ["create"] }, ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_CREATE_USERS);
		const { role: dataRole, ...data } = body.data ?? {};
		const requestedRole = body.role ?? dataRole;
		let role = options.defaultRole;
		if (requestedRole !== undefined) {
			if (actor) requirePermission(options, actor, { user: ["set-role"] }, ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE);
			role = parseRoleInput(options, requestedRole, actor);
		}
		if (actor && BAN_FIELDS.some((key) => Object.hasOwn(data, key))) {
			requirePermission(options, actor, { user: ["ban"] }, ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_BAN_USERS);
		}
		const email = normalizeAdminEmail(body.email);
		if (body.password) checkPasswordLength(auth, body.password);

		// Other plugins validate their own fields (a username) as on sign-up.
		const extra: Partial<UserRow> = {};
		for (const plugin of auth.plugins) {
			if (plugin.id !== "admin" && plugin.userInput) Object.assign(extra, await plugin.userInput({ body: data, mode: "create", current: null, auth }));
		}
		if (await auth.storage.findOne("user", { email })) throw APIError.from("BAD_REQUEST", ADMIN_ERROR_CODES.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL);
		const hash = body.password ? await auth.emailAndPassword.hasher.hash(body.password) : null;
		const now = auth.now();
		const user: UserRow = {
			id: generateId(),
			name: body.name,
			email,
			emailVerified: data.emailVerified ?? false,
			image: data.image ?? null,
			createdAt: now,
			updatedAt: now,
			username: null,
			displayUsername: null,
			...extra,
			role,
			banned: data.banned ?? false,
			banReason: data.banReason ?? null,
			banExpires: data.banExpires ?? null,
		};
		try {
			await auth.storage.transaction(async (tx) => {
				await tx.create("user", user);
				if (hash) await tx.create("account", credentialAccountRow(user.id, hash, now));
			});
		} catch (error) {
			// A parallel request took the email (or username) between the check and the insert.
			if (isUniqueViolation(error)) throw APIError.from("BAD_REQUEST", ADMIN_ERROR_CODES.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL);
			throw error;
		}
		return { user: toUserOutput(auth, user) };
	});
}
