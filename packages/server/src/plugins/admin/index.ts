import type { LatchkeyPlugin } from "../../plugin.ts";
import { refuseBannedUsers } from "./ban.ts";
import { banEndpoints } from "./ban-routes.ts";
import { createUserEndpoint } from "./create-user.ts";
import { hasPermissionEndpoint } from "./has-permission.ts";
import { endImpersonationsBy, impersonationEndpoints } from "./impersonation.ts";
import { listUsersEndpoint } from "./list-users.ts";
import { resolveAdminOptions } from "./options.ts";
import type { AdminOptions } from "./options.ts";
import { sessionEndpoints } from "./session-routes.ts";
import { adminUpdateUserEndpoint } from "./update-user.ts";
import { adminUserInput } from "./user-input.ts";
import { userEndpoints } from "./user-routes.ts";

export type { AdminOptions } from "./options.ts";
export { ADMIN_ERROR_CODES, adminAccessControl, adminDefaultRoles, adminStatements } from "@latchkey/core";
export type { AdminStatements } from "@latchkey/core";

/**
 * User management for administrators (spec/plugins.md §6): `/admin/*` routes to create,
 * list, update, ban, impersonate and remove users, `role` / `banned` / `banReason` /
 * `banExpires` on users and `impersonatedBy` on sessions, and a ban check before every
 * session is created. Pair with `adminClient()` on the client.
 *
 * Beyond Better Auth: the last active admin cannot be demoted, banned or removed (400
 * `YOU_CANNOT_REMOVE_THE_LAST_ADMIN`); a role can only be granted by someone who holds all
 * its permissions; `set-user-password` signs the user out elsewhere; `list-users` pages hold
 * at most `maxListUsersLimit` users and unknown field names are a 400.
 *
 * @example
 * const support = adminAccessControl.newRole({ user: ["list", "get"], session: ["list"] });
 * createLatchkey({
 *   database: "app.db",
 *   emailAndPassword: { enabled: true },
 *   plugins: [admin({ roles: { ...adminDefaultRoles, support }, impersonationSessionDuration: 1800 })],
 * });
 */
export function admin(options: AdminOptions = {}) {
	const resolved = resolveAdminOptions(options);
	const endpoints = {
		...userEndpoints(resolved),
		createUser: createUserEndpoint(resolved),
		adminUpdateUser: adminUpdateUserEndpoint(resolved),
		listUsers: listUsersEndpoint(resolved),
		...sessionEndpoints(resolved),
		...banEndpoints(resolved),
		...impersonationEndpoints(resolved),
		userHasPermission: hasPermissionEndpoint(resolved),
	};
	return {
		id: "admin",
		endpoints,
		userFields: ["role", "banned", "banReason", "banExpires"],
		sessionFields: ["impersonatedBy"],
		userInput: adminUserInput(resolved),
		beforeSessionCreate: refuseBannedUsers(resolved),
		revokeCredentials: endImpersonationsBy,
	} satisfies LatchkeyPlugin;
}
