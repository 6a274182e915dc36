/** Better Auth 1.7.6 bench server, configured as the Latchkey one (bun:sqlite file, WAL). */
import { Database } from "bun:sqlite";
import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import { bearer, username } from "better-auth/plugins";
import { BENCH_BASE_URL, BENCH_SECRET, readBenchEnv, serveOnLoopback } from "./shared.ts";

const env = readBenchEnv();
const database = new Database(env.databaseFile, { create: true });
database.run("PRAGMA journal_mode = WAL");
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
