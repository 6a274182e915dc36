import { defaultOrganizationRoles } from "@latchkey/core";
import type { OrganizationRoles } from "@latchkey/core";
import type { MemberRow, OrganizationRow, UserRow } from "../../storage/rows.ts";
import type { OrganizationOptions } from "./options.ts";

/** The options with their defaults applied, shared by every endpoint of one plugin instance. */
export interface OrganizationConfig {
	readonly options: OrganizationOptions;
	readonly creatorRole: string;
	readonly roles: OrganizationRoles;
	/** Role names an invitation or a role change may use: the defaults' and `roles`' names. */
	readonly roleNames: ReadonlySet<string>;
	readonly invitationExpiresInSeconds: number;
	membershipLimit(user: UserRow, organization: OrganizationRow): Promise<number>;
	invitationLimit(input: { user: UserRow; organization: OrganizationRow; member: MemberRow }): Promise<number>;
}

/** Largest page `list-members` and `get-full-organization` return, whatever is asked. */
export const MAX_PAGE_SIZE = 1000;

/** Applies the defaults of spec/plugins.md §5.3. */
export function resolveConfig(options: OrganizationOptions): OrganizationConfig {
	const roles = options.roles ?? defaultOrganizationRoles;
	return {
		options,
		creatorRole: options.creatorRole ?? "owner",
		roles,
		roleNames: new Set([...Object.keys(defaultOrganizationRoles), ...Object.keys(roles)]),
		invitationExpiresInSeconds: options.invitationExpiresIn ?? 48 * 3600,
		async membershipLimit(user, organization) {
			const limit = options.membershipLimit ?? 100;
			return typeof limit === "number" ? limit : limit(user, organization);
		},
		async invitationLimit(input) {
			const limit = options.invitationLimit ?? 100;
			return typeof limit === "number" ? limit : limit(input);
		},
	};
}
