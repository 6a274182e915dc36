import type { AccessControl, Invitation, MemberWithUser, Organization, OrganizationRoles, Statements } from "@latchkey/core";
import type { MemberRow, OrganizationRow, UserRow } from "../../storage/rows.ts";

/** A number, or a function of the context that returns one. */
type Limit<A extends unknown[]> = number | ((...args: A) => number | Promise<number>);

/** What `sendInvitationEmail` receives: build the link from your own base URL and `id`. */
export interface InvitationEmail {
	/** The invitation id: the capability the link carries. */
	id: string;
	/** Lowercased recipient. */
	email: string;
	role: string;
	organization: Organization;
	inviter: MemberWithUser;
	invitation: Invitation;
}

/** Hooks around organization creation. */
export interface OrganizationCreationHooks {
	/**
	 * Runs before the organization is written. Return `{ data }` to change name, slug, logo or
	 * metadata; throw an `APIError` to refuse.
	 */
	beforeCreate?: (input: { organization: Pick<OrganizationRow, "name" | "slug" | "logo"> & { metadata?: Record<string, unknown> }; user: UserRow }) =>
		| Promise<{ data: Partial<Pick<OrganizationRow, "name" | "slug" | "logo">> & { metadata?: Record<string, unknown> } } | undefined | void>
		| { data: Partial<Pick<OrganizationRow, "name" | "slug" | "logo">> & { metadata?: Record<string, unknown> } }
		| undefined
		| void;
	/** Runs after the organization and its owner membership are committed. */
	afterCreate?: (input: { organization: OrganizationRow; member: MemberRow; user: UserRow }) => Promise<void> | void;
}

/** Options of `organization()`; defaults are Better Auth's (spec/plugins.md §5.3). */
export interface OrganizationOptions {
	/** Whether a user may create organizations. Default `true`. */
	allowUserToCreateOrganization?: boolean | ((user: UserRow) => boolean | Promise<boolean>);
	/** Organizations a user may belong to before `create` is refused. Default unlimited. */
	organizationLimit?: number | ((user: UserRow) => boolean | Promise<boolean>);
	/** The creator's role, also "the owner" in every rule. Default `"owner"`. */
	creatorRole?: string;
	/** Members per organization. Default 100 (also list-members' default page size). */
	membershipLimit?: Limit<[user: UserRow, organization: OrganizationRow]>;
	/** Seconds an invitation stays valid. Default 172800 (48 h). */
	invitationExpiresIn?: number;
	/** Pending invitations per organization. Default 100. */
	invitationLimit?: Limit<[input: { user: UserRow; organization: OrganizationRow; member: MemberRow }]>;
	/** Re-inviting a pending email cancels the old invitation instead of refusing. Default false. */
	cancelPendingInvitationsOnReInvite?: boolean;
	/**
	 * Get, accept and reject an invitation only with a verified email. Default false, as in
	 * Better Auth with opaque random ids: the id is a 190-bit capability sent to the address,
	 * and `list-user-invitations` (which would reveal ids) always requires a verified email.
	 */
	requireEmailVerificationOnInvitation?: boolean;
	/** `delete` answers 404 ORGANIZATION_DELETION_DISABLED. Default false. */
	disableOrganizationDeletion?: boolean;
	/** Sends the invitation (on invite and on resend). Without it no mail is sent. */
	sendInvitationEmail?: (data: InvitationEmail, request: Request | undefined) => Promise<void> | void;
	/** Hooks around organization creation (Better Auth's `organizationHooks` names also work). */
	organizationCreation?: OrganizationCreationHooks;
	/** Better Auth's spelling: `beforeCreateOrganization` / `afterCreateOrganization`. */
	organizationHooks?: {
		beforeCreateOrganization?: OrganizationCreationHooks["beforeCreate"];
		afterCreateOrganization?: OrganizationCreationHooks["afterCreate"];
	};
	/** Your access control, when `roles` use more resources than the defaults. */
	ac?: AccessControl<Statements>;
	/** Roles by name; replaces `defaultOrganizationRoles` (spread it to keep them). */
	roles?: OrganizationRoles;
}
