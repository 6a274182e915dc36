import { Database } from "bun:sqlite";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/bun-sqlite";
import { migrate } from "drizzle-orm/bun-sqlite/migrator";
import { DrizzleStorage, sessionAndUserQuery } from "./drizzle/storage.ts";
import type { Dialect, QueryDb, Tables } from "./drizzle/storage.ts";
import { Mutex } from "./drizzle/mutex.ts";
import * as schema from "./drizzle/schema.sqlite.ts";
import type { SessionRow, UserRow } from "./rows.ts";
import { prepareRowLookup } from "./prepare-row-lookup.ts";
import type { Storage } from "./storage.ts";

const MIGRATIONS = fileURLToPath(new URL("./migrations/sqlite", import.meta.url));

/** Options of {@link createSqliteStorage}. */
export interface SqliteStorageOptions {
	/** A file path, `":memory:"` (default), or an open `bun:sqlite` database. */
	database?: string | Database;
}

/**
 * Storage on `bun:sqlite` (WAL mode, foreign keys on). The default: no configuration, one file.
 *
 * @example
 * const storage = createSqliteStorage({ database: "latchkey.db" });
 * await storage.migrate();
 */
export function createSqliteStorage(options: SqliteStorageOptions = {}): Storage {
	const client = options.database instanceof Database ? options.database : new Database(options.database ?? ":memory:", { create: true });
	client.run("PRAGMA journal_mode = WAL");
	client.run("PRAGMA synchronous = NORMAL");
	client.run("PRAGMA foreign_keys = ON");
	client.run("PRAGMA busy_timeout = 5000");
	const db = drizzle({ client, schema });
	const tables: Tables = schema;
	// Sound: drizzle's bun-sqlite database has the shared builder surface of QueryDb.
	const queryDb = db as unknown as QueryDb;
	// One connection: a transaction is BEGIN … COMMIT on it, so writes from other requests
	// wait on this lock instead of landing inside someone else's transaction.
	const lock = new Mutex();
	// Prepared on first use: the tables may not exist until `migrate()` has run.
	// Two point lookups, not a join: on bun:sqlite a join measured several times slower than
	// both lookups (same indexes), and both run synchronously in one tick, so nothing can
	// interleave between them on this connection. Read with bun:sqlite directly: drizzle's
	// row mapping cost more than the lookups themselves, on every request.
	const prepareFindSession = () => ({
		session: prepareRowLookup<SessionRow>(client, schema.session, "session", "token"),
		user: prepareRowLookup<UserRow>(client, schema.user, "user", "id"),
	});
	let findSession: ReturnType<typeof prepareFindSession> | undefined;

	const dialect: Dialect = {
		name: "sqlite",
		async transaction(fn) {
			return lock.run(async () => {
				client.run("BEGIN IMMEDIATE");
				try {
					const result = await fn(queryDb);
					client.run("COMMIT");
					return result;
				} catch (error) {
					client.run("ROLLBACK");
					throw error;
				}
			});
		},
		write(fn) {
			return lock.isLocked ? lock.run(fn) : fn();
		},
		async findSessionAndUser(target, token) {
			if (target !== queryDb) {
				const rows = await sessionAndUserQuery(target, tables, token);
				return (rows[0] as { session: SessionRow; user: UserRow } | undefined) ?? null;
			}
			findSession ??= prepareFindSession();
			const session = findSession.session.get(token);
			const user = session ? findSession.user.get(session.userId) : undefined;
			return session && user ? { session, user } : null;
		},
		async migrate() {
			migrate(db, { migrationsFolder: MIGRATIONS });
		},
		async close() {
			client.close();
		},
	};
	return new DrizzleStorage(queryDb, tables, dialect);
}
