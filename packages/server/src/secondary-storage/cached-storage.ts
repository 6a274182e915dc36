import { generateRandomString } from "../crypto/random.ts";
import type { ModelName, Rows, SessionRow, UserRow } from "../storage/rows.ts";
import type { FindManyOptions, NumericField, SessionLookupOptions, Storage, Where } from "../storage/storage.ts";
import { ServiceUnavailableError } from "../storage/unavailable.ts";
import type { SecondaryStorage } from "./secondary-storage.ts";
import { decodeEntry, encodeEntry, generationKey, readEntry, sessionKey } from "./session-cache-entry.ts";

/** Options of {@link withSecondaryStorage}. */
export interface CachedStorageOptions {
	/** Longest time in seconds a session stays cached (never past its expiry). Default 3600. */
	maxAgeSeconds?: number;
	/** Clock in milliseconds, for tests. */
	now?: () => number;
}

/** A generation that is being written: nothing is cached under it. */
const WRITING = "w:";
/** The generation of a user that never had a write (an absent key). */
const INITIAL = "0";

interface Config {
	secondary: SecondaryStorage;
	maxAgeSeconds: number;
	now: () => number;
}

/**
 * Wraps a `Storage` so that `findSessionAndUser` reads through the secondary storage
 * (Redis) while the database stays the record (Better Auth's `storeSessionInDatabase`).
 *
 * Invalidation, so that a revocation, a ban or a password change on one process holds on
 * every process at once: each cached session is stored with its user's *generation*, read
 * from `session-gen:<userId>`, and a hit counts only while that generation is unchanged.
 * Every update / delete / consume / increment of a `session` or `user` row (any `where`,
 * inside transactions too) finds the affected users, sets their generation to a "writing"
 * marker *before* the database write (so nothing is cached meanwhile, and if Redis is down
 * the write is refused with 503 instead of leaving a stale cache behind), then to a fresh
 * random value after the write (after the commit, in a transaction). A reader that missed
 * reads the generation *before* the database row it caches, so a write that commits in
 * between always changes the generation it is checked against. Creates need nothing: a new
 * row has a new token. Plugins keep working untouched: they all write through `Storage`.
 *
 * @example
 * const storage = withSecondaryStorage(createPgStorage({ url }), createRedisStorage());
 */
export function withSecondaryStorage(storage: Storage, secondary: SecondaryStorage, options: CachedStorageOptions = {}): Storage {
	return new CachedStorage(storage, { secondary, maxAgeSeconds: options.maxAgeSeconds ?? 3600, now: options.now ?? Date.now }, null);
}

class CachedStorage implements Storage {
	readonly dialect: "sqlite" | "pg";

	constructor(
		private readonly inner: Storage,
		private readonly config: Config,
		/** Users written in the surrounding transaction (settled after it ends), or `null` outside one. */
		private readonly pending: Set<string> | null,
	) {
		this.dialect = inner.dialect;
	}

	create<M extends ModelName>(model: M, row: Rows[M]): Promise<Rows[M]> {
		return this.inner.create(model, row);
	}

	findOne<M extends ModelName>(model: M, where: Where<M>): Promise<Rows[M] | null> {
		return this.inner.findOne(model, where);
	}

	findMany<M extends ModelName>(model: M, where: Where<M>, options?: FindManyOptions<M>): Promise<Rows[M][]> {
		return this.inner.findMany(model, where, options);
	}

	count<M extends ModelName>(model: M, where: Where<M>): Promise<number> {
		return this.inner.count(model, where);
	}

	update<M extends ModelName>(model: M, where: Where<M>, patch: Partial<Rows[M]>): Promise<Rows[M] | null> {
		return this.write(model, where, (s) => s.update(model, where, patch));
	}

	increment<M extends ModelName>(model: M, where: Where<M>, field: NumericField<M>, by: number): Promise<Rows[M] | null> {
		return this.write(model, where, (s) => s.increment(model, where, field, by));
	}

	delete<M extends ModelName>(model: M, where: Where<M>): Promise<number> {
		return this.write(model, where, (s) => s.delete(model, where));
	}

	consume<M extends ModelName>(model: M, where: Where<M>): Promise<Rows[M] | null> {
		return this.write(model, where, (s) => s.consume(model, where));
	}

	async transaction<T>(fn: (tx: Storage) => Promise<T>): Promise<T> {
		if (this.pending) return fn(this);
		const pending = new Set<string>();
		try {
			return await this.inner.transaction((tx) => fn(new CachedStorage(tx, this.config, pending)));
		} finally {
			// After COMMIT (or ROLLBACK): only now can a reader see the new rows.
			await this.settle([...pending]);
		}
	}

