import type { AuthContext } from "../../context/create-context.ts";

const queues = new WeakMap<AuthContext, Map<string, Promise<unknown>>>();

/**
 * Runs `work` for one account after any earlier work for the same account in this process has
 * settled. Token refreshes go through it: two parallel refreshes with one refresh token would
 * both send it, and a provider that rotates refresh tokens (GitHub, Okta, Auth0…) accepts it
 * only once, and may revoke the whole token family on reuse.
 */
export async function withAccountLock<T>(auth: AuthContext, accountId: string, work: () => Promise<T>): Promise<T> {
	let queue = queues.get(auth);
	if (!queue) {
		queue = new Map();
		queues.set(auth, queue);
	}
	const previous = queue.get(accountId) ?? Promise.resolve();
	const run = previous.then(work, work);
	queue.set(accountId, run);
	try {
		return await run;
	} finally {
		if (queue.get(accountId) === run) queue.delete(accountId);
	}
}
