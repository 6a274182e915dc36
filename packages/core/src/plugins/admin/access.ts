import { createAccessControl } from "../../access/access-control.ts";
import type { Role } from "../../access/access-control.ts";

/**
 * The admin plugin's resources and actions (spec/plugins.md §6.2). Spread them into your
 * own statements to add resources while keeping the admin ones.
 *
 * @example
 * const ac = createAccessControl({ ...adminStatements, project: ["create", "delete"] } as const);
 */
export const adminStatements = {
	user: ["create", "list", "set-role", "ban", "impersonate", "impersonate-admins", "delete", "set-password", "set-email", "set-phone", "get", "update"],
	session: ["list", "revoke", "delete"],
} as const;

/** The admin plugin's statements, as a type. */
export type AdminStatements = typeof adminStatements;

/** Access control over {@link adminStatements}: `adminAccessControl.newRole({ user: ["list"] })`. */
export const adminAccessControl = createAccessControl(adminStatements);

/**
 * The default roles: `admin` has every action except `user:impersonate-admins`; `user` has
 * none. Pass your own `roles` to `admin()` to replace them (keep an `admin` role, or set
 * `adminRoles`).
 *
 * @example
 * const support = adminAccessControl.newRole({ user: ["list", "get"], session: ["list"] });
 * admin({ roles: { ...adminDefaultRoles, support } });
 */
export const adminDefaultRoles: { readonly admin: Role<AdminStatements>; readonly user: Role<AdminStatements> } = {
	admin: adminAccessControl.newRole({
		user: ["create", "list", "set-role", "ban", "impersonate", "delete", "set-password", "set-email", "set-phone", "get", "update"],
		session: ["list", "revoke", "delete"],
	}),
	user: adminAccessControl.newRole({ user: [], session: [] }),
};
