import { APIError, authorizeRoles } from "@latchkey/core";
import type { ErrorBody, PermissionRequest, Statements } from "@latchkey/core";
import type { UserRow } from "../../storage/rows.ts";
import type { ResolvedAdminOptions } from "./options.ts";

/** Who a permission is checked for: a user, or a bare role string (server calls). */
export interface PermissionSubject {
	readonly id: string;
	readonly role?: string | null;
}

/**
 * Better Auth's `hasPermission` (spec/plugins.md §6.2): `adminUserIds` pass everything;
 * otherwise the role string (or `defaultRole`) is split on `,` and any one role that
 * authorizes the whole request suffices.
 */
export function hasAdminPermission(options: ResolvedAdminOptions, subject: PermissionSubject, request: PermissionRequest<Statements>): boolean {
	if (subject.id && options.adminUserIds.includes(subject.id)) return true;
	return authorizeRoles(subject.role || options.defaultRole, options.roles, request);
}

/** Throws 403 with `error` unless the subject holds the permission. */
export function requirePermission(options: ResolvedAdminOptions, subject: PermissionSubject, request: PermissionRequest<Statements>, error: ErrorBody): void {
	if (!hasAdminPermission(options, subject, request)) throw APIError.from("FORBIDDEN", error);
}

/** The role names in a comma-joined role string (or `defaultRole` when empty). */
export function roleNames(options: ResolvedAdminOptions, role: string | null | undefined): string[] {
	return (role || options.defaultRole).split(",").map((r) => r.trim());
}

/** True when the user holds an admin role or is listed in `adminUserIds`. */
export function isAdminUser(options: ResolvedAdminOptions, user: Pick<UserRow, "id" | "role">): boolean {
	return options.adminUserIds.includes(user.id) || roleNames(options, user.role).some((r) => options.adminRoles.includes(r));
}

/**
 * Whether `actor` may hand out `roles`: every action those roles grant must be one the actor
 * holds (SECURITY.md rule 9: nobody grants a role above their own). Unknown role names grant
 * nothing, so they never exceed the actor.
 */
export function canGrantRoles(options: ResolvedAdminOptions, actor: PermissionSubject, roles: readonly string[]): boolean {
	for (const name of roles) {
		const granted = Object.prototype.hasOwnProperty.call(options.roles, name) ? options.roles[name] : undefined;
		if (!granted) continue;
		for (const [resource, actions] of Object.entries(granted.statements)) {
			if (!actions || actions.length === 0) continue;
			if (!hasAdminPermission(options, actor, { [resource]: actions })) return false;
		}
	}
	return true;
}
