import { APIError, getActiveMember as activeMemberRoute, getActiveMemberRole as activeRoleRoute, listMembers as listRoute } from "@latchkey/core";
import type { RouteQuery } from "@latchkey/core";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import type { Condition, Where } from "../../storage/storage.ts";
import { cmp } from "../../storage/storage.ts";
import type { OrganizationConfig } from "./config.ts";
import { MAX_PAGE_SIZE } from "./config.ts";
import { fail, requireMember, targetOrganizationId } from "./membership.ts";
import { defaultPageSize } from "./read.ts";
import { membersWithUsers, withUser } from "./serialize.ts";

type ListQuery = NonNullable<RouteQuery<typeof listRoute>>;

function filterError(message: string): APIError {
	return new APIError("BAD_REQUEST", { code: "VALIDATION_ERROR", message: `[query.filterValue] ${message}` });
}

/** The `list-members` filter as a storage condition (`not_in` has no storage verb and is refused). */
function memberFilter(query: ListQuery): Where<"member"> {
	const { filterField: field, filterOperator: operator = "eq", filterValue } = query;
	if (!field || filterValue === undefined) return {};
	const values = (Array.isArray(filterValue) ? filterValue : typeof filterValue === "string" ? filterValue.split(",") : [filterValue]).map((v) => {
		if (field !== "createdAt") return String(v);
		const date = new Date(typeof v === "boolean" ? Number.NaN : v);
		if (Number.isNaN(date.getTime())) throw filterError("Invalid date");
		return date;
	});
	const [first] = values;
	if (first === undefined) throw filterError("Empty filter");
	let condition: unknown;
	if (operator === "eq") condition = first;
	else if (operator === "in") condition = cmp.in(values);
	else if (operator === "contains" || operator === "starts_with" || operator === "ends_with") {
		if (typeof first !== "string") throw filterError("Text operator on a date");
		condition = operator === "contains" ? cmp.contains(first) : operator === "starts_with" ? cmp.startsWith(first) : cmp.endsWith(first);
	} else if (operator === "not_in") throw filterError("not_in is not supported");
	else condition = { op: operator, value: first } satisfies Condition<unknown>;
	// Sound: `field` is a member column (the contract's enum) and the value was converted to its type above.
	return { [field]: condition } as Where<"member">;
}

/** `GET /organization/list-members`, `get-active-member`, `get-active-member-role`. */
export function memberReadEndpoints(config: OrganizationConfig) {
	const listMembers = defineEndpoint(listRoute, "sensitive", async ({ auth, query, session }) => {
		const organizationId = await targetOrganizationId(auth.storage, query, session.session.activeOrganizationId);
		if (!organizationId) fail("BAD_REQUEST", "NO_ACTIVE_ORGANIZATION");
		await requireMember(auth.storage, { organizationId, userId: session.user.id }, { status: "FORBIDDEN", code: "YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION" });
		// The organization is set last: no filter can widen the query to another organization.
		const where: Where<"member"> = { ...(query ? memberFilter(query) : {}), organizationId };
		const limit = Math.min(query?.limit ?? defaultPageSize(config), MAX_PAGE_SIZE);
		const sortBy = { field: query?.sortBy ?? "createdAt", direction: query?.sortDirection ?? "asc" } as const;
		const [members, total] = await Promise.all([
			auth.storage.findMany("member", where, { limit, offset: query?.offset ?? 0, sortBy }),
			auth.storage.count("member", where),
		]);
		return { members: await membersWithUsers(auth.storage, members), total };
	});

	const getActiveMember = defineEndpoint(activeMemberRoute, "sensitive", async ({ auth, session }) => {
		const organizationId = session.session.activeOrganizationId;
		if (!organizationId) fail("BAD_REQUEST", "NO_ACTIVE_ORGANIZATION");
		const member = await requireMember(auth.storage, { organizationId, userId: session.user.id }, { status: "BAD_REQUEST", code: "MEMBER_NOT_FOUND" });
		return withUser(member, session.user);
	});

	const getActiveMemberRole = defineEndpoint(activeRoleRoute, "sensitive", async ({ auth, query, session }) => {
		const organizationId = await targetOrganizationId(auth.storage, query, session.session.activeOrganizationId);
		if (!organizationId) fail("BAD_REQUEST", "NO_ACTIVE_ORGANIZATION");
		const notMember = { status: "FORBIDDEN", code: "YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION" } as const;
		const own = await requireMember(auth.storage, { organizationId, userId: session.user.id }, notMember);
		if (!query?.userId) return { role: own.role };
		const other = await requireMember(auth.storage, { organizationId, userId: query.userId }, notMember);
		return { role: other.role };
	});

	return { listMembers, getActiveMember, getActiveMemberRole };
}
