import { authorizeRoles, createAccessControl } from "../../access/access-control.ts";
import type { AccessControl, PermissionRequest, Role, Statements } from "../../access/access-control.ts";

/**
 * The organization plugin's resources and actions (spec/plugins.md §5.2). Spread them into
 * your own statements to add resources while keeping the built-in checks working.
 *
 * @example
 * const ac = createAccessControl({ ...organizationStatements, project: ["create", "delete"] } as const);
 */
export const organizationStatements = {
	organization: ["update", "delete"],
	member: ["create", "update", "delete"],
	invitation: ["create", "cancel"],
	team: ["create", "update", "delete"],
	ac: ["create", "read", "update", "delete"],
} as const satisfies Statements;

/** The statements' type, for custom roles built on them. */
export type OrganizationStatements = typeof organizationStatements;

/** Access control over {@link organizationStatements}; `organizationAc.newRole({...})` builds custom roles. */
export const organizationAc: AccessControl<OrganizationStatements> = createAccessControl(organizationStatements);

/** Better Auth's `owner`: everything. */
export const ownerRole: Role<OrganizationStatements> = organizationAc.newRole({
	organization: ["update", "delete"],
	member: ["create", "update", "delete"],
	invitation: ["create", "cancel"],
	team: ["create", "update", "delete"],
	ac: ["create", "read", "update", "delete"],
});

/** Better Auth's `admin`: everything but deleting the organization. */
export const adminRole: Role<OrganizationStatements> = organizationAc.newRole({
	organization: ["update"],
	member: ["create", "update", "delete"],
	invitation: ["create", "cancel"],
	team: ["create", "update", "delete"],
	ac: ["create", "read", "update", "delete"],
});

/** Better Auth's `member`: reads roles, nothing else. */
export const memberRole: Role<OrganizationStatements> = organizationAc.newRole({
	organization: [],
	member: [],
	invitation: [],
	team: [],
	ac: ["read"],
});

/**
 * The default roles by name. Pass your own map as the plugin's `roles` option (server and
 * client) to replace them; spread this one to keep them.
 *
 * @example
 * organization({ roles: { ...defaultOrganizationRoles, billing: organizationAc.newRole({ organization: ["update"] }) } });
 */
export const defaultOrganizationRoles = { owner: ownerRole, admin: adminRole, member: memberRole } as const;

/** A role table as the organization plugin takes it. */
export type OrganizationRoles = Readonly<Record<string, Role<Statements>>>;

/**
 * Whether a (possibly comma-separated) role string is granted a request by `roles`: the
 * check behind `has-permission` and the client's `checkRolePermission` (one role that
 * authorizes everything suffices, spec/plugins.md §4).
 *
 * @example
 * hasOrganizationPermission("admin,member", defaultOrganizationRoles, { member: ["delete"] }); // true
 */
export function hasOrganizationPermission(role: string | null | undefined, roles: OrganizationRoles, permissions: PermissionRequest): boolean {
	return authorizeRoles(role, roles, permissions);
}
