/** A limit: at most `max` requests per `window` seconds. */
export interface RateLimitRule {
	window: number;
	max: number;
}

/** The outcome of one counted request. */
export interface RateLimitDecision {
	allowed: boolean;
	/** Seconds until the next request would be allowed (when refused). */
	retryAfter: number;
}

/**
 * Where counters live. `consume` must count and decide in one atomic step, so that parallel
 * requests cannot all squeeze under the limit (SECURITY.md rule 1).
 */
export interface RateLimitStorage {
	consume(key: string, rule: RateLimitRule, nowMs: number): Promise<RateLimitDecision> | RateLimitDecision;
}

/**
 * Better Auth's algorithm (spec/core.md §6.4): a window anchored at the last counted request.
 * After `window` seconds since then, the count restarts at 1; else it grows while below `max`.
 */
export function decide(
	current: { count: number; lastRequest: number } | undefined,
	rule: RateLimitRule,
	nowMs: number,
): { next: { count: number; lastRequest: number } | null; decision: RateLimitDecision } {
	const windowMs = rule.window * 1000;
	// A full window since the last counted request starts a new one (Better Auth uses `>=`).
	if (!current || nowMs - current.lastRequest >= windowMs) {
		return { next: { count: 1, lastRequest: nowMs }, decision: { allowed: true, retryAfter: 0 } };
	}
	if (current.count < rule.max) {
		return { next: { count: current.count + 1, lastRequest: nowMs }, decision: { allowed: true, retryAfter: 0 } };
	}
	const retryAfter = Math.max(1, Math.ceil((current.lastRequest + windowMs - nowMs) / 1000));
	return { next: null, decision: { allowed: false, retryAfter } };
}

/** Process-local counters (the default). Bounded: the oldest keys go first past `maxKeys`. */
export class MemoryRateLimitStorage implements RateLimitStorage {
	private readonly entries = new Map<string, { count: number; lastRequest: number }>();

	constructor(private readonly maxKeys = 100_000) {}

	consume(key: string, rule: RateLimitRule, nowMs: number): RateLimitDecision {
		const { next, decision } = decide(this.entries.get(key), rule, nowMs);
		if (next) {
			this.entries.delete(key); // re-insert to keep Map order = least recently used first
			this.entries.set(key, next);
			if (this.entries.size > this.maxKeys) {
				const oldest = this.entries.keys().next().value;
				if (oldest !== undefined) this.entries.delete(oldest);
			}
		}
		return decision;
	}
}

/** Better Auth's built-in rules: tight on credential routes, tighter on mail-sending ones. */
export const DEFAULT_RULES: Readonly<Record<string, RateLimitRule>> = {
	"/sign-in*": { window: 10, max: 3 },
	"/sign-up*": { window: 10, max: 3 },
	"/change-password*": { window: 10, max: 3 },
	// A password oracle for whoever holds a session: as tight as the sign-in routes (SECURITY.md rule 15).
	"/verify-password*": { window: 10, max: 3 },
	"/change-email*": { window: 10, max: 3 },
	"/request-password-reset": { window: 60, max: 3 },
	"/send-verification-email": { window: 60, max: 3 },
	"/forget-password*": { window: 60, max: 3 },
};

/** The rule for a path: the most specific match in `rules`, else `fallback`; `false` = unlimited. */
export function ruleFor(
	path: string,
	rules: Readonly<Record<string, RateLimitRule | false>>,
	fallback: RateLimitRule,
): RateLimitRule | false {
	const exact = rules[path];
	if (exact !== undefined) return exact;
	let best: RateLimitRule | false | undefined;
	let bestLength = -1;
	for (const [pattern, rule] of Object.entries(rules)) {
		if (!pattern.endsWith("*")) continue;
		const prefix = pattern.slice(0, -1);
		if (path.startsWith(prefix) && prefix.length > bestLength) {
			best = rule;
			bestLength = prefix.length;
		}
	}
	return best ?? fallback;
}
