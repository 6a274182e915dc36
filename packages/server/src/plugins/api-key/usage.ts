import { API_KEY_ERROR_CODES, API_KEY_RATE_LIMITED_CODE, APIError } from "@latchkey/core";
import type { ErrorBody } from "@latchkey/core";
import type { ApiKeyRow } from "../../storage/rows.ts";
import type { Storage } from "../../storage/storage.ts";
import type { ResolvedApiKeyOptions } from "./options.ts";
import { evaluateRateLimit } from "./rate-limit.ts";

/** The 429 of a per-key rate limit: `{ message, code: "RATE_LIMITED", details: { tryAgainIn } }` (spec/plugins.md §7.2). */
export function rateLimitedError(tryAgainInMs: number): APIError {
	const body: ErrorBody & { details: { tryAgainIn: number } } = {
		message: API_KEY_ERROR_CODES.RATE_LIMIT_EXCEEDED.message,
		code: API_KEY_RATE_LIMITED_CODE,
		details: { tryAgainIn: tryAgainInMs },
	};
	return new APIError("TOO_MANY_REQUESTS", body);
}

/** The `remaining` columns after one use, refilled first when `refillInterval` has passed. Throws 429 USAGE_EXCEEDED. */
function spendRemaining(row: ApiKeyRow, now: Date): Partial<ApiKeyRow> {
	if (row.remaining === null) return {};
	const patch: Partial<ApiKeyRow> = {};
	let remaining = row.remaining;
	if (row.refillInterval && row.refillAmount) {
		const lastRefillMs = (row.lastRefillAt ?? row.createdAt).getTime();
		if (now.getTime() - lastRefillMs > row.refillInterval) {
			remaining = row.refillAmount;
			patch.lastRefillAt = now;
		}
	}
	if (remaining <= 0) throw APIError.from("TOO_MANY_REQUESTS", API_KEY_ERROR_CODES.USAGE_EXCEEDED);
	patch.remaining = remaining - 1;
	return patch;
}

/** The rate-limit columns after one use. Throws 429 RATE_LIMITED. */
function countRequest(row: ApiKeyRow, options: ResolvedApiKeyOptions, now: Date): Partial<ApiKeyRow> {
	const decision = evaluateRateLimit(row, options, now);
	if (decision.type === "deny") throw rateLimitedError(decision.tryAgainInMs);
	if (decision.type === "skip") return decision.touch ? { lastRequest: now } : {};
	return { requestCount: decision.requestCount, lastRequest: now };
}

/**
 * Spends one use of a key: refill, `remaining` and the per-key rate limit, decided and
 * written in one transaction on the freshly locked row. Either every counter moves or none
 * does (a rate-limited call does not burn a use), and concurrent calls cannot overshoot:
 * 200 parallel uses of a key with `remaining: 100` give exactly 100 successes
 * (SECURITY.md rule 1).
 */
export function claimUsage(storage: Storage, row: ApiKeyRow, options: ResolvedApiKeyOptions, now: Date): Promise<ApiKeyRow> {
	return storage.transaction(async (tx) => {
		// A no-op `UPDATE … RETURNING` takes the row's write lock (PostgreSQL keeps it to
		// COMMIT; SQLite has one writer) and returns the latest committed counters, so the
		// decision below cannot be raced by another claim on the same key.
		const locked = await tx.increment("apikey", { id: row.id }, "requestCount", 0);
		if (!locked) throw APIError.from("UNAUTHORIZED", API_KEY_ERROR_CODES.INVALID_API_KEY);
		const patch: Partial<ApiKeyRow> = { ...spendRemaining(locked, now), ...countRequest(locked, options, now), updatedAt: now };
		const updated = await tx.update("apikey", { id: row.id }, patch);
		if (!updated) throw APIError.from("UNAUTHORIZED", API_KEY_ERROR_CODES.INVALID_API_KEY);
		return updated;
	});
}
