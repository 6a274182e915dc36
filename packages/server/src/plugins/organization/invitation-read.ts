import {
	APIError,
	BASE_ERROR_CODES,
	getInvitation as getRoute,
	listInvitations as listRoute,
	listUserInvitations as listUserRoute,
} from "@latchkey/core";
import type { AuthContext } from "../../context/create-context.ts";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import { resolveSession } from "../../session/get-session.ts";
import type { SessionAndUser } from "../../session/types.ts";
import type { InvitationRow } from "../../storage/rows.ts";
import { cmp } from "../../storage/storage.ts";
import type { OrganizationConfig } from "./config.ts";
import { fail, findMember, requireMember } from "./membership.ts";
import { isOwnerRole, roleCan } from "./roles.ts";
import { invitationOut } from "./serialize.ts";

/**
 * The invitation `id`, when it is pending (and unexpired, unless `checkExpiry: false`) and
 * addressed to the caller: the checks shared by get, accept and reject. The email comparison
 * ignores case; a verified email is required when configured.
 */
export async function invitationForRecipient(
	config: OrganizationConfig,
	ctx: { auth: AuthContext; session: SessionAndUser },
	id: string,
	options: { checkExpiry: boolean; unverified: "EMAIL_VERIFICATION_REQUIRED_FOR_INVITATION" | "EMAIL_VERIFICATION_REQUIRED_BEFORE_ACCEPTING_OR_REJECTING_INVITATION" },
): Promise<InvitationRow> {
	const { auth, session } = ctx;
	const invitation = await auth.storage.findOne("invitation", { id });
	const live = invitation && invitation.status === "pending" && (!options.checkExpiry || invitation.expiresAt.getTime() > auth.now().getTime());
	if (!live) fail("BAD_REQUEST", "INVITATION_NOT_FOUND");
	if (invitation.email.toLowerCase() !== session.user.email.toLowerCase()) fail("FORBIDDEN", "YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION");
	if (config.options.requireEmailVerificationOnInvitation && !session.user.emailVerified) fail("FORBIDDEN", options.unverified);
	return invitation;
}

/** Owner-role invitations are shown to owners only. */
function visibleTo(config: OrganizationConfig, role: string, invitations: readonly InvitationRow[]): InvitationRow[] {
	return isOwnerRole(config, role) ? [...invitations] : invitations.filter((i) => !isOwnerRole(config, i.role ?? ""));
}

/** `GET /organization/get-invitation`, `list-invitations`, `list-user-invitations`. */
export function invitationReadEndpoints(config: OrganizationConfig) {
	const getInvitation = defineEndpoint(getRoute, "sensitive", async ({ auth, query, session }) => {
		const invitation = await invitationForRecipient(config, { auth, session }, query.id, { checkExpiry: true, unverified: "EMAIL_VERIFICATION_REQUIRED_FOR_INVITATION" });
		const organization = await auth.storage.findOne("organization", { id: invitation.organizationId });
		if (!organization) fail("BAD_REQUEST", "ORGANIZATION_NOT_FOUND");
		const inviter = await findMember(auth.storage, invitation.organizationId, invitation.inviterId);
		const inviterUser = inviter ? await auth.storage.findOne("user", { id: inviter.userId }) : null;
		if (!inviterUser) fail("BAD_REQUEST", "INVITER_IS_NO_LONGER_A_MEMBER_OF_THE_ORGANIZATION");
		return { ...invitationOut(invitation), organizationName: organization.name, organizationSlug: organization.slug, inviterEmail: inviterUser.email };
	});

	const listInvitations = defineEndpoint(listRoute, "sensitive", async ({ auth, query, session }) => {
		const organizationId = query?.organizationId || session.session.activeOrganizationId;
		if (!organizationId) fail("BAD_REQUEST", "ORGANIZATION_ID_REQUIRED");
		const member = await requireMember(auth.storage, { organizationId, userId: session.user.id }, { status: "FORBIDDEN", code: "YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION" });
		if (!roleCan(config, member.role, { invitation: ["create"] })) fail("FORBIDDEN", "YOU_ARE_NOT_ALLOWED_TO_LIST_INVITATIONS");
		const invitations = await auth.storage.findMany("invitation", { organizationId }, { sortBy: { field: "createdAt", direction: "asc" } });
		return visibleTo(config, member.role, invitations).map(invitationOut);
	});

	// Auth "none": a server call may name an `email` without a session (Better Auth's server-only use).
	const listUserInvitations = defineEndpoint(listUserRoute, "none", async ({ auth, query, request, headers, response }) => {
		if (request && query?.email) fail("BAD_REQUEST", "EMAIL_QUERY_NOT_ALLOWED");
		const session = await resolveSession(auth, headers, response, { fromDatabase: true });
		// Listing reveals invitation ids, the capability accept needs: a verified email only.
		if (session && !session.user.emailVerified) fail("FORBIDDEN", "EMAIL_VERIFICATION_REQUIRED_FOR_INVITATION");
		const address = (session?.user.email ?? query?.email)?.toLowerCase();
		if (!address) throw APIError.from("UNAUTHORIZED", BASE_ERROR_CODES.UNAUTHORIZED);
		const invitations = await auth.storage.findMany("invitation", { email: address, status: "pending", expiresAt: cmp.gt(auth.now()) }, { sortBy: { field: "createdAt", direction: "asc" } });
		if (invitations.length === 0) return [];
		const organizations = await auth.storage.findMany("organization", { id: cmp.in([...new Set(invitations.map((i) => i.organizationId))]) });
		const names = new Map(organizations.map((o) => [o.id, o.name]));
		return invitations.flatMap((i) => {
			const organizationName = names.get(i.organizationId);
			return organizationName === undefined ? [] : [{ ...invitationOut(i), organizationName }];
		});
	});

	return { getInvitation, listInvitations, listUserInvitations };
}
