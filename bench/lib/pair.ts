import { join } from "node:path";
import { createFixture } from "./fixtures.ts";
import type { Fixture } from "./fixtures.ts";
import { spawnServer } from "./spawn-server.ts";
import type { BenchServer } from "./spawn-server.ts";

/** The two contestants, always in this order in tables. */
export const SIDES = ["Latchkey", "Better Auth"] as const;
export type Side = (typeof SIDES)[number];

/** The server script each side runs. */
export const SCRIPTS: Record<Side, string> = {
	Latchkey: join(import.meta.dir, "../servers/latchkey.ts"),
	"Better Auth": join(import.meta.dir, "../servers/better-auth.ts"),
};

/** Both servers of one configuration, each with its signed-up fixture user. */
export type Pair = Record<Side, { server: BenchServer; fixture: Fixture }>;

/** Short name of a side, for file and database names. */
export function fileStem(side: Side): string {
	return side === "Latchkey" ? "latchkey" : "better-auth";
}

/** Where a pair keeps its data: SQLite files in `dir`, or a PostgreSQL database per side. */
export interface PairDatabases {
	/** `BENCH_DB` for a side. */
	databaseFor(side: Side): string;
}

/** SQLite files in `dir`, named by side, cookie-cache setting and `tag`. */
export function sqliteFiles(dir: string, cookieCache: boolean, tag = ""): PairDatabases {
	return { databaseFor: (side) => join(dir, `${fileStem(side)}${cookieCache ? "-cache" : ""}${tag}.db`) };
}

/** Starts both servers (one after the other) and signs the fixture user up on each. */
export async function startPair(databases: PairDatabases, cookieCache: boolean): Promise<Pair> {
	const pair: Partial<Pair> = {};
	for (const side of SIDES) {
		const server = await spawnServer({ name: side, script: SCRIPTS[side], env: { BENCH_DB: databases.databaseFor(side), BENCH_COOKIE_CACHE: cookieCache ? "1" : "0" } });
		pair[side] = { server, fixture: await createFixture(server) };
	}
	// Sound: the loop above filled every side.
	return pair as Pair;
}

/** Stops both servers. */
export async function stopPair(pair: Pair): Promise<void> {
	for (const side of SIDES) await pair[side].server.stop();
}
