import * as z from "zod";
import { lazyRoute } from "../../../contract/lazy-route.ts";
import { LIMITS } from "../../../model.ts";
import { entityId, memberSchema, memberWithUserSchema, organizationSlug, queryInteger, roleInput } from "../schemas.ts";

/** Member columns that `list-members` sorts and filters on. */
export const memberFields = ["id", "organizationId", "userId", "role", "createdAt"] as const;

/** `list-members` filter operators (the adapter's, spec/plugins.md §5.5). */
export const memberFilterOperators = ["eq", "ne", "lt", "lte", "gt", "gte", "in", "not_in", "contains", "starts_with", "ends_with"] as const;

/** `GET /organization/list-members`: `{ members, total }`. `client.organization.listMembers({ query })`. */
export const listMembers = lazyRoute({
	name: "listMembers",
	method: "GET",
	path: "/organization/list-members",
	get query() {
		return z
			.object({
				limit: queryInteger.optional(),
				offset: queryInteger.optional(),
				sortBy: z.enum(memberFields).optional(),
				sortDirection: z.enum(["asc", "desc"]).optional(),
				filterField: z.enum(memberFields).optional(),
				filterValue: z.union([z.string().max(LIMITS.name), z.number(), z.boolean(), z.array(z.string().max(LIMITS.name)).max(100)]).optional(),
				filterOperator: z.enum(memberFilterOperators).optional(),
				organizationId: entityId.optional(),
				organizationSlug: organizationSlug.optional(),
			})
			.optional();
	},
	get response() {
		return z.object({ members: z.array(memberWithUserSchema), total: z.number() });
	},
	requiresSession: true,
	errorCodes: ["ORGANIZATION_NOT_FOUND", "NO_ACTIVE_ORGANIZATION", "YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION"],
	summary: "List organization members",
});

/** `GET /organization/get-active-member`: the caller's membership of the active organization. */
export const getActiveMember = lazyRoute({
	name: "getActiveMember",
	method: "GET",
	path: "/organization/get-active-member",
	get response() {
		return memberWithUserSchema;
	},
	requiresSession: true,
	errorCodes: ["NO_ACTIVE_ORGANIZATION", "MEMBER_NOT_FOUND"],
	summary: "Get the current member of the active organization",
});

/** `GET /organization/get-active-member-role`: `{ role }` of the caller, or of `userId`. */
export const getActiveMemberRole = lazyRoute({
	name: "getActiveMemberRole",
	method: "GET",
	path: "/organization/get-active-member-role",
	get query() {
		return z.object({ userId: entityId.optional(), organizationId: entityId.optional(), organizationSlug: organizationSlug.optional() }).optional();
	},
	get response() {
		return z.object({ role: z.string() });
	},
	requiresSession: true,
	errorCodes: ["NO_ACTIVE_ORGANIZATION", "ORGANIZATION_NOT_FOUND", "YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION"],
	summary: "Get a member's role in the active organization",
});

/** `POST /organization/remove-member`: by member id, or by email when it holds `@`. */
export const removeMember = lazyRoute({
	name: "removeMember",
	method: "POST",
	path: "/organization/remove-member",
	get body() {
		return z.object({ memberIdOrEmail: z.string().min(1).max(LIMITS.email), organizationId: entityId.optional() });
	},
	get response() {
		return z.object({ member: memberSchema });
	},
	requiresSession: true,
	errorCodes: ["NO_ACTIVE_ORGANIZATION", "MEMBER_NOT_FOUND", "YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER", "YOU_ARE_NOT_ALLOWED_TO_DELETE_THIS_MEMBER"],
	summary: "Remove a member",
});

/** `POST /organization/update-member-role`: answers the updated member (bare). */
export const updateMemberRole = lazyRoute({
	name: "updateMemberRole",
	method: "POST",
	path: "/organization/update-member-role",
	get body() {
		return z.object({ role: roleInput, memberId: entityId, organizationId: entityId.optional() });
	},
	get response() {
		return memberSchema;
	},
	requiresSession: true,
	errorCodes: ["NO_ACTIVE_ORGANIZATION", "MEMBER_NOT_FOUND", "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER", "YOU_CANNOT_LEAVE_THE_ORGANIZATION_WITHOUT_AN_OWNER", "ROLE_NOT_FOUND"],
	summary: "Change a member's role",
});

/** `POST /organization/leave`: answers the removed membership with its user. */
export const leaveOrganization = lazyRoute({
	name: "leaveOrganization",
	method: "POST",
	path: "/organization/leave",
	get body() {
		return z.object({ organizationId: entityId });
	},
	get response() {
		return memberWithUserSchema;
	},
	requiresSession: true,
	errorCodes: ["MEMBER_NOT_FOUND", "YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER"],
	summary: "Leave an organization",
});
