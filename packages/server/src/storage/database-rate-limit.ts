import { generateId } from "../crypto/random.ts";
import type { RateLimitDecision, RateLimitRule, RateLimitStorage } from "../middleware/rate-limit.ts";
import { cmp, isUniqueViolation } from "./storage.ts";
import type { Storage } from "./storage.ts";

const ALLOWED: RateLimitDecision = { allowed: true, retryAfter: 0 };

/**
 * Rate-limit counters in the `rateLimit` table (`rateLimit.storage: "database"`; Better
 * Auth's table: id, key, count, lastRequest), shared by every process on the database.
 *
 * Every step is one conditional statement, so concurrent requests on any number of
 * processes cannot overshoot (SECURITY.md rule 1): count up only `WHERE count < max` inside
 * the window; restart a finished window only `WHERE lastRequest <= now − window` (of two
 * racing restarts, the second no longer matches); insert the first row under the unique
 * `key`. `lastRequest` holds the start of the current window: the window is fixed, like the
 * secondary-storage limiter's (the in-memory one anchors it at the last counted request).
 */
export class DatabaseRateLimitStorage implements RateLimitStorage {
	constructor(private readonly storage: Storage) {}

	async consume(key: string, rule: RateLimitRule, nowMs: number): Promise<RateLimitDecision> {
		const windowMs = rule.window * 1000;
		// The first request of a window always passes, even with max 0 (as Better Auth).
		const max = Math.max(rule.max, 1);
		const windowStart = nowMs - windowMs;
		for (let attempt = 0; attempt < 3; attempt++) {
			const counted = await this.storage.increment("rateLimit", { key, count: cmp.lt(max), lastRequest: cmp.gt(windowStart) }, "count", 1);
			if (counted) return ALLOWED;
			const restarted = await this.storage.update("rateLimit", { key, lastRequest: cmp.lte(windowStart) }, { count: 1, lastRequest: nowMs });
			if (restarted) return ALLOWED;
			const row = await this.storage.findOne("rateLimit", { key });
			if (row) {
				if (row.count >= max && row.lastRequest > windowStart) {
					return { allowed: false, retryAfter: Math.max(1, Math.ceil((row.lastRequest + windowMs - nowMs) / 1000)) };
				}
				continue; // restarted by someone else meanwhile: count again
			}
			try {
				await this.storage.create("rateLimit", { id: generateId(), key, count: 1, lastRequest: nowMs });
				return ALLOWED;
			} catch (error) {
				if (!isUniqueViolation(error)) throw error;
			}
		}
		// Still contended after three rounds: refuse rather than let a request through uncounted.
		return { allowed: false, retryAfter: 1 };
	}
}
