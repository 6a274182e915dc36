/** Latchkey bench server: one process, a SQLite file in WAL mode (the storage's default) or a `postgres://` URL. */
import { createLatchkey, username } from "@latchkey/server";
import { BENCH_BASE_URL, BENCH_SECRET, readBenchEnv, serveOnLoopback } from "./shared.ts";

const env = readBenchEnv();
const auth = createLatchkey({
	baseURL: BENCH_BASE_URL,
	secret: BENCH_SECRET,
	// A path: createSqliteStorage opens it with journal_mode=WAL, synchronous=NORMAL. A URL: PostgreSQL.
	database: env.databaseFile,
	emailAndPassword: { enabled: true },
	plugins: [username()],
	rateLimit: { enabled: false },
	session: { cookieCache: { enabled: env.cookieCache } },
});
await auth.migrate();
serveOnLoopback((request, ip) => auth.handler(request, { ip }));
