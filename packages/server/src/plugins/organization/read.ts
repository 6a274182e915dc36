import {
	getFullOrganization as getFullRoute,
	getOrganization as getRoute,
	listOrganizations as listRoute,
	setActiveOrganization as setActiveRoute,
} from "@latchkey/core";
import type { RouteContract } from "@latchkey/core";
import type { EndpointContext } from "../../endpoint/define-endpoint.ts";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import type { SessionAndUser } from "../../session/types.ts";
import type { MemberRow, OrganizationRow } from "../../storage/rows.ts";
import { cmp } from "../../storage/storage.ts";
import { setActiveOrganization } from "./active-organization.ts";
import type { OrganizationConfig } from "./config.ts";
import { MAX_PAGE_SIZE } from "./config.ts";
import { fail, findMember, targetOrganizationId } from "./membership.ts";
import { isOwnerRole, roleCan } from "./roles.ts";
import { invitationOut, membersWithUsers, organizationOut } from "./serialize.ts";

type SessionContext = EndpointContext<RouteContract, SessionAndUser>;

/** The default page size: a numeric `membershipLimit`, else 100, never above the cap. */
export function defaultPageSize(config: OrganizationConfig): number {
	const limit = config.options.membershipLimit;
	return Math.min(typeof limit === "number" ? limit : 100, MAX_PAGE_SIZE);
}

/**
 * The organization a read targets and the caller's membership of it, or `null` when no
 * organization is named and none is active. A non-member gets 403 and loses the
 * organization as active (Better Auth does the same).
 */
async function readTarget(
	ctx: SessionContext,
	query: { organizationId?: string; organizationSlug?: string } | undefined,
): Promise<{ organization: OrganizationRow; member: MemberRow } | null> {
	const { auth, session } = ctx;
	const organizationId = await targetOrganizationId(auth.storage, query, session.session.activeOrganizationId);
	if (!organizationId) return null;
	const organization = await auth.storage.findOne("organization", { id: organizationId });
	if (!organization) fail("BAD_REQUEST", "ORGANIZATION_NOT_FOUND");
	const member = await findMember(auth.storage, organization.id, session.user.id);
	if (!member) {
		if (session.session.activeOrganizationId === organization.id) await setActiveOrganization(ctx, auth.storage, null, "cache");
		fail("FORBIDDEN", "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION");
	}
	return { organization, member };
}

/** `GET /organization/list`, `get-organization`, `get-full-organization` and `POST /organization/set-active`. */
export function readEndpoints(config: OrganizationConfig) {
	const listOrganizations = defineEndpoint(listRoute, "sensitive", async ({ auth, session }) => {
		const memberships = await auth.storage.findMany("member", { userId: session.user.id });
		if (memberships.length === 0) return [];
		const organizations = await auth.storage.findMany(
			"organization",
			{ id: cmp.in(memberships.map((m) => m.organizationId)) },
			{ sortBy: { field: "createdAt", direction: "asc" } },
		);
		return organizations.map(organizationOut);
	});

	const getOrganization = defineEndpoint(getRoute, "sensitive", async (ctx) => {
		const target = await readTarget(ctx, ctx.query);
		return target ? organizationOut(target.organization) : null;
	});

	const getFullOrganization = defineEndpoint(getFullRoute, "sensitive", async (ctx) => {
		const target = await readTarget(ctx, ctx.query);
		if (!target) return null;
		const { organization, member } = target;
		const { storage } = ctx.auth;
		const limit = Math.min(ctx.query?.membersLimit ?? defaultPageSize(config), MAX_PAGE_SIZE);
		const members = await storage.findMany("member", { organizationId: organization.id }, { limit, sortBy: { field: "createdAt", direction: "asc" } });
		// Invitations only for those who may invite; owner invitations only for owners.
		const seesInvitations = roleCan(config, member.role, { invitation: ["create"] });
		const isOwner = isOwnerRole(config, member.role);
		const invitations = seesInvitations ? await storage.findMany("invitation", { organizationId: organization.id }, { sortBy: { field: "createdAt", direction: "asc" } }) : [];
		return {
			...organizationOut(organization),
			members: await membersWithUsers(storage, members),
			invitations: invitations.filter((i) => isOwner || !isOwnerRole(config, i.role ?? "")).map(invitationOut),
		};
	});

	const setActive = defineEndpoint(setActiveRoute, "sensitive", async (ctx) => {
		const { auth, body, session } = ctx;
		if (body.organizationId === null) {
			if (session.session.activeOrganizationId) await setActiveOrganization(ctx, auth.storage, null, "session");
			return null;
		}
		const organizationId = await targetOrganizationId(auth.storage, body, session.session.activeOrganizationId);
		if (!organizationId) return null;
		const member = await findMember(auth.storage, organizationId, session.user.id);
		if (!member) {
			if (session.session.activeOrganizationId) await setActiveOrganization(ctx, auth.storage, null, "cache");
			fail("FORBIDDEN", "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION");
		}
		const organization = await auth.storage.findOne("organization", { id: organizationId });
		if (!organization) fail("BAD_REQUEST", "ORGANIZATION_NOT_FOUND");
		await setActiveOrganization(ctx, auth.storage, organization.id, "session");
		return organizationOut(organization);
	});

	return { listOrganizations, getOrganization, getFullOrganization, setActiveOrganization: setActive };
}

