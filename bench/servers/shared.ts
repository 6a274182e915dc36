/**
 * Settings both bench servers share, read from the environment the runner sets. One place, so
 * the two servers cannot drift apart in configuration.
 */

/** Public origin both servers claim; requests send it as `Origin`. The real port differs. */
export const BENCH_BASE_URL = "http://localhost:3000";
/** A bench-only secret (never a real one). */
export const BENCH_SECRET = "bench-secret-that-is-at-least-32-characters-long";

/** What a bench server is told by the runner. */
export interface BenchServerEnv {
	/** Path of the SQLite file (in a temp dir), or a `postgres://` URL of a database made for the run. */
	databaseFile: string;
	/** `session.cookieCache.enabled`. */
	cookieCache: boolean;
}

/** Whether `database` names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(database: string): boolean {
	return /^postgres(ql)?:\/\//.test(database);
}

/** Reads {@link BenchServerEnv} from `BENCH_DB` and `BENCH_COOKIE_CACHE`. */
export function readBenchEnv(): BenchServerEnv {
	const databaseFile = process.env.BENCH_DB;
	if (!databaseFile) throw new Error("bench server: BENCH_DB is not set");
	return { databaseFile, cookieCache: process.env.BENCH_COOKIE_CACHE === "1" };
}

/**
 * Serves `fetch` on 127.0.0.1 (loopback only) on a free port chosen by the OS, and prints
 * `{"port":N}` on stdout: the runner waits for that line.
 */
export function serveOnLoopback(fetch: (request: Request, ip: () => string | undefined) => Response | Promise<Response>): void {
	const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: (request, bunServer) => fetch(request, () => bunServer.requestIP(request)?.address) });
	console.log(JSON.stringify({ port: server.port }));
}
