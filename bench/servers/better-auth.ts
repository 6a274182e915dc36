/**
 * Better Auth 1.7.6 bench server, configured as the Latchkey one: a bun:sqlite file in WAL
 * mode, or PostgreSQL through `pg` (the driver Better Auth documents) when BENCH_DB is a URL.
 */
import { Database } from "bun:sqlite";
import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import { bearer, username } from "better-auth/plugins";
import { Pool } from "pg";
import { BENCH_BASE_URL, BENCH_SECRET, isPostgresUrl, readBenchEnv, serveOnLoopback } from "./shared.ts";

const env = readBenchEnv();
function openDatabase(): Database | Pool {
	// Ten connections, as Latchkey's default pool.
	if (isPostgresUrl(env.databaseFile)) return new Pool({ connectionString: env.databaseFile, max: 10 });
	const sqlite = new Database(env.databaseFile, { create: true });
	sqlite.run("PRAGMA journal_mode = WAL");
	return sqlite;
}
const database = openDatabase();
const options = {
	baseURL: BENCH_BASE_URL,
	secret: BENCH_SECRET,
	database,
	emailAndPassword: { enabled: true },
	plugins: [username(), bearer()],
	rateLimit: { enabled: false },
	session: { cookieCache: { enabled: env.cookieCache } },
	telemetry: { enabled: false },
};
const { runMigrations } = await getMigrations(options);
await runMigrations();
const auth = betterAuth(options);
serveOnLoopback((request) => auth.handler(request));
