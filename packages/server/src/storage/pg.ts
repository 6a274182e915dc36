import { deferredStorage } from "./deferred-storage.ts";
import type { Storage } from "./storage.ts";

/** Options of {@link createPgStorage}. */
export interface PgStorageOptions {
	/** `postgres://user:pass@host:5432/db`. */
	url: string;
	/**
	 * Connections in this process's pool (postgres-js `max`). Default: `LATCHKEY_PG_POOL_MAX`,
	 * else 10. Size it so that processes × poolSize stays below PostgreSQL's `max_connections`.
	 */
	poolSize?: number;
	/** Seconds an unused connection stays open (postgres-js `idle_timeout`; 0 = forever). Default: `LATCHKEY_PG_IDLE_TIMEOUT`, else 30. */
	idleTimeoutSeconds?: number;
	/**
	 * Seconds to wait for a new connection before the request fails with 503 (postgres-js
	 * `connect_timeout`). Default: `LATCHKEY_PG_CONNECT_TIMEOUT`, else 5.
	 */
	connectTimeoutSeconds?: number;
	/**
	 * Seconds any one storage call may take before the request fails with 503 (0 = no
	 * limit). Default: `LATCHKEY_PG_QUERY_TIMEOUT`, else 10.
	 */
	queryTimeoutSeconds?: number;
	/** PostgreSQL schema for the tables and the migration journal (default `public`). */
	schema?: string;
}

/** {@link PgStorageOptions} with every default and environment variable applied. */
export type ResolvedPgOptions = Required<PgStorageOptions>;

/**
 * Storage on PostgreSQL through `postgres` (postgres-js) and drizzle.
 *
 * The driver and drizzle's PostgreSQL modules are loaded here with `import()` (started at
 * once, awaited by the first storage call), so that an app on SQLite never pays for them at
 * startup. Options and environment variables are still checked synchronously.
 *
 * @example
 * const storage = createPgStorage({ url: process.env.DATABASE_URL! });
 * await storage.migrate();
 */
export function createPgStorage(options: PgStorageOptions): Storage {
	const resolved: ResolvedPgOptions = {
		url: options.url,
		poolSize: options.poolSize ?? envNumber("LATCHKEY_PG_POOL_MAX") ?? 10,
		idleTimeoutSeconds: options.idleTimeoutSeconds ?? envNumber("LATCHKEY_PG_IDLE_TIMEOUT") ?? 30,
		connectTimeoutSeconds: options.connectTimeoutSeconds ?? envNumber("LATCHKEY_PG_CONNECT_TIMEOUT") ?? 5,
		queryTimeoutSeconds: options.queryTimeoutSeconds ?? envNumber("LATCHKEY_PG_QUERY_TIMEOUT") ?? 10,
		schema: options.schema ?? "public",
	};
	return deferredStorage("pg", import("./pg-driver.ts").then((driver) => driver.openPgStorage(resolved)));
}

/** A non-negative number from the environment, or `undefined` when unset; a bad value stops startup. */
function envNumber(name: string): number | undefined {
	const raw = process.env[name];
	if (raw === undefined || raw === "") return undefined;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0) throw new Error(`latchkey: ${name} must be a non-negative number`);
	return value;
}
