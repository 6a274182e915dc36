import type { LatchkeyPlugin } from "../../plugin.ts";
import { resolveConfig } from "./config.ts";
import { createEndpoints } from "./create.ts";
import { hasPermissionEndpoint } from "./has-permission.ts";
import { invitationReadEndpoints } from "./invitation-read.ts";
import { invitationResponseEndpoints } from "./invitation-respond.ts";
import { inviteEndpoint } from "./invite.ts";
import { memberReadEndpoints } from "./members-read.ts";
import { memberWriteEndpoints } from "./members-write.ts";
import type { OrganizationOptions } from "./options.ts";
import { readEndpoints } from "./read.ts";
import { updateDeleteEndpoints } from "./update-delete.ts";

export type { InvitationEmail, OrganizationCreationHooks, OrganizationOptions } from "./options.ts";

/**
 * Organizations: create and manage organizations, members and invitations, an active
 * organization on the session, and role-based access control with Better Auth's `owner`,
 * `admin` and `member` roles (spec/plugins.md §5). Every route checks the caller's stored
 * membership of the target organization; nobody grants a role above their own; the last
 * owner cannot leave, be removed or be demoted; invitations are accepted exactly once.
 *
 * @example
 * createLatchkey({
 *   plugins: [
 *     organization({
 *       invitationExpiresIn: 3 * 24 * 3600,
 *       sendInvitationEmail: async ({ id, email, organization }) => {
 *         await mailer.send(email, `Join ${organization.name}: https://app.example.com/accept/${id}`);
 *       },
 *     }),
 *   ],
 * });
 */
export function organization(options: OrganizationOptions = {}) {
	const config = resolveConfig(options);
	return {
		id: "organization",
		endpoints: {
			...createEndpoints(config),
			...updateDeleteEndpoints(config),
			...readEndpoints(config),
			hasPermission: hasPermissionEndpoint(config),
			...memberReadEndpoints(config),
			...memberWriteEndpoints(config),
			createInvitation: inviteEndpoint(config),
			...invitationReadEndpoints(config),
			...invitationResponseEndpoints(config),
		},
		sessionFields: ["activeOrganizationId"],
	} satisfies LatchkeyPlugin;
}
