import type { AuthContext } from "../../context/create-context.ts";
import { cmp } from "../../storage/storage.ts";
import type { Storage } from "../../storage/storage.ts";

/** Better Auth's throttle: expired keys are swept at most every 10 s (spec/plugins.md §7.2). */
export const CLEANUP_INTERVAL_MS = 10_000;

/** Deletes expired keys, now or at most once per {@link CLEANUP_INTERVAL_MS}. */
export interface ExpiredKeyCleanup {
	/** Sweeps unless a sweep ran less than 10 s ago; a failure is logged, never thrown. */
	maybe(auth: AuthContext): Promise<void>;
	/** Sweeps now; returns how many keys were deleted. */
	run(auth: AuthContext): Promise<number>;
}

/** A cleanup whose throttle is kept per database, so instances sharing the plugin object do not share it. */
export function createExpiredKeyCleanup(): ExpiredKeyCleanup {
	const lastRunMs = new WeakMap<Storage, number>();
	const run = (auth: AuthContext): Promise<number> => {
		const now = auth.now();
		lastRunMs.set(auth.storage, now.getTime());
		// `expiresAt < now` is false for NULL: keys without expiry are never swept.
		return auth.storage.delete("apikey", { expiresAt: cmp.lt(now) });
	};
	return {
		run,
		async maybe(auth) {
			const last = lastRunMs.get(auth.storage);
			if (last !== undefined && auth.now().getTime() - last < CLEANUP_INTERVAL_MS) return;
			try {
				await run(auth);
			} catch (error) {
				console.error(`[latchkey] api-key: expired-key cleanup failed (${error instanceof Error ? error.name : typeof error})`);
			}
		},
	};
}
