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

/** The `organization()` plugin object; loaded by `organization()` in `index.ts` on first call. */
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
