import { MemoryRateLimitStorage } from "../middleware/rate-limit.ts";
import type { RateLimitDecision, RateLimitRule, RateLimitStorage } from "../middleware/rate-limit.ts";
import { isServiceUnavailable } from "../storage/unavailable.ts";
import type { SecondaryIncrement, SecondaryStorage } from "./secondary-storage.ts";

/**
 * Rate-limit counters in the secondary storage (`rateLimit.storage: "secondary-storage"`),
 * shared by every process. One atomic `increment` per request (Redis: INCR and PEXPIRE in
 * one script), so N parallel requests across any number of processes let exactly `max`
 * through (SECURITY.md rule 1).
 *
 * The window is fixed and starts at the first request (the counter's expiry); the in-memory
 * limiter anchors it at the last counted request, as Better Auth does. Both refuse the
 * `max + 1`-th request inside `window` seconds.
 *
 * While the secondary storage is unreachable, each process counts in its own memory
 * instead: limits stay in force (per process) and an outage of the cache does not take
 * every route down with it.
 */
export class SecondaryRateLimitStorage implements RateLimitStorage {
	private readonly increment: NonNullable<SecondaryStorage["increment"]>;
	private readonly fallback = new MemoryRateLimitStorage();

	constructor(secondary: SecondaryStorage) {
		if (!secondary.increment) throw new Error("latchkey: rateLimit.storage \"secondary-storage\" needs a secondaryStorage with increment()");
		this.increment = secondary.increment.bind(secondary);
	}

	async consume(key: string, rule: RateLimitRule, nowMs: number): Promise<RateLimitDecision> {
		let counted: SecondaryIncrement;
		try {
			counted = await this.increment(`rate-limit:${key}`, rule.window);
		} catch (error) {
			if (isServiceUnavailable(error)) return this.fallback.consume(key, rule, nowMs);
			throw error;
		}
		const { count, expiresInMs } = counted;
		// The first request of a window always passes, even with max 0 (as Better Auth).
		if (count <= Math.max(rule.max, 1)) return { allowed: true, retryAfter: 0 };
		return { allowed: false, retryAfter: Math.max(1, Math.ceil(expiresInMs / 1000)) };
	}
}
