import { acceptInvitation as acceptRoute, cancelInvitation as cancelRoute, rejectInvitation as rejectRoute } from "@latchkey/core";
import { generateId } from "../../crypto/random.ts";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import { cmp } from "../../storage/storage.ts";
import { syncSessionCookies, writeActiveOrganization } from "./active-organization.ts";
import type { OrganizationConfig } from "./config.ts";
import { fail, findMember, requireMember, withOrganizationLock } from "./membership.ts";
import { invitationForRecipient } from "./invitation-read.ts";
import { isWithinActorRole, roleCan, splitRoles } from "./roles.ts";
import { invitationOut, memberOut } from "./serialize.ts";

const UNVERIFIED = "EMAIL_VERIFICATION_REQUIRED_BEFORE_ACCEPTING_OR_REJECTING_INVITATION";

/** `POST /organization/accept-invitation`, `reject-invitation`, `cancel-invitation`. */
export function invitationResponseEndpoints(config: OrganizationConfig) {
	const acceptInvitation = defineEndpoint(acceptRoute, "sensitive", async (ctx) => {
		const { auth, body, session } = ctx;
		const now = auth.now();
		const found = await invitationForRecipient(config, ctx, body.invitationId, { checkExpiry: true, unverified: UNVERIFIED });
		const organizationId = found.organizationId;
		const result = await withOrganizationLock(auth.storage, organizationId, async (tx, organization) => {
			// pending → accepted exactly once: a conditional update, so of twenty parallel
			// accepts one wins and the rest find nothing (SECURITY.md rule 1). A throw below
			// rolls the claim back and the invitation stays pending.
			const invitation = await tx.update("invitation", { id: found.id, status: "pending", expiresAt: cmp.gt(now) }, { status: "accepted" });
			if (!invitation) fail("BAD_REQUEST", "INVITATION_NOT_FOUND");
			if (await findMember(tx, organizationId, session.user.id)) fail("BAD_REQUEST", "USER_IS_ALREADY_A_MEMBER_OF_THIS_ORGANIZATION");
			const limit = await config.membershipLimit(session.user, organization);
			if ((await tx.count("member", { organizationId })) >= limit) fail("FORBIDDEN", "ORGANIZATION_MEMBERSHIP_LIMIT_REACHED");
			const member = await tx.create("member", { id: generateId(), organizationId, userId: session.user.id, role: invitation.role ?? "member", createdAt: now });
			await writeActiveOrganization(tx, session.session.id, organizationId);
			return { invitation: invitationOut(invitation), member: memberOut(member) };
		});
		syncSessionCookies(ctx, organizationId, "cache");
		return result;
	});

	const rejectInvitation = defineEndpoint(rejectRoute, "sensitive", async ({ auth, body, session }) => {
		// Better Auth lets an expired, still pending invitation be rejected.
		const found = await invitationForRecipient(config, { auth, session }, body.invitationId, { checkExpiry: false, unverified: UNVERIFIED });
		const invitation = await auth.storage.update("invitation", { id: found.id, status: "pending" }, { status: "rejected" });
		if (!invitation) fail("BAD_REQUEST", "INVITATION_NOT_FOUND");
		return { invitation: invitationOut(invitation), member: null };
	});

	const cancelInvitation = defineEndpoint(cancelRoute, "sensitive", async ({ auth, body, session }) => {
		const found = await auth.storage.findOne("invitation", { id: body.invitationId });
		if (!found) fail("BAD_REQUEST", "INVITATION_NOT_FOUND");
		// Membership of the invitation's own organization: ids from elsewhere lead nowhere.
		const member = await requireMember(auth.storage, { organizationId: found.organizationId, userId: session.user.id }, { status: "BAD_REQUEST", code: "MEMBER_NOT_FOUND" });
		const allowed = roleCan(config, member.role, { invitation: ["cancel"] }) && isWithinActorRole(config, member.role, splitRoles(found.role ?? ""));
		if (!allowed) fail("FORBIDDEN", "YOU_ARE_NOT_ALLOWED_TO_CANCEL_THIS_INVITATION");
		const invitation = await auth.storage.update("invitation", { id: found.id, status: "pending" }, { status: "canceled" });
		if (!invitation) fail("BAD_REQUEST", "INVITATION_NOT_FOUND");
		return invitationOut(invitation);
	});

	return { acceptInvitation, rejectInvitation, cancelInvitation };
}
