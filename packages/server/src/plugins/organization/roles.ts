import { APIError, authorizeRoles, ORGANIZATION_ERROR_CODES } from "@latchkey/core";
import type { PermissionRequest } from "@latchkey/core";
import type { OrganizationConfig } from "./config.ts";

/** Splits `"admin, member"` or `["admin", "member"]` into trimmed, non-empty, unique names. */
export function splitRoles(role: string | readonly string[]): string[] {
	const list = typeof role === "string" ? [role] : role;
	return [...new Set(list.flatMap((r) => r.split(",")).map((r) => r.trim()).filter(Boolean))];
}

/** Whether a stored role string includes the creator role ("is an owner"). */
export function isOwnerRole(config: OrganizationConfig, role: string): boolean {
	return splitRoles(role).includes(config.creatorRole);
}

/** Whether a stored role string is granted `request` (any one of its roles suffices). */
export function roleCan(config: OrganizationConfig, role: string, request: PermissionRequest): boolean {
	return authorizeRoles(role, config.roles, request);
}

/**
 * Refuses role names that are neither default nor configured: 400 ROLE_NOT_FOUND, naming
 * them (Better Auth's message; names are bounded and free of control characters by the contract).
 */
export function assertKnownRoles(config: OrganizationConfig, names: readonly string[]): void {
	if (names.length === 0) throw APIError.from("BAD_REQUEST", ORGANIZATION_ERROR_CODES.ROLE_NOT_FOUND);
	const unknown = names.filter((name) => !config.roleNames.has(name));
	if (unknown.length > 0) throw new APIError("BAD_REQUEST", { code: "ROLE_NOT_FOUND", message: `ROLE_NOT_FOUND: ${unknown.join(", ")}` });
}

/**
 * Whether an actor holding `actorRole` may hand out (or act on holders of) `names`: owners
 * may do anything; anyone else never the creator role, and only roles whose every permission
 * the actor holds itself. With the default roles this is Better Auth's rule (an admin grants
 * admin and member, never owner); with custom roles it stops a role with `member:update`
 * from minting a stronger role than its own (SECURITY.md rule 9).
 */
export function isWithinActorRole(config: OrganizationConfig, actorRole: string, names: readonly string[]): boolean {
	if (isOwnerRole(config, actorRole)) return true;
	for (const name of names) {
		if (name === config.creatorRole) return false;
		const granted = Object.hasOwn(config.roles, name) ? config.roles[name] : undefined;
		if (!granted) continue;
		for (const [resource, actions] of Object.entries(granted.statements)) {
			for (const action of actions ?? []) {
				if (!roleCan(config, actorRole, { [resource]: [action] })) return false;
			}
		}
	}
	return true;
}
