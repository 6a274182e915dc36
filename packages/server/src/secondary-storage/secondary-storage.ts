/**
 * A key-value store with expiry shared by every server process (Redis, Valkey, …): Better
 * Auth's `secondaryStorage` shape, so an existing adapter object keeps working.
 *
 * Latchkey uses it as a read-through cache of sessions (the database stays the record) and,
 * when it has `increment`, for rate-limit counters shared across processes.
 *
 * @example
 * const secondaryStorage = createRedisStorage({ url: process.env.REDIS_URL! });
 * createLatchkey({ database: process.env.DATABASE_URL, secondaryStorage });
 */
export interface SecondaryStorage {
	/** The string stored at `key`, or `null` (Better Auth types it `unknown`; non-strings read as a miss). */
	get(key: string): Promise<unknown> | unknown;
	/** Stores `value` at `key`; with `ttl` (seconds) the key expires after that long. */
	set(key: string, value: string, ttl?: number): Promise<unknown> | unknown;
	/** Removes `key` (a missing key is not an error). */
	delete(key: string): Promise<unknown> | unknown;
	/**
	 * Optional, and needed for shared rate limits: atomically adds 1 to the integer at `key`
	 * (missing = 0). A key created by this call expires after `ttlSeconds`; later calls do not
	 * extend it. Resolves to the new count and the milliseconds until the key expires.
	 */
	increment?(key: string, ttlSeconds: number): Promise<SecondaryIncrement>;
	/** Optional: releases connections (called by `auth.close()`). */
	close?(): Promise<void> | void;
}

/** What {@link SecondaryStorage.increment} resolves to. */
export interface SecondaryIncrement {
	/** The count after this increment. */
	count: number;
	/** Milliseconds until the counter expires. */
	expiresInMs: number;
}
