import type { ApiKeyRow } from "../../storage/rows.ts";
import type { ResolvedApiKeyOptions } from "./options.ts";

/** How one use of a key affects its rate-limit counters. Pure: the caller applies it. */
export type RateLimitDecision =
	| { type: "skip"; touch: boolean }
	| { type: "deny"; tryAgainInMs: number }
	| { type: "count"; requestCount: number };

/**
 * Better Auth's per-key limit (`@better-auth/api-key` `evaluateRateLimit`): at most
 * `rateLimitMax` uses while less than `rateLimitTimeWindow` ms separate a use from the
 * previous one; a longer pause starts a new window. Keys or configurations with the limit
 * off only record `lastRequest`; keys without a window or maximum are not limited.
 */
export function evaluateRateLimit(row: ApiKeyRow, options: ResolvedApiKeyOptions, now: Date): RateLimitDecision {
	if (!options.rateLimit.enabled || row.rateLimitEnabled === false) return { type: "skip", touch: true };
	const windowMs = row.rateLimitTimeWindow;
	const max = row.rateLimitMax;
	if (windowMs === null || max === null) return { type: "skip", touch: false };
	if (row.lastRequest === null) return { type: "count", requestCount: 1 };
	const sinceMs = now.getTime() - row.lastRequest.getTime();
	if (sinceMs > windowMs) return { type: "count", requestCount: 1 };
	const count = row.requestCount ?? 0;
	if (count >= max) return { type: "deny", tryAgainInMs: Math.ceil(windowMs - sinceMs) };
	return { type: "count", requestCount: count + 1 };
}
