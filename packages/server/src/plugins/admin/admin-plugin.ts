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

/** The `admin()` plugin object; loaded by `admin()` in `index.ts` on first call. */
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
