import type { AuthContext } from "../context/create-context.ts";
import { cmp } from "../storage/storage.ts";

/** At most one sweep per instance in this many milliseconds. */
export const SWEEP_INTERVAL_MS = 60_000;

const running = new WeakMap<AuthContext, { at: number; done: Promise<void> }>();

/**
 * Deletes expired verification rows (abandoned challenges, unused reset links, old replay
 * markers) at most once a minute per instance, so the table does not grow with every flow
 * someone starts and never finishes. Every reader already ignores expired rows, so deleting
 * them changes no answer. Called when a row is written; runs on the instance's own storage,
 * never inside the caller's transaction, and never fails the caller.
 */
export function sweepExpiredVerifications(auth: AuthContext): Promise<void> {
	const now = auth.now().getTime();
	const last = running.get(auth);
	if (last && now - last.at < SWEEP_INTERVAL_MS) return last.done;
	const done = auth.storage.delete("verification", { expiresAt: cmp.lte(new Date(now)) }).then(
		() => undefined,
		// A closed database or a lost connection: the next sweep tries again.
		() => undefined,
	);
	running.set(auth, { at: now, done });
	return done;
}

/** The latest sweep of an instance, or `undefined` if none ran: lets a test wait for it. */
export function latestSweep(auth: AuthContext): Promise<void> | undefined {
	return running.get(auth)?.done;
}
