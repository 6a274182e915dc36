import { APIError } from "@latchkey/core";
import type { UserInputHook } from "../../plugin.ts";
import type { ResolvedAdminOptions } from "./options.ts";

/** Admin columns only an admin route may write (SECURITY.md rule 5). */
const SERVER_ONLY_FIELDS = ["role", "banned", "banReason", "banExpires"] as const;

/**
 * Sign-up and `/update-user` bodies: a truthy `role`, `banned`, `banReason` or `banExpires`
 * is 400 FIELD_NOT_ALLOWED ("<field> is not allowed to be set", spec/core.md §8.7); a new
 * user gets `defaultRole` and `banned: false`.
 */
export function adminUserInput(options: ResolvedAdminOptions): UserInputHook {
	return async ({ body, mode }) => {
		for (const field of SERVER_ONLY_FIELDS) {
			if (body[field]) throw new APIError("BAD_REQUEST", { code: "FIELD_NOT_ALLOWED", message: `${field} is not allowed to be set` });
		}
		return mode === "create" ? { role: options.defaultRole, banned: false } : {};
	};
}
