import * as z from "zod";
import { APIError, BASE_ERROR_CODES, createInvitation as inviteRoute } from "@latchkey/core";
import { generateId } from "../../crypto/random.ts";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import type { InvitationRow } from "../../storage/rows.ts";
import { cmp } from "../../storage/storage.ts";
import type { OrganizationConfig } from "./config.ts";
import { fail, findMember, requireMember, withOrganizationLock } from "./membership.ts";
import { assertKnownRoles, isWithinActorRole, roleCan, splitRoles } from "./roles.ts";
import { invitationOut, organizationOut, withUser } from "./serialize.ts";

const email = z.email();

/** `POST /organization/invite-member` (spec/plugins.md §5.5, processing order kept). */
export function inviteEndpoint(config: OrganizationConfig) {
	return defineEndpoint(inviteRoute, "sensitive", async ({ auth, body, session, request }) => {
		const organizationId = body.organizationId || session.session.activeOrganizationId;
		if (!organizationId) fail("BAD_REQUEST", "ORGANIZATION_NOT_FOUND");
		const address = body.email.toLowerCase();
		if (!email.safeParse(address).success) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.INVALID_EMAIL);
		const inviter = await requireMember(auth.storage, { organizationId, userId: session.user.id }, { status: "BAD_REQUEST", code: "MEMBER_NOT_FOUND" });
		if (!roleCan(config, inviter.role, { invitation: ["create"] })) fail("FORBIDDEN", "YOU_ARE_NOT_ALLOWED_TO_INVITE_USERS_TO_THIS_ORGANIZATION");
		const roles = splitRoles(body.role);
		assertKnownRoles(config, roles);
		// An admin cannot invite an owner, nor anyone invite into a role above their own.
		if (!isWithinActorRole(config, inviter.role, roles)) fail("FORBIDDEN", "YOU_ARE_NOT_ALLOWED_TO_INVITE_USER_WITH_THIS_ROLE");
		const invitee = await auth.storage.findOne("user", { email: address });
		if (invitee && (await findMember(auth.storage, organizationId, invitee.id))) fail("BAD_REQUEST", "USER_IS_ALREADY_A_MEMBER_OF_THIS_ORGANIZATION");

		const now = auth.now();
		const expiresAt = new Date(now.getTime() + config.invitationExpiresInSeconds * 1000);
		// Under the organization lock: parallel invites cannot pass the duplicate or limit checks together.
		const { invitation, organization } = await withOrganizationLock(auth.storage, organizationId, async (tx, organization) => {
			const pending = await tx.findMany("invitation", { organizationId, email: address, status: "pending", expiresAt: cmp.gt(now) });
			const [existing] = pending;
			if (existing && body.resend) {
				const renewed = await tx.update("invitation", { id: existing.id }, { expiresAt });
				return { invitation: renewed ?? { ...existing, expiresAt }, organization };
			}
			if (existing && !config.options.cancelPendingInvitationsOnReInvite) fail("BAD_REQUEST", "USER_IS_ALREADY_INVITED_TO_THIS_ORGANIZATION");
			if (existing) await tx.update("invitation", { organizationId, email: address, status: "pending" }, { status: "canceled" });
			const limit = await config.invitationLimit({ user: session.user, organization, member: inviter });
			if ((await tx.count("invitation", { organizationId, status: "pending", expiresAt: cmp.gt(now) })) >= limit) fail("FORBIDDEN", "INVITATION_LIMIT_REACHED");
			const row: InvitationRow = {
				id: generateId(),
				organizationId,
				email: address,
				role: roles.join(","),
				teamId: null,
				status: "pending",
				expiresAt,
				createdAt: now,
				inviterId: session.user.id,
			};
			return { invitation: await tx.create("invitation", row), organization };
		});
		const out = invitationOut(invitation);
		await config.options.sendInvitationEmail?.(
			{ id: out.id, email: out.email, role: out.role, organization: organizationOut(organization), inviter: withUser(inviter, session.user), invitation: out },
			request,
		);
		return out;
	});
}
