import postgres from "postgres";
import { generateRandomString } from "../crypto/random.ts";
import { createPgStorage } from "../storage/pg.ts";
import { createSqliteStorage } from "../storage/sqlite.ts";
import type { Storage } from "../storage/storage.ts";

/** The databases every server suite runs against. */
export type Dialect = "sqlite" | "pg";

/** PostgreSQL used by tests: `LATCHKEY_TEST_PG`, else the local `test` database. */
export const TEST_PG_URL = process.env.LATCHKEY_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/test";

let pgReachable: Promise<boolean> | undefined;

/**
 * Whether PostgreSQL answers. With `CI=true` an unreachable server is an error (the suite
 * must run there, not skip); elsewhere the PostgreSQL suites are left out with a warning.
 */
export function isPgAvailable(): Promise<boolean> {
	pgReachable ??= (async () => {
		const sql = postgres(TEST_PG_URL, { max: 1, connect_timeout: 3, onnotice: () => {} });
		try {
			await sql`select 1`;
			return true;
		} catch (error) {
			if (process.env.CI === "true") {
				throw new Error(`PostgreSQL is required when CI=true but ${TEST_PG_URL} is unreachable: ${String(error)}`);
			}
			console.warn(`\n[latchkey tests] PostgreSQL at ${TEST_PG_URL} is unreachable: PostgreSQL suites are NOT running.\n`);
			return false;
		} finally {
			await sql.end({ timeout: 1 });
		}
	})();
	return pgReachable;
}

/** The dialects to run now: SQLite always, PostgreSQL when reachable (required under CI). */
export async function testDialects(): Promise<Dialect[]> {
	return (await isPgAvailable()) ? ["sqlite", "pg"] : ["sqlite"];
}

/**
 * Fresh, migrated, isolated storage: SQLite in memory, or a new PostgreSQL schema that is
 * dropped again by `dispose`.
 */
export async function createTestStorage(dialect: Dialect): Promise<{ storage: Storage; dispose: () => Promise<void> }> {
	if (dialect === "sqlite") {
		const storage = createSqliteStorage({ database: ":memory:" });
		await storage.migrate();
		return { storage, dispose: () => storage.close() };
	}
	const schema = `lk_test_${generateRandomString(12, "abcdefghijklmnopqrstuvwxyz0123456789")}`;
	const storage = createPgStorage({ url: TEST_PG_URL, schema, poolSize: 4 });
	await storage.migrate();
	return {
		storage,
		dispose: async () => {
			await storage.close();
			const sql = postgres(TEST_PG_URL, { max: 1, onnotice: () => {} });
			await sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
			await sql.end({ timeout: 1 });
		},
	};
}
