import { organizationHasPermission } from "@latchkey/core";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import type { OrganizationConfig } from "./config.ts";
import { fail, requireMember } from "./membership.ts";
import { roleCan } from "./roles.ts";

/** `POST /organization/has-permission`: checks the caller's stored role (never one from the body). */
export function hasPermissionEndpoint(config: OrganizationConfig) {
	return defineEndpoint(organizationHasPermission, "sensitive", async ({ auth, body, session }) => {
		const organizationId = body.organizationId || session.session.activeOrganizationId;
		if (!organizationId) fail("BAD_REQUEST", "NO_ACTIVE_ORGANIZATION");
		const member = await requireMember(auth.storage, { organizationId, userId: session.user.id }, { status: "UNAUTHORIZED", code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION" });
		// The deprecated singular `permission` is validated but never granted (Better Auth, observed).
		const success = body.permissions !== undefined && roleCan(config, member.role, body.permissions);
		return { error: null, success };
	});
}
