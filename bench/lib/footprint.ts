import { join } from "node:path";
import { BUNDLES, gzippedBundleBytes } from "./bundles.ts";
import { coldStartMs } from "./cold-start.ts";
import { ORIGIN_HEADERS } from "./fixtures.ts";
import { peakResidentDuring, residentBytes } from "./memory.ts";
import { fileStem, SCRIPTS, SIDES, sqliteFiles, startPair, stopPair } from "./pair.ts";
import type { Side } from "./pair.ts";
import { formatRatio, median } from "./table.ts";
import { measureTypeCheck } from "./type-check.ts";
import { runWrk } from "./wrk.ts";

/** Launches per side for the cold start (after one launch each that creates the tables). */
const COLD_STARTS = 5;
const SIGN_IN_LUA = join(import.meta.dir, "../sign-in.lua");
const FRACTIONS: Record<number, string> = { 0.25: "¼", [1 / 3]: "⅓", 0.5: "½" };

/** Which parts to run (`only` is `BENCH_ONLY`), for how long under load, where to keep files. */
export interface FootprintOptions {
	only: string | undefined;
	seconds: number;
	dir: string;
}

/**
 * The footprint goals: cold start ≤ ⅓, resident memory ≤ ½ (idle and under a sign-in load),
 * client bundles ≤ ⅓, type-check instantiations ≤ ¼ and time ≤ ½ of Better Auth's.
 * Rows: metric, Latchkey, Better Auth, ratio, goal.
 */
export async function measureFootprint({ only, seconds, dir }: FootprintOptions): Promise<string[][]> {
	const rows: string[][] = [];
	const wanted = (part: string) => !only || part.includes(only);
	const row = (metric: string, latchkey: number, betterAuth: number, unit: (n: number) => string, goal: number) => {
		const ratio = latchkey / betterAuth;
		rows.push([metric, unit(latchkey), unit(betterAuth), formatRatio(ratio), `≤${FRACTIONS[goal] ?? goal} BA ${ratio <= goal ? "met" : "MISSED"}`]);
	};
	const ms = (n: number) => `${Math.round(n)} ms`;
	const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
	const bytes = (n: number) => `${n.toLocaleString("en-US")} B`;
	const count = (n: number) => n.toLocaleString("en-US");
	if (wanted("cold start")) {
		const starts: Record<Side, number[]> = { Latchkey: [], "Better Auth": [] };
		const launch = (side: Side) => coldStartMs({ name: side, script: SCRIPTS[side], env: { BENCH_DB: join(dir, `${fileStem(side)}-cold.db`), BENCH_COOKIE_CACHE: "0" } });
		for (const side of SIDES) await launch(side);
		for (let round = 0; round < COLD_STARTS; round++) {
			for (const side of round % 2 ? [...SIDES].reverse() : SIDES) starts[side].push(await launch(side));
		}
		process.stderr.write(`  cold start · Latchkey ${starts.Latchkey.map(ms).join(", ")} · Better Auth ${starts["Better Auth"].map(ms).join(", ")}\n`);
		row("cold start to first /ok (median)", median(starts.Latchkey), median(starts["Better Auth"]), ms, 1 / 3);
	}
	if (wanted("memory")) {
		const pair = await startPair(sqliteFiles(dir, false, "-memory"), false);
		try {
			await Bun.sleep(1000);
			const idle = { Latchkey: residentBytes(pair.Latchkey.server.pid), "Better Auth": residentBytes(pair["Better Auth"].server.pid) };
			const loaded: Record<Side, number> = { Latchkey: 0, "Better Auth": 0 };
			for (const side of SIDES) {
				const { server, fixture } = pair[side];
				const load = runWrk({ url: `${server.url}/api/auth/sign-in/email`, headers: ORIGIN_HEADERS, script: SIGN_IN_LUA, env: { BENCH_BODY: fixture.signInBody } }, seconds);
				loaded[side] = await peakResidentDuring(server.pid, load);
				await fetch(`${server.url}/api/auth/sign-in/email`, { method: "POST", headers: { "Content-Type": "application/json", ...ORIGIN_HEADERS }, body: fixture.signInBody });
			}
			row("resident memory, idle", idle.Latchkey, idle["Better Auth"], mib, 0.5);
			row("resident memory, sign-in load (peak)", loaded.Latchkey, loaded["Better Auth"], mib, 0.5);
		} finally {
			await stopPair(pair);
		}
	}
	if (wanted("bundle")) {
		for (const bundle of BUNDLES) row(`bundle, ${bundle.name} (min+gzip)`, await gzippedBundleBytes(bundle.latchkey), await gzippedBundleBytes(bundle.betterAuth), bytes, 1 / 3);
	}
	if (wanted("type-check")) {
		const cost = measureTypeCheck();
		row("type-check, client + 6 plugins: instantiations", cost.Latchkey.instantiations, cost["Better Auth"].instantiations, count, 0.25);
		row("type-check, client + 6 plugins: tsc total time (median)", cost.Latchkey.totalMs, cost["Better Auth"].totalMs, ms, 0.5);
	}
	return rows;
}
