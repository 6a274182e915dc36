import type { OrganizationOptions } from "./options.ts";

export type { InvitationEmail, OrganizationCreationHooks, OrganizationOptions } from "./options.ts";

type Implementation = typeof import("./organization-plugin.ts");

/**
 * Organizations: create and manage organizations, members and invitations, an active
 * organization on the session, and role-based access control with Better Auth's `owner`,
 * `admin` and `member` roles (spec/plugins.md §5). Every route checks the caller's stored
 * membership of the target organization; nobody grants a role above their own; the last
 * owner cannot leave, be removed or be demoted; invitations are accepted exactly once.
 *
 * The plugin's modules are loaded on the first call (Bun's synchronous `require`), so an app
 * that does not use this plugin does not load them when it imports `@latchkey/server`.
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
export function organization(options: OrganizationOptions = {}): ReturnType<Implementation["organization"]> {
	return (require("./organization-plugin.ts") as Implementation).organization(options);
}
