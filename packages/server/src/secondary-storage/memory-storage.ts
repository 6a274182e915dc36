import type { SecondaryIncrement, SecondaryStorage } from "./secondary-storage.ts";

/**
 * A process-local {@link SecondaryStorage} on a `Map`, with expiry and `increment`. For tests
 * and single-process development; it shares nothing between processes.
 *
 * @example
 * const secondaryStorage = createMemorySecondaryStorage();
 */
export function createMemorySecondaryStorage(now: () => number = Date.now): SecondaryStorage & { readonly size: number } {
	const entries = new Map<string, { value: string; expiresAtMs: number }>();
	const live = (key: string) => {
		const entry = entries.get(key);
		if (entry && entry.expiresAtMs <= now()) {
			entries.delete(key);
			return undefined;
		}
		return entry;
	};
	return {
		get size() {
			return entries.size;
		},
		get(key) {
			return live(key)?.value ?? null;
		},
		set(key, value, ttl) {
			entries.set(key, { value, expiresAtMs: ttl ? now() + ttl * 1000 : Number.POSITIVE_INFINITY });
		},
		delete(key) {
			entries.delete(key);
		},
		async increment(key, ttlSeconds): Promise<SecondaryIncrement> {
			const entry = live(key) ?? { value: "0", expiresAtMs: now() + ttlSeconds * 1000 };
			const count = Number(entry.value) + 1;
			entries.set(key, { value: String(count), expiresAtMs: entry.expiresAtMs });
			return { count, expiresInMs: entry.expiresAtMs - now() };
		},
	};
}
