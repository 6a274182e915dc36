import * as z from "zod";
import { lazyRoute } from "../../../contract/lazy-route.ts";
import { once } from "../../../contract/once.ts";
import {
	entityId,
	fullOrganizationSchema,
	memberSchema,
	organizationLogo,
	organizationMetadata,
	organizationName,
	organizationSchema,
	organizationSlug,
	organizationWithParsedMetadata,
	permissionsInput,
	queryInteger,
} from "../schemas.ts";

/** `?organizationId&organizationSlug` (the slug wins). */
const organizationQuery = once(() => ({ organizationId: entityId.optional(), organizationSlug: organizationSlug.optional() }));

/** `POST /organization/create`. `auth.api.createOrganization({ body, headers })`, `client.organization.create(body)`. */
export const createOrganization = lazyRoute({
	name: "createOrganization",
	method: "POST",
	path: "/organization/create",
	get body() {
		return z.object({
			name: organizationName,
			slug: organizationSlug,
			logo: organizationLogo.optional(),
			metadata: organizationMetadata.optional(),
			keepCurrentActiveOrganization: z.boolean().optional(),
		});
	},
	get response() {
		return organizationWithParsedMetadata.extend({ members: z.array(memberSchema) });
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED", "YOU_ARE_NOT_ALLOWED_TO_CREATE_A_NEW_ORGANIZATION", "YOU_HAVE_REACHED_THE_MAXIMUM_NUMBER_OF_ORGANIZATIONS", "ORGANIZATION_ALREADY_EXISTS"],
	summary: "Create an organization",
});

/** `POST /organization/update`. `client.organization.update({ data, organizationId? })`. */
export const updateOrganization = lazyRoute({
	name: "updateOrganization",
	method: "POST",
	path: "/organization/update",
	get body() {
		return z.object({
			data: z.object({
				name: organizationName.optional(),
				slug: organizationSlug.optional(),
				logo: organizationLogo.optional(),
				metadata: organizationMetadata.optional(),
			}),
			organizationId: entityId.optional(),
		});
	},
	get response() {
		return organizationWithParsedMetadata;
	},
	requiresSession: true,
	errorCodes: ["ORGANIZATION_NOT_FOUND", "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION", "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_ORGANIZATION", "ORGANIZATION_SLUG_ALREADY_TAKEN"],
	summary: "Update organization details",
});

/** `POST /organization/delete`: answers the deleted organization. `client.organization.delete({ organizationId })`. */
export const deleteOrganization = lazyRoute({
	name: "deleteOrganization",
	method: "POST",
	path: "/organization/delete",
	get body() {
		return z.object({ organizationId: entityId });
	},
	get response() {
		return organizationSchema;
	},
	requiresSession: true,
	errorCodes: ["ORGANIZATION_DELETION_DISABLED", "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION", "YOU_ARE_NOT_ALLOWED_TO_DELETE_THIS_ORGANIZATION", "ORGANIZATION_NOT_FOUND"],
	summary: "Delete an organization",
});

/** `GET /organization/list`: the caller's organizations. `client.organization.list()`. */
export const listOrganizations = lazyRoute({
	name: "listOrganizations",
	method: "GET",
	path: "/organization/list",
	get response() {
		return z.array(organizationSchema);
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED"],
	summary: "List the user's organizations",
});

/** `GET /organization/get-organization`: one organization, or `null` when none is given or active. */
export const getOrganization = lazyRoute({
	name: "getOrganization",
	method: "GET",
	path: "/organization/get-organization",
	get query() {
		return z.object(organizationQuery()).optional();
	},
	get response() {
		return organizationSchema.nullable();
	},
	requiresSession: true,
	errorCodes: ["ORGANIZATION_NOT_FOUND", "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION"],
	summary: "Get an organization",
});

/** `GET /organization/get-full-organization`: with members and invitations; `null` when none is active. */
export const getFullOrganization = lazyRoute({
	name: "getFullOrganization",
	method: "GET",
	path: "/organization/get-full-organization",
	get query() {
		return z.object({ ...organizationQuery(), membersLimit: queryInteger.optional() }).optional();
	},
	get response() {
		return fullOrganizationSchema.nullable();
	},
	requiresSession: true,
	errorCodes: ["ORGANIZATION_NOT_FOUND", "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION"],
	summary: "Get an organization with its members and invitations",
});

/** `POST /organization/check-slug`: `{ status: true }` when free. `client.organization.checkSlug({ slug })`. */
export const checkOrganizationSlug = lazyRoute({
	name: "checkOrganizationSlug",
	method: "POST",
	path: "/organization/check-slug",
	get body() {
		return z.object({ slug: organizationSlug });
	},
	get response() {
		return z.object({ status: z.boolean() });
	},
	requiresSession: true,
	errorCodes: ["ORGANIZATION_SLUG_ALREADY_TAKEN"],
	summary: "Check slug availability",
});

/** `POST /organization/set-active`: `organizationId: null` clears it. `client.organization.setActive(body)`. */
export const setActiveOrganization = lazyRoute({
	name: "setActiveOrganization",
	method: "POST",
	path: "/organization/set-active",
	get body() {
		return z.object({ organizationId: entityId.nullable().optional(), organizationSlug: organizationSlug.optional() });
	},
	get response() {
		return organizationSchema.nullable();
	},
	requiresSession: true,
	errorCodes: ["ORGANIZATION_NOT_FOUND", "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION"],
	summary: "Set the session's active organization",
});

/**
 * `POST /organization/has-permission`: whether the caller's role grants `permissions`.
 * The deprecated singular `permission` is accepted and always answers `success: false`.
 */
export const organizationHasPermission = lazyRoute({
	name: "hasPermission",
	method: "POST",
	path: "/organization/has-permission",
	get body() {
		return z
			.object({ permissions: permissionsInput.optional(), permission: permissionsInput.optional(), organizationId: entityId.optional() })
			.refine((body) => (body.permissions === undefined) !== (body.permission === undefined), {
				message: "Send exactly one of permissions or permission",
				path: ["permissions"],
			});
	},
	get response() {
		return z.object({ error: z.null(), success: z.boolean() });
	},
	requiresSession: true,
	errorCodes: ["NO_ACTIVE_ORGANIZATION", "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION"],
	summary: "Check the caller's permissions in an organization",
});
