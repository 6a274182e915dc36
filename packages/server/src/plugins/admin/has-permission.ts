import { APIError, userHasPermission as route } from "@latchkey/core";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import type { Endpoint } from "../../endpoint/define-endpoint.ts";
import { optionalAdminSession } from "./admin-session.ts";
import type { ResolvedAdminOptions } from "./options.ts";
import { hasAdminPermission } from "./permissions.ts";
import type { PermissionSubject } from "./permissions.ts";

/**
 * `POST /admin/has-permission` (spec/plugins.md §6.5). Over HTTP the session user is always
 * the one checked; `userId` / `role` count only for a server call without headers. Errors
 * carry a message and no code, as Better Auth sends them.
 */
export function hasPermissionEndpoint(options: ResolvedAdminOptions): Endpoint<typeof route> {
	return defineEndpoint(route, "none", async (ctx) => {
		const { auth, body } = ctx;
		if (!body.permissions) throw new APIError("BAD_REQUEST", { message: "invalid permission check. no permission(s) were passed." });
		const session = await optionalAdminSession(ctx);
		let subject: PermissionSubject | null = session?.user ?? null;
		if (!subject) {
			if (!body.userId && !body.role) throw new APIError("BAD_REQUEST", { message: "user id or role is required" });
			subject = body.role ? { id: body.userId ?? "", role: body.role } : await auth.storage.findOne("user", { id: body.userId ?? "" });
		}
		if (!subject) throw new APIError("BAD_REQUEST", { message: "user not found" });
		return { error: null, success: hasAdminPermission(options, subject, body.permissions) };
	});
}