	async findSessionAndUser(token: string, options: SessionLookupOptions = {}): Promise<{ session: SessionRow; user: UserRow } | null> {
		// Inside a transaction, and for sensitive routes, the database answers (SECURITY.md rule 6).
		if (this.pending || options.bypassCache) return this.inner.findSessionAndUser(token);
		const { secondary } = this.config;
		const key = sessionKey(token);
		const hit = await this.readHit(key, token);
		if (hit) return hit;

		const first = await this.inner.findSessionAndUser(token);
		if (!first) return null;
		const generation = await this.readGeneration(first.user.id);
		if (generation === null || generation.startsWith(WRITING)) return first;
		// Read again *after* the generation: a write committed before this read changed it,
		// so the entry below can never outlive the state it was read from.
		const fresh = await this.inner.findSessionAndUser(token);
		if (!fresh || fresh.user.id !== first.user.id) return fresh;
		const ttl = Math.min(this.config.maxAgeSeconds, Math.floor((fresh.session.expiresAt.getTime() - this.config.now()) / 1000));
		if (ttl >= 1) {
			try {
				await secondary.set(key, encodeEntry(fresh, generation), ttl);
			} catch {
				// Not cached this time; the database answered, which is always correct.
			}
		}
		return fresh;
	}

	migrate(): Promise<void> {
		return this.inner.migrate();
	}

	async close(): Promise<void> {
		await this.inner.close();
		await this.config.secondary.close?.();
	}

	/** A cached session whose user generation is unchanged, else `null`. Redis errors read as a miss. */
	private async readHit(key: string, token: string): Promise<{ session: SessionRow; user: UserRow } | null> {
		let entry: ReturnType<typeof readEntry>;
		try {
			entry = readEntry(await this.config.secondary.get(key));
		} catch {
			return null;
		}
		if (!entry || entry.g.startsWith(WRITING)) return null;
		const generation = await this.readGeneration(entry.u);
		return generation === entry.g ? decodeEntry(entry, token) : null;
	}

	/** The user's generation, or `null` when the secondary storage cannot say. */
	private async readGeneration(userId: string): Promise<string | null> {
		try {
			const value = await this.config.secondary.get(generationKey(userId));
			return typeof value === "string" ? value : INITIAL;
		} catch {
			return null;
		}
	}

	private async write<M extends ModelName, R>(model: M, where: Where<M>, op: (storage: Storage) => Promise<R>): Promise<R> {
		if (model !== "session" && model !== "user") return op(this.inner);
		const users = await this.affectedUsers(model, where);
		if (users.length === 0) return op(this.inner);
		await this.mark(users);
		if (this.pending) {
			for (const user of users) this.pending.add(user);
			return op(this.inner);
		}
		try {
			return await op(this.inner);
		} finally {
			await this.settle(users);
		}
	}

	/** The ids of the users whose cached sessions a write with this `where` may change. */
	private async affectedUsers<M extends ModelName>(model: M, where: Where<M>): Promise<string[]> {
		const field = model === "user" ? "id" : "userId";
		const direct = (where as Record<string, unknown>)[field];
		if (typeof direct === "string") return [direct];
		// Sound: M is "session" or "user" here, and both have the column `field`.
		const rows = (await this.inner.findMany(model, where)) as unknown as Record<string, unknown>[];
		return [...new Set(rows.map((row) => String(row[field])))];
	}

	private generationTtl(): number {
		// Outlives any entry cached under an older generation, so an expired generation key can
		// never make an old entry look current again.
		return this.config.maxAgeSeconds + 60;
	}

	/** Before a write: invalidate, and stop caching for these users. Refuses the write if Redis cannot be told. */
	private async mark(users: string[]): Promise<void> {
		const marker = `${WRITING}${generateRandomString(16)}`;
		try {
			await Promise.all(users.map((user) => this.config.secondary.set(generationKey(user), marker, this.generationTtl())));
		} catch (error) {
			throw error instanceof ServiceUnavailableError ? error : new ServiceUnavailableError("secondary storage: could not invalidate sessions");
		}
	}

	/** After a write: a fresh generation, so caching resumes. A failure leaves the marker (correct, just uncached). */
	private async settle(users: string[]): Promise<void> {
		if (users.length === 0) return;
		const generation = generateRandomString(16);
		await Promise.allSettled(users.map((user) => this.config.secondary.set(generationKey(user), generation, this.generationTtl())));
	}
}
