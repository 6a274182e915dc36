import { leaveOrganization as leaveRoute, removeMember as removeRoute, updateMemberRole as updateRoleRoute } from "@latchkey/core";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import type { MemberRow } from "../../storage/rows.ts";
import type { Storage } from "../../storage/storage.ts";
import { clearActiveOrganization, syncSessionCookies } from "./active-organization.ts";
import type { OrganizationConfig } from "./config.ts";
import { countOwners, fail, requireMember, withOrganizationLock } from "./membership.ts";
import { assertKnownRoles, isOwnerRole, isWithinActorRole, roleCan, splitRoles } from "./roles.ts";
import { memberOut, withUser } from "./serialize.ts";

/** The member `memberIdOrEmail` names inside `organizationId` (ids of other organizations match nothing). */
async function findTarget(storage: Storage, organizationId: string, memberIdOrEmail: string): Promise<MemberRow | null> {
	if (!memberIdOrEmail.includes("@")) return storage.findOne("member", { id: memberIdOrEmail, organizationId });
	const user = await storage.findOne("user", { email: memberIdOrEmail.toLowerCase() });
	return user ? storage.findOne("member", { userId: user.id, organizationId }) : null;
}

/**
 * Deletes a membership under the organization lock, refusing when it would leave no owner,
 * and lets every session of that user drop the organization as active.
 */
async function deleteMembership(storage: Storage, config: OrganizationConfig, member: MemberRow): Promise<void> {
	await withOrganizationLock(storage, member.organizationId, async (tx) => {
		const removed = await tx.delete("member", { id: member.id });
		if (removed === 0) fail("BAD_REQUEST", "MEMBER_NOT_FOUND");
		if (isOwnerRole(config, member.role) && (await countOwners(tx, config, member.organizationId)) === 0) {
			fail("BAD_REQUEST", "YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER");
		}
		await clearActiveOrganization(tx, member.organizationId, member.userId);
	});
}

/** `POST /organization/remove-member`, `update-member-role` and `leave`. */
export function memberWriteEndpoints(config: OrganizationConfig) {
	const removeMember = defineEndpoint(removeRoute, "sensitive", async (ctx) => {
		const { auth, body, session } = ctx;
		const organizationId = body.organizationId || session.session.activeOrganizationId;
		if (!organizationId) fail("BAD_REQUEST", "NO_ACTIVE_ORGANIZATION");
		const actor = await requireMember(auth.storage, { organizationId, userId: session.user.id }, { status: "BAD_REQUEST", code: "MEMBER_NOT_FOUND" });
		const target = await findTarget(auth.storage, organizationId, body.memberIdOrEmail);
		if (!target) fail("BAD_REQUEST", "MEMBER_NOT_FOUND");
		if (isOwnerRole(config, target.role)) {
			// Only an owner removes an owner, and never the last one (Better Auth's code for both).
			if (!isOwnerRole(config, actor.role) || (await countOwners(auth.storage, config, organizationId)) <= 1) {
				fail("BAD_REQUEST", "YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER");
			}
		}
		if (!roleCan(config, actor.role, { member: ["delete"] }) || !isWithinActorRole(config, actor.role, splitRoles(target.role))) {
			fail("UNAUTHORIZED", "YOU_ARE_NOT_ALLOWED_TO_DELETE_THIS_MEMBER");
		}
		await deleteMembership(auth.storage, config, target);
		if (target.userId === session.user.id && session.session.activeOrganizationId === organizationId) syncSessionCookies(ctx, null, "cache");
		return { member: memberOut(target) };
	});

	const updateMemberRole = defineEndpoint(updateRoleRoute, "sensitive", async ({ auth, body, session }) => {
		const roles = splitRoles(body.role);
		if (roles.length === 0) fail("BAD_REQUEST", "ROLE_NOT_FOUND");
		const organizationId = body.organizationId || session.session.activeOrganizationId;
		if (!organizationId) fail("BAD_REQUEST", "NO_ACTIVE_ORGANIZATION");
		const actor = await requireMember(auth.storage, { organizationId, userId: session.user.id }, { status: "BAD_REQUEST", code: "MEMBER_NOT_FOUND" });
		const target = await auth.storage.findOne("member", { id: body.memberId });
		if (!target) fail("BAD_REQUEST", "MEMBER_NOT_FOUND");
		if (target.organizationId !== organizationId) fail("FORBIDDEN", "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER");
		const actorIsOwner = isOwnerRole(config, actor.role);
		const targetIsOwner = isOwnerRole(config, target.role);
		const grantsOwner = roles.includes(config.creatorRole);
		if ((targetIsOwner || grantsOwner) && !actorIsOwner) fail("FORBIDDEN", "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER");
		// Owners bypass the permission check (Better Auth's `allowCreatorAllPermissions`).
		if (!actorIsOwner && !roleCan(config, actor.role, { member: ["update"] })) fail("FORBIDDEN", "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER");
		assertKnownRoles(config, roles);
		// Nobody hands out, or takes away, a role stronger than their own.
		if (!isWithinActorRole(config, actor.role, roles) || !isWithinActorRole(config, actor.role, splitRoles(target.role))) {
			fail("FORBIDDEN", "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER");
		}
		return withOrganizationLock(auth.storage, organizationId, async (tx) => {
			const updated = await tx.update("member", { id: target.id, organizationId }, { role: roles.join(",") });
			if (!updated) fail("BAD_REQUEST", "MEMBER_NOT_FOUND");
			if (targetIsOwner && !grantsOwner && (await countOwners(tx, config, organizationId)) === 0) {
				fail("BAD_REQUEST", "YOU_CANNOT_LEAVE_THE_ORGANIZATION_WITHOUT_AN_OWNER");
			}
			return memberOut(updated);
		});
	});

	const leaveOrganization = defineEndpoint(leaveRoute, "sensitive", async (ctx) => {
		const { auth, body, session } = ctx;
		const member = await requireMember(auth.storage, { organizationId: body.organizationId, userId: session.user.id }, { status: "BAD_REQUEST", code: "MEMBER_NOT_FOUND" });
		await deleteMembership(auth.storage, config, member);
		if (session.session.activeOrganizationId === body.organizationId) syncSessionCookies(ctx, null, "cache");
		return withUser(member, session.user);
	});

	return { removeMember, updateMemberRole, leaveOrganization };
}
