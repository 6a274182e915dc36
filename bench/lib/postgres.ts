import { SQL } from "bun";
import type { PairDatabases, Side } from "./pair.ts";
import { fileStem } from "./pair.ts";

/**
 * The PostgreSQL server the PostgreSQL scenarios use: `BENCH_PG_URL`, by default the local
 * one on 127.0.0.1:5432 (trust auth). Each run makes a fresh database per side and drops it
 * afterwards; nothing else on the server is touched.
 */
export const BENCH_PG_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** Fresh databases for one pair of servers; `drop()` removes them. */
export interface PostgresDatabases extends PairDatabases {
	/** `VACUUM ANALYZE` each database, so no autovacuum or analyze of the new tables runs during a measurement. */
	analyze(): Promise<void>;
	drop(): Promise<void>;
}

function urlWithDatabase(url: string, database: string): string {
	const parsed = new URL(url);
	parsed.pathname = `/${database}`;
	return parsed.toString();
}

/** Creates one empty database per side (`latchkey_bench_<pid>_<side>`), dropping leftovers of the same name. */
export async function createPostgresDatabases(): Promise<PostgresDatabases> {
	const admin = new SQL(BENCH_PG_URL, { max: 1, connectionTimeout: 5 });
	const names: Record<Side, string> = {
		Latchkey: `latchkey_bench_${process.pid}_${fileStem("Latchkey").replace(/-/g, "_")}`,
		"Better Auth": `latchkey_bench_${process.pid}_${fileStem("Better Auth").replace(/-/g, "_")}`,
	};
	try {
		for (const name of Object.values(names)) {
			await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
			await admin.unsafe(`CREATE DATABASE "${name}"`);
		}
	} catch (error) {
		await admin.close();
		throw new Error(`bench: cannot create databases on ${BENCH_PG_URL} (set BENCH_PG_URL, or BENCH_PG=0 to leave PostgreSQL out): ${String(error)}`);
	}
	return {
		databaseFor: (side) => urlWithDatabase(BENCH_PG_URL, names[side]),
		async analyze() {
			for (const name of Object.values(names)) {
				const sql = new SQL(urlWithDatabase(BENCH_PG_URL, name), { max: 1, connectionTimeout: 5 });
				try {
					await sql.unsafe("VACUUM ANALYZE");
				} finally {
					await sql.close();
				}
			}
		},
		async drop() {
			try {
				for (const name of Object.values(names)) await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
			} finally {
				await admin.close();
			}
		},
	};
}
