import { ADMIN_ERROR_CODES, APIError, BASE_ERROR_CODES } from "@latchkey/core";
import type { AuthContext } from "../../context/create-context.ts";
import { revokeUserCredentials } from "../../credentials/revoke-credentials.ts";
import { Mutex } from "../../storage/drizzle/mutex.ts";
import type { UserRow } from "../../storage/rows.ts";
import { cmp } from "../../storage/storage.ts";
import type { Storage } from "../../storage/storage.ts";
import type { ResolvedAdminOptions } from "./options.ts";
import { isAdminUser } from "./permissions.ts";

const PAGE = 100;
const locks = new WeakMap<AuthContext, Mutex>();

/**
 * Runs `fn` alone among this instance's guarded admin changes (demote, ban, remove). Two
 * admins demoting each other at once would otherwise both see the other still admin and
 * both succeed. In-process only: several server processes on one PostgreSQL database keep
 * a (small) window, noted in the plugin's docs.
 */
export function withAdminLock<T>(auth: AuthContext, fn: () => Promise<T>): Promise<T> {
	let lock = locks.get(auth);
	if (!lock) {
		lock = new Mutex();
		locks.set(auth, lock);
	}
	return lock.run(fn);
}

/** True when the user can act as admin now: admin role or `adminUserIds`, and no ban in force. */
export function isActiveAdmin(options: ResolvedAdminOptions, user: UserRow, now: Date): boolean {
	if (!isAdminUser(options, user)) return false;
	return !user.banned || (user.banExpires != null && user.banExpires.getTime() <= now.getTime());
}

/** Whether any active admin other than `excludeId` exists; reads admin candidates page by page. */
async function hasOtherAdmin(storage: Storage, options: ResolvedAdminOptions, excludeId: string, now: Date): Promise<boolean> {
	for (const id of options.adminUserIds) {
		if (id === excludeId) continue;
		const user = await storage.findOne("user", { id });
		if (user && isActiveAdmin(options, user, now)) return true;
	}
	for (const role of options.adminRoles) {
		// `contains` over-matches ("superadmin"); the exact role check is isActiveAdmin's.
		for (let offset = 0; ; offset += PAGE) {
			const rows = await storage.findMany("user", { role: cmp.contains(role) }, { limit: PAGE, offset, sortBy: { field: "id", direction: "asc" } });
			if (rows.some((row) => row.id !== excludeId && isActiveAdmin(options, row, now))) return true;
			if (rows.length < PAGE) break;
		}
	}
	return false;
}

/**
 * The lock-out guard (SECURITY.md rule 9, beyond Better Auth): refuses with 400
 * YOU_CANNOT_REMOVE_THE_LAST_ADMIN when `target` is an active admin, would stop being one
 * (`after` is `null` for a removal or ban), and no other active admin exists.
 */
export async function assertNotLastAdmin(
	auth: AuthContext,
	options: ResolvedAdminOptions,
	input: { storage: Storage; target: UserRow; after: UserRow | null },
): Promise<void> {
	const now = auth.now();
	if (!isActiveAdmin(options, input.target, now)) return;
	if (input.after && isActiveAdmin(options, input.after, now)) return;
	if (await hasOtherAdmin(input.storage, options, input.target.id, now)) return;
	throw APIError.from("BAD_REQUEST", ADMIN_ERROR_CODES.YOU_CANNOT_REMOVE_THE_LAST_ADMIN);
}

/**
 * Writes `patch` to a user under the lock-out guard: in one transaction (and alone among this
 * instance's guarded changes) it finds the user (404), refuses to leave no active admin,
 * updates the row and, for a ban, deletes the user's sessions. Returns the updated row.
 */
export function guardedUserUpdate(
	auth: AuthContext,
	options: ResolvedAdminOptions,
	input: { userId: string; patch: Partial<UserRow>; revokeSessions: boolean },
): Promise<UserRow> {
	return withAdminLock(auth, () =>
		auth.storage.transaction(async (tx) => {
			const target = await tx.findOne("user", { id: input.userId });
			if (!target) throw APIError.from("NOT_FOUND", BASE_ERROR_CODES.USER_NOT_FOUND);
			await assertNotLastAdmin(auth, options, { storage: tx, target, after: { ...target, ...input.patch } });
			const updated = await tx.update("user", { id: target.id }, { ...input.patch, updatedAt: auth.now() });
			if (input.revokeSessions) {
				await tx.delete("session", { userId: target.id });
				await revokeUserCredentials(auth, tx, target.id, "ban");
			}
			return updated ?? target;
		}),
	);
}
