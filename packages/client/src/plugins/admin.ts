import { ADMIN_ERROR_CODES } from "@latchkey/core/plugins/admin/error-codes";
import type { AdminRouteTypes } from "@latchkey/core/route-types";
import type { ClientPlugin } from "../types.ts";

/** The type of `adminClient()`: its routes and error codes drive the client's types. */
export type AdminClientPlugin = ClientPlugin<AdminRouteTypes, typeof ADMIN_ERROR_CODES>;

/** Method and path of the admin routes (checked against the contracts in admin.test.ts). */
export const ADMIN_ROUTE_METHODS = {
	setRole: { name: "setRole", method: "POST", path: "/admin/set-role" },
	getUser: { name: "getUser", method: "GET", path: "/admin/get-user" },
	createUser: { name: "createUser", method: "POST", path: "/admin/create-user" },
	adminUpdateUser: { name: "adminUpdateUser", method: "POST", path: "/admin/update-user" },
	listUsers: { name: "listUsers", method: "GET", path: "/admin/list-users" },
	listUserSessions: { name: "listUserSessions", method: "POST", path: "/admin/list-user-sessions" },
	banUser: { name: "banUser", method: "POST", path: "/admin/ban-user" },
	unbanUser: { name: "unbanUser", method: "POST", path: "/admin/unban-user" },
	impersonateUser: { name: "impersonateUser", method: "POST", path: "/admin/impersonate-user" },
	stopImpersonating: { name: "stopImpersonating", method: "POST", path: "/admin/stop-impersonating" },
	revokeUserSession: { name: "revokeUserSession", method: "POST", path: "/admin/revoke-user-session" },
	revokeUserSessions: { name: "revokeUserSessions", method: "POST", path: "/admin/revoke-user-sessions" },
	removeUser: { name: "removeUser", method: "POST", path: "/admin/remove-user" },
	setUserPassword: { name: "setUserPassword", method: "POST", path: "/admin/set-user-password" },
	userHasPermission: { name: "userHasPermission", method: "POST", path: "/admin/has-permission" },
} as const;

const SESSION_SWAPS = new Set(["/admin/impersonate-user", "/admin/stop-impersonating"]);

/**
 * The admin plugin's client half: `client.admin.*` for every `/admin/*` route
 * (`listUsers({ query })` and `getUser({ query: { id } })` are GET, the rest POST), a session
 * refetch after `impersonateUser` and `stopImpersonating`, and `ADMIN_ERROR_CODES` merged
 * into `client.$ERROR_CODES`. Pair with the server's `admin()`.
 *
 * @example
 * const client = createAuthClient({ baseURL: "http://localhost:3000", plugins: [adminClient()] });
 * const { data } = await client.admin.listUsers({ query: { searchValue: "ada", limit: 20 } });
 * await client.admin.banUser({ userId: data?.users[0]?.id ?? "", banReason: "spam", banExpiresIn: 86_400 });
 */
export function adminClient(): AdminClientPlugin {
	return {
		id: "admin-client",
		// Only method and path are read at runtime; the types come from core's generated `AdminRouteTypes`.
		// Sound: the proxy reads nothing but `method` and `path` from a plugin's routes (create-client.ts).
		routes: ADMIN_ROUTE_METHODS as unknown as AdminRouteTypes,
		// Better Auth's pathMethods (spec/plugins.md §1.1); the routes table already says the same.
		pathMethods: { "/admin/list-users": "GET", "/admin/impersonate-user": "POST", "/admin/stop-impersonating": "POST" },
		atomListeners: [{ signal: "$sessionSignal", matcher: (path) => SESSION_SWAPS.has(path) }],
		$ERROR_CODES: ADMIN_ERROR_CODES,
	};
}
