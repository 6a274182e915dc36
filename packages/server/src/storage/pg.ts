import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { DrizzleStorage, sessionAndUserQuery } from "./drizzle/storage.ts";
import type { Dialect, QueryDb, Tables } from "./drizzle/storage.ts";
import * as schema from "./drizzle/schema.pg.ts";
import { withQueryTimeout } from "./query-timeout.ts";
import type { SessionRow, UserRow } from "./rows.ts";
import type { Storage } from "./storage.ts";

const MIGRATIONS = fileURLToPath(new URL("./migrations/pg", import.meta.url));

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

/**
 * Storage on PostgreSQL through `postgres` (postgres-js) and drizzle.
 *
 * @example
 * const storage = createPgStorage({ url: process.env.DATABASE_URL! });
 * await storage.migrate();
 */
export function createPgStorage(options: PgStorageOptions): Storage {
	const pgSchema = options.schema ?? "public";
	const client = postgres(options.url, {
		max: options.poolSize ?? envNumber("LATCHKEY_PG_POOL_MAX") ?? 10,
		idle_timeout: options.idleTimeoutSeconds ?? envNumber("LATCHKEY_PG_IDLE_TIMEOUT") ?? 30,
		connect_timeout: options.connectTimeoutSeconds ?? envNumber("LATCHKEY_PG_CONNECT_TIMEOUT") ?? 5,
		onnotice: () => {},
		connection: { search_path: pgSchema },
	});
	const db = drizzle({ client, schema });
	const tables: Tables = schema;
	// Sound: drizzle's postgres-js database has the shared builder surface of QueryDb.
	const queryDb = db as unknown as QueryDb;
	const findSession = db
		.select({ session: schema.session, user: schema.user })
		.from(schema.session)
		.innerJoin(schema.user, sql`${schema.session.userId} = ${schema.user.id}`)
		.where(sql`${schema.session.token} = ${sql.placeholder("token")}`)
		.prepare("latchkey_find_session");

	const dialect: Dialect = {
		name: "pg",
		transaction(fn) {
			// Sound: drizzle's transaction object has the same builder surface.
			return db.transaction((tx) => fn(tx as unknown as QueryDb));
		},
		write(fn) {
			return fn();
		},
		async findSessionAndUser(target, token) {
			const rows = target === queryDb ? await findSession.execute({ token }) : await sessionAndUserQuery(target, tables, token);
			return (rows[0] as { session: SessionRow; user: UserRow } | undefined) ?? null;
		},
		async migrate() {
			await client.unsafe(`CREATE SCHEMA IF NOT EXISTS "${pgSchema.replaceAll('"', '""')}"`);
			await migrate(db, { migrationsFolder: MIGRATIONS, migrationsSchema: pgSchema });
		},
		async close() {
			await client.end({ timeout: 5 });
		},
	};
	const queryTimeoutSeconds = options.queryTimeoutSeconds ?? envNumber("LATCHKEY_PG_QUERY_TIMEOUT") ?? 10;
	return withQueryTimeout(new DrizzleStorage(queryDb, tables, dialect), queryTimeoutSeconds * 1000);
}

/** A non-negative number from the environment, or `undefined` when unset; a bad value stops startup. */
function envNumber(name: string): number | undefined {
	const raw = process.env[name];
	if (raw === undefined || raw === "") return undefined;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0) throw new Error(`latchkey: ${name} must be a non-negative number`);
	return value;
}
