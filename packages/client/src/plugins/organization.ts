import type { PermissionRequest } from "@latchkey/core/access";
import { defaultOrganizationRoles, hasOrganizationPermission } from "@latchkey/core/plugins/organization/access";
import type { OrganizationRoles } from "@latchkey/core/plugins/organization/access";
import { ORGANIZATION_ERROR_CODES } from "@latchkey/core/plugins/organization/error-codes";
import type { OrganizationRouteTypes } from "@latchkey/core/route-types";
import type { ClientPlugin } from "../types.ts";

type Routes = OrganizationRouteTypes;

/** Method and path of the organization routes (checked against the contracts in organization.test.ts). */
export const ORGANIZATION_ROUTE_METHODS = {
	createOrganization: { name: "createOrganization", method: "POST", path: "/organization/create" },
	updateOrganization: { name: "updateOrganization", method: "POST", path: "/organization/update" },
	deleteOrganization: { name: "deleteOrganization", method: "POST", path: "/organization/delete" },
	listOrganizations: { name: "listOrganizations", method: "GET", path: "/organization/list" },
	getOrganization: { name: "getOrganization", method: "GET", path: "/organization/get-organization" },
	getFullOrganization: { name: "getFullOrganization", method: "GET", path: "/organization/get-full-organization" },
	checkOrganizationSlug: { name: "checkOrganizationSlug", method: "POST", path: "/organization/check-slug" },
	setActiveOrganization: { name: "setActiveOrganization", method: "POST", path: "/organization/set-active" },
	hasPermission: { name: "hasPermission", method: "POST", path: "/organization/has-permission" },
	listMembers: { name: "listMembers", method: "GET", path: "/organization/list-members" },
	getActiveMember: { name: "getActiveMember", method: "GET", path: "/organization/get-active-member" },
	getActiveMemberRole: { name: "getActiveMemberRole", method: "GET", path: "/organization/get-active-member-role" },
	removeMember: { name: "removeMember", method: "POST", path: "/organization/remove-member" },
	updateMemberRole: { name: "updateMemberRole", method: "POST", path: "/organization/update-member-role" },
	leaveOrganization: { name: "leaveOrganization", method: "POST", path: "/organization/leave" },
	createInvitation: { name: "createInvitation", method: "POST", path: "/organization/invite-member" },
	getInvitation: { name: "getInvitation", method: "GET", path: "/organization/get-invitation" },
	listInvitations: { name: "listInvitations", method: "GET", path: "/organization/list-invitations" },
	listUserInvitations: { name: "listUserInvitations", method: "GET", path: "/organization/list-user-invitations" },
	acceptInvitation: { name: "acceptInvitation", method: "POST", path: "/organization/accept-invitation" },
	rejectInvitation: { name: "rejectInvitation", method: "POST", path: "/organization/reject-invitation" },
	cancelInvitation: { name: "cancelInvitation", method: "POST", path: "/organization/cancel-invitation" },
} as const;

/** Paths after which the session is refetched: they change `session.activeOrganizationId` (spec/plugins.md §5.6). */
const SESSION_CHANGING = new Set(["/organization/create", "/organization/delete", "/organization/remove-member", "/organization/leave", "/organization/accept-invitation"]);

/** Options of `organizationClient()`. */
export interface OrganizationClientOptions {
	/** The same roles as the server's `organization({ roles })`; default `defaultOrganizationRoles`. */
	roles?: OrganizationRoles;
}

/** The actions the organization plugin adds (a type literal: action trees need an index signature). */
export type OrganizationActions = {
	organization: {
		/**
		 * Whether `role` (possibly `"admin,member"`) grants `permissions`, computed from the role
		 * table without a request (Better Auth's `checkRolePermission`).
		 */
		checkRolePermission(input: { role: string; permissions: PermissionRequest }): boolean;
	};
};

/** The type of `organizationClient()`. */
export type OrganizationClientPlugin = ClientPlugin<Routes, typeof ORGANIZATION_ERROR_CODES, OrganizationActions>;

/**
 * The organization plugin's client half: `client.organization.create`, `.update`, `.delete`,
 * `.list()`, `.getFullOrganization()`, `.checkSlug`, `.setActive`, `.hasPermission`,
 * `.listMembers`, `.getActiveMember()`, `.getActiveMemberRole()`, `.removeMember`,
 * `.updateMemberRole`, `.leave`, `.inviteMember`, `.getInvitation`, `.listInvitations`,
 * `.listUserInvitations()`, `.acceptInvitation`, `.rejectInvitation`, `.cancelInvitation`, and
 * `.checkRolePermission` (no request). Calls that change the active organization refetch the
 * session. Pair with the server's `organization()`.
 *
 * @example
 * const client = createAuthClient({ plugins: [organizationClient()] });
 * const { data: org } = await client.organization.create({ name: "Acme", slug: "acme" });
 * await client.organization.inviteMember({ email: "ada@example.com", role: "admin" });
 * client.organization.checkRolePermission({ role: "admin", permissions: { member: ["delete"] } }); // true
 */
export function organizationClient(options: OrganizationClientOptions = {}): OrganizationClientPlugin {
	const roles = options.roles ?? defaultOrganizationRoles;
	return {
		id: "organization",
		// Sound: the proxy reads nothing but `method` and `path` from a plugin's routes (create-client.ts).
		routes: ORGANIZATION_ROUTE_METHODS as unknown as Routes,
		atomListeners: [{ signal: "$sessionSignal", matcher: (path) => SESSION_CHANGING.has(path) || path.startsWith("/organization/set-active") }],
		$ERROR_CODES: ORGANIZATION_ERROR_CODES,
		getActions: () => ({
			organization: { checkRolePermission: ({ role, permissions }) => hasOrganizationPermission(role, roles, permissions) },
		}),
	};
}
