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
import type { ResolvedPgOptions } from "./pg.ts";

const MIGRATIONS = fileURLToPath(new URL("./migrations/pg", import.meta.url));

/**
 * Storage on PostgreSQL through `postgres` (postgres-js) and drizzle. Loaded by
 * `createPgStorage` with `import()`, so that a SQLite deployment never loads the driver.
 */
export function openPgStorage(options: ResolvedPgOptions): Storage {
	const pgSchema = options.schema;
	const client = postgres(options.url, {
		max: options.poolSize,
		idle_timeout: options.idleTimeoutSeconds,
		connect_timeout: options.connectTimeoutSeconds,
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
	return withQueryTimeout(new DrizzleStorage(queryDb, tables, dialect), options.queryTimeoutSeconds * 1000);
}

