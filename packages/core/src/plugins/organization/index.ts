export {
	adminRole,
	defaultOrganizationRoles,
	hasOrganizationPermission,
	memberRole,
	organizationAc,
	organizationStatements,
	ownerRole,
} from "./access.ts";
export type { OrganizationRoles, OrganizationStatements } from "./access.ts";
export { ORGANIZATION_ERROR_CODES } from "./error-codes.ts";
export { organizationRoutes } from "./routes.ts";
export * from "./routes/invitations.ts";
export * from "./routes/members.ts";
export * from "./routes/organizations.ts";
export {
	fullOrganizationSchema,
	invitationSchema,
	memberSchema,
	memberUserSchema,
	memberWithUserSchema,
	ORGANIZATION_LIMITS,
	organizationSchema,
	organizationWithParsedMetadata,
} from "./schemas.ts";
export type { FullOrganization, Invitation, Member, MemberWithUser, Organization } from "./schemas.ts";
