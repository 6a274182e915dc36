import * as z from "zod";
import { lazyRoute } from "../../../contract/lazy-route.ts";
import { once } from "../../../contract/once.ts";
import { LIMITS } from "../../../model.ts";
import { entityId, invitationSchema, memberSchema, roleInput } from "../schemas.ts";

const invitationIdBody = once(() => z.object({ invitationId: entityId }));

/** `POST /organization/invite-member`. `client.organization.inviteMember({ email, role })`. */
export const createInvitation = lazyRoute({
	name: "createInvitation",
	method: "POST",
	path: "/organization/invite-member",
	get body() {
		return z.object({
			email: z.string().max(LIMITS.email),
			role: roleInput,
			organizationId: entityId.optional(),
			resend: z.boolean().optional(),
		});
	},
	get response() {
		return invitationSchema;
	},
	requiresSession: true,
	errorCodes: [
		"INVALID_EMAIL",
		"MEMBER_NOT_FOUND",
		"YOU_ARE_NOT_ALLOWED_TO_INVITE_USERS_TO_THIS_ORGANIZATION",
		"ROLE_NOT_FOUND",
		"YOU_ARE_NOT_ALLOWED_TO_INVITE_USER_WITH_THIS_ROLE",
		"USER_IS_ALREADY_A_MEMBER_OF_THIS_ORGANIZATION",
		"USER_IS_ALREADY_INVITED_TO_THIS_ORGANIZATION",
		"INVITATION_LIMIT_REACHED",
	],
	summary: "Invite a user by email",
});

/** `GET /organization/get-invitation?id`: a pending invitation addressed to the caller. */
export const getInvitation = lazyRoute({
	name: "getInvitation",
	method: "GET",
	path: "/organization/get-invitation",
	get query() {
		return z.object({ id: entityId });
	},
	get response() {
		return invitationSchema.extend({ organizationName: z.string(), organizationSlug: z.string(), inviterEmail: z.string() });
	},
	requiresSession: true,
	errorCodes: ["INVITATION_NOT_FOUND", "YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION", "EMAIL_VERIFICATION_REQUIRED_FOR_INVITATION", "INVITER_IS_NO_LONGER_A_MEMBER_OF_THE_ORGANIZATION"],
	summary: "Get invitation details",
});

/** `GET /organization/list-invitations`: every invitation of an organization (needs `invitation:create`). */
export const listInvitations = lazyRoute({
	name: "listInvitations",
	method: "GET",
	path: "/organization/list-invitations",
	get query() {
		return z.object({ organizationId: entityId.optional() }).optional();
	},
	get response() {
		return z.array(invitationSchema);
	},
	requiresSession: true,
	errorCodes: ["ORGANIZATION_ID_REQUIRED", "YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION", "YOU_ARE_NOT_ALLOWED_TO_LIST_INVITATIONS"],
	summary: "List an organization's invitations",
});

/** `GET /organization/list-user-invitations`: pending invitations to the caller's (verified) email. */
export const listUserInvitations = lazyRoute({
	name: "listUserInvitations",
	method: "GET",
	path: "/organization/list-user-invitations",
	get query() {
		return z.object({ email: z.string().max(LIMITS.email).optional() }).optional();
	},
	get response() {
		return z.array(invitationSchema.extend({ organizationName: z.string() }));
	},
	requiresSession: true,
	errorCodes: ["EMAIL_QUERY_NOT_ALLOWED", "EMAIL_VERIFICATION_REQUIRED_FOR_INVITATION"],
	summary: "List the user's pending invitations",
});

/** `POST /organization/accept-invitation`: joins the organization and makes it active. */
export const acceptInvitation = lazyRoute({
	name: "acceptInvitation",
	method: "POST",
	path: "/organization/accept-invitation",
	get body() {
		return invitationIdBody();
	},
	get response() {
		return z.object({ invitation: invitationSchema, member: memberSchema });
	},
	requiresSession: true,
	errorCodes: [
		"INVITATION_NOT_FOUND",
		"YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION",
		"EMAIL_VERIFICATION_REQUIRED_BEFORE_ACCEPTING_OR_REJECTING_INVITATION",
		"ORGANIZATION_MEMBERSHIP_LIMIT_REACHED",
	],
	summary: "Accept an invitation",
});

/** `POST /organization/reject-invitation`: `{ invitation, member: null }`. */
export const rejectInvitation = lazyRoute({
	name: "rejectInvitation",
	method: "POST",
	path: "/organization/reject-invitation",
	get body() {
		return invitationIdBody();
	},
	get response() {
		return z.object({ invitation: invitationSchema, member: z.null() });
	},
	requiresSession: true,
	errorCodes: ["INVITATION_NOT_FOUND", "YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION", "EMAIL_VERIFICATION_REQUIRED_BEFORE_ACCEPTING_OR_REJECTING_INVITATION"],
	summary: "Reject an invitation",
});

/** `POST /organization/cancel-invitation`: answers the canceled invitation (bare). */
export const cancelInvitation = lazyRoute({
	name: "cancelInvitation",
	method: "POST",
	path: "/organization/cancel-invitation",
	get body() {
		return invitationIdBody();
	},
	get response() {
		return invitationSchema;
	},
	requiresSession: true,
	errorCodes: ["INVITATION_NOT_FOUND", "MEMBER_NOT_FOUND", "YOU_ARE_NOT_ALLOWED_TO_CANCEL_THIS_INVITATION"],
	summary: "Cancel a pending invitation",
});
