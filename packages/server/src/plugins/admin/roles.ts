import { ADMIN_ERROR_CODES, APIError } from "@latchkey/core";
import type { ResolvedAdminOptions } from "./options.ts";
import { canGrantRoles } from "./permissions.ts";
import type { PermissionSubject } from "./permissions.ts";

/**
 * Turns a role input (`"admin"`, `"admin,user"`, `["admin", "user"]`) into the stored
 * comma-joined string. Refuses non-strings and empty names (400 INVALID_ROLE_TYPE), names
 * outside configured roles (400 YOU_ARE_NOT_ALLOWED_TO_SET_NON_EXISTENT_VALUE) and, when an
 * actor is given, roles above the actor's own (403 YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE).
 */
export function parseRoleInput(options: ResolvedAdminOptions, input: unknown, actor: PermissionSubject | null): string {
	const items: unknown[] = Array.isArray(input) ? input : [input];
	const names: string[] = [];
	for (const item of items) {
		if (typeof item !== "string") throw APIError.from("BAD_REQUEST", ADMIN_ERROR_CODES.INVALID_ROLE_TYPE);
		for (const part of item.split(",")) {
			const name = part.trim();
			if (!name || name.length > 64) throw APIError.from("BAD_REQUEST", ADMIN_ERROR_CODES.INVALID_ROLE_TYPE);
			if (options.customRoles && !Object.prototype.hasOwnProperty.call(options.roles, name)) {
				throw APIError.from("BAD_REQUEST", ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_SET_NON_EXISTENT_VALUE);
			}
			if (!names.includes(name)) names.push(name);
		}
	}
	if (names.length === 0 || names.length > 16) throw APIError.from("BAD_REQUEST", ADMIN_ERROR_CODES.INVALID_ROLE_TYPE);
	if (actor && !canGrantRoles(options, actor, names)) throw APIError.from("FORBIDDEN", ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE);
	return names.join(",");
}
