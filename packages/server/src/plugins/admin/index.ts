import type { AdminOptions } from "./options.ts";

export type { AdminOptions } from "./options.ts";
export { ADMIN_ERROR_CODES, adminAccessControl, adminDefaultRoles, adminStatements } from "@latchkey/core";
export type { AdminStatements } from "@latchkey/core";

type Implementation = typeof import("./admin-plugin.ts");

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
 * The plugin's modules are loaded on the first call (Bun's synchronous `require`), so an app
 * that does not use this plugin does not load them when it imports `@latchkey/server`.
 *
 * @example
 * const support = adminAccessControl.newRole({ user: ["list", "get"], session: ["list"] });
 * createLatchkey({
 *   database: "app.db",
 *   emailAndPassword: { enabled: true },
 *   plugins: [admin({ roles: { ...adminDefaultRoles, support }, impersonationSessionDuration: 1800 })],
 * });
 */
export function admin(options: AdminOptions = {}): ReturnType<Implementation["admin"]> {
	return (require("./admin-plugin.ts") as Implementation).admin(options);
}
