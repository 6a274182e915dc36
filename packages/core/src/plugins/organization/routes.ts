import { acceptInvitation, cancelInvitation, createInvitation, getInvitation, listInvitations, listUserInvitations, rejectInvitation } from "./routes/invitations.ts";
import { getActiveMember, getActiveMemberRole, leaveOrganization, listMembers, removeMember, updateMemberRole } from "./routes/members.ts";
import {
	checkOrganizationSlug,
	createOrganization,
	deleteOrganization,
	getFullOrganization,
	getOrganization,
	listOrganizations,
	organizationHasPermission,
	setActiveOrganization,
	updateOrganization,
} from "./routes/organizations.ts";

/** The organization plugin's routes, by endpoint name (`auth.api.<name>`). */
export const organizationRoutes = {
	createOrganization,
	updateOrganization,
	deleteOrganization,
	listOrganizations,
	getOrganization,
	getFullOrganization,
	checkOrganizationSlug,
	setActiveOrganization,
	hasPermission: organizationHasPermission,
	listMembers,
	getActiveMember,
	getActiveMemberRole,
	removeMember,
	updateMemberRole,
	leaveOrganization,
	createInvitation,
	getInvitation,
	listInvitations,
	listUserInvitations,
	acceptInvitation,
	rejectInvitation,
	cancelInvitation,
} as const;
