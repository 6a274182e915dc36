/**
 * `bun run bench`: Latchkey and Better Auth side by side, each in its own process on
 * 127.0.0.1, driven by wrk in alternating rounds. Prints one table; ratios are the result.
 * See README.md for how to read it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { createFixture, ORIGIN_HEADERS } from "./lib/fixtures.ts";
import type { Fixture } from "./lib/fixtures.ts";
import { BUNDLES, gzippedBundleBytes } from "./lib/bundles.ts";
import { coldStartMs } from "./lib/cold-start.ts";
import { peakResidentDuring, residentBytes } from "./lib/memory.ts";
import { measureNativeScrypt } from "./lib/native-scrypt.ts";
import { killAllServers, spawnServer } from "./lib/spawn-server.ts";
import type { BenchServer } from "./lib/spawn-server.ts";
import { formatMs, formatRate, formatRatio, median, renderTable } from "./lib/table.ts";
import { hasWrk, runWrk, WRK_SETTINGS } from "./lib/wrk.ts";
import type { WrkRequest, WrkResult } from "./lib/wrk.ts";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? WRK_SETTINGS.durationSeconds);
/** Optional: only scenarios whose name contains this text (e.g. `BENCH_ONLY=sign-in`). */
const ONLY = process.env.BENCH_ONLY;
/** Requests per side before the rounds (32 at a time), so JIT and SQLite caches are warm. */
const WARMUP_REQUESTS = 2000;
const SIDES = ["Latchkey", "Better Auth"] as const;
type Side = (typeof SIDES)[number];
const SCRIPTS: Record<Side, string> = {
	Latchkey: join(import.meta.dir, "servers/latchkey.ts"),
	"Better Auth": join(import.meta.dir, "servers/better-auth.ts"),
};
const SIGN_IN_LUA = join(import.meta.dir, "sign-in.lua");
const SIGN_UP_LUA = join(import.meta.dir, "sign-up.lua");
/** Each sign-up run gets its own address prefix, so no run collides with an earlier one. */
let signUpRun = 0;

/** A sign-up load as wrk drives it: unique addresses, the app's Origin. */
function signUpLoad(server: BenchServer): WrkRequest {
	signUpRun++;
	return { url: `${server.url}/api/auth/sign-up/email`, headers: ORIGIN_HEADERS, script: SIGN_UP_LUA, env: { BENCH_PREFIX: `run${signUpRun}-${process.pid}` } };
}

/** One more sign-up returns after the hashes wrk left queued (the thread pool is first in, first out). */
async function drainSignUps(server: BenchServer): Promise<void> {
	const body = JSON.stringify({ email: `drain-${++signUpRun}-${process.pid}@example.com`, password: "bench-password-1234", name: "Drain" });
	await fetch(`${server.url}/api/auth/sign-up/email`, { method: "POST", headers: { "Content-Type": "application/json", ...ORIGIN_HEADERS }, body });
}

interface Scenario {
	name: string;
	/** Servers with `session.cookieCache.enabled`. */
	cookieCache: boolean;
	/** Goal for Latchkey / Better Auth, or for sign-in Latchkey / native scrypt. */
	goal: { ratio: number; versus: "Better Auth" | "native scrypt" };
	/** Send {@link WARMUP_REQUESTS} requests per side before the rounds. */
	warmup: boolean;
	request(server: BenchServer, fixture: Fixture): WrkRequest;
	/** A second wrk load run alongside the measured one (same duration); only the measured one is reported. */
	background?(server: BenchServer, fixture: Fixture): WrkRequest;
	/**
	 * Waits until the server has finished the work wrk left in flight. Scrypt cannot be
	 * cancelled: without this, 32 queued hashes would eat into the other side's next run.
	 */
	drain?(server: BenchServer, fixture: Fixture): Promise<void>;
}

const SCENARIOS: Scenario[] = [
	{ name: "GET /ok", cookieCache: false, goal: { ratio: 20, versus: "Better Auth" }, warmup: true, request: (s) => ({ url: `${s.url}/api/auth/ok` }) },
	{
		name: "GET /get-session (cookie)",
		cookieCache: false,
		goal: { ratio: 10, versus: "Better Auth" },
		warmup: true,
		request: (s, f) => ({ url: `${s.url}/api/auth/get-session`, headers: { Cookie: f.cookie } }),
	},
	{
		name: "GET /get-session (bearer)",
		cookieCache: false,
		goal: { ratio: 10, versus: "Better Auth" },
		warmup: true,
		request: (s, f) => ({ url: `${s.url}/api/auth/get-session`, headers: { Authorization: `Bearer ${f.bearer}` } }),
	},
	{
		name: "POST /sign-in/email",
		cookieCache: false,
		goal: { ratio: 0.95, versus: "native scrypt" },
		// createFixture already signed in once; a wrk warm-up would only queue more scrypt work.
		warmup: false,
		request: (s, f) => ({ url: `${s.url}/api/auth/sign-in/email`, headers: ORIGIN_HEADERS, script: SIGN_IN_LUA, env: { BENCH_BODY: f.signInBody } }),
		// The thread pool is first in, first out: one more sign-in returns after the queued ones.
		async drain(s, f) {
			await fetch(`${s.url}/api/auth/sign-in/email`, { method: "POST", headers: { "Content-Type": "application/json", ...ORIGIN_HEADERS }, body: f.signInBody });
		},
	},
	{
		name: "POST /sign-up/email (unique emails)",
		cookieCache: false,
		goal: { ratio: 1.8, versus: "Better Auth" },
		warmup: false,
		request: (s) => signUpLoad(s),
		drain: (s) => drainSignUps(s),
	},
	{
		name: "GET /get-session during sign-up load",
		cookieCache: false,
		goal: { ratio: 100, versus: "Better Auth" },
		warmup: false,
		request: (s, f) => ({ url: `${s.url}/api/auth/get-session`, headers: { Cookie: f.cookie } }),
		background: (s) => signUpLoad(s),
		drain: (s) => drainSignUps(s),
	},
	{
		name: "GET /get-session (cookie cache)",
		cookieCache: true,
		goal: { ratio: 20, versus: "Better Auth" },
		warmup: true,
		request: (s, f) => ({ url: `${s.url}/api/auth/get-session`, headers: { Cookie: f.cookie } }),
	},
];

type Pair = Record<Side, { server: BenchServer; fixture: Fixture }>;

function fileStem(side: Side): string {
	return side === "Latchkey" ? "latchkey" : "better-auth";
}

async function startPair(dir: string, cookieCache: boolean, tag = ""): Promise<Pair> {
	const pair: Partial<Pair> = {};
	for (const side of SIDES) {
		const file = join(dir, `${fileStem(side)}${cookieCache ? "-cache" : ""}${tag}.db`);
		const server = await spawnServer({ name: side, script: SCRIPTS[side], env: { BENCH_DB: file, BENCH_COOKIE_CACHE: cookieCache ? "1" : "0" } });
		pair[side] = { server, fixture: await createFixture(server) };
	}
	// Sound: the loop above filled every side.
	return pair as Pair;
}

async function stopPair(pair: Pair): Promise<void> {
	for (const side of SIDES) await pair[side].server.stop();
}

interface Measured {
	runs: Record<Side, WrkResult[]>;
	/** Native scrypt hashes/s, one per round, measured between the sign-in runs. */
	nativeScrypt: number[];
}

async function measure(scenario: Scenario, pair: Pair): Promise<Measured> {
	const measured: Measured = { runs: { Latchkey: [], "Better Auth": [] }, nativeScrypt: [] };
	const withNative = scenario.goal.versus === "native scrypt";
	const requestFor = (side: Side) => scenario.request(pair[side].server, pair[side].fixture);
	if (scenario.warmup) for (const side of SIDES) await warmUp(requestFor(side));
	const contestants: (Side | "native scrypt")[] = withNative ? [...SIDES, "native scrypt"] : [...SIDES];
	for (let round = 0; round < ROUNDS; round++) {
		// Rotate who goes first so drift (thermal, noisy neighbours, WAL growth) favours no one.
		const order = contestants.map((_, index) => contestants[(index + round) % contestants.length] ?? "Latchkey");
		for (const contestant of order) {
			if (contestant === "native scrypt") {
				// Same window as a wrk run, same moment: the ceiling sign-in is compared with.
				const { opsPerSecond } = await measureNativeScrypt(SECONDS * 1000);
				measured.nativeScrypt.push(opsPerSecond);
				process.stderr.write(`  ${scenario.name} · round ${round + 1} · native scrypt: ${formatRate(opsPerSecond)} hashes/s\n`);
				continue;
			}
			const load = scenario.background?.(pair[contestant].server, pair[contestant].fixture);
			const [result] = await Promise.all([runWrk(requestFor(contestant), SECONDS), ...(load ? [runWrk(load, SECONDS)] : [])]);
			await scenario.drain?.(pair[contestant].server, pair[contestant].fixture);
			measured.runs[contestant].push(result);
			process.stderr.write(`  ${scenario.name} · round ${round + 1} · ${contestant}: ${formatRate(result.requestsPerSecond)} req/s\n`);
		}
	}
	return measured;
}

async function warmUp(request: WrkRequest): Promise<void> {
	let left = WARMUP_REQUESTS;
	const worker = async (): Promise<void> => {
		while (left-- > 0) await (await fetch(request.url, { headers: request.headers })).arrayBuffer();
	};
	await Promise.all(Array.from({ length: WRK_SETTINGS.connections }, worker));
}

function summarize(runs: WrkResult[]): { rps: number; p50: number; p99: number; bad: number } {
	return {
		rps: median(runs.map((run) => run.requestsPerSecond)),
		p50: median(runs.map((run) => run.p50Ms)),
		p99: median(runs.map((run) => run.p99Ms)),
		bad: runs.reduce((sum, run) => sum + run.non2xx + run.socketErrors, 0),
	};
}

/** Launches per side for the cold start (after one launch each that creates the tables). */
const COLD_STARTS = 5;

/**
 * The footprint goals: cold start ≤ ⅓, resident memory ≤ ½ (idle and under a sign-in load),
 * client bundles ≤ ⅓ of Better Auth's. Rows: metric, Latchkey, Better Auth, ratio, goal.
 */
async function measureFootprint(dir: string): Promise<string[][]> {
	const rows: string[][] = [];
	const row = (metric: string, latchkey: number, betterAuth: number, unit: (n: number) => string, goal: number) => {
		const ratio = latchkey / betterAuth;
		rows.push([metric, unit(latchkey), unit(betterAuth), formatRatio(ratio), `≤${goal === 0.5 ? "½" : "⅓"} BA ${ratio <= goal ? "met" : "MISSED"}`]);
	};
	const ms = (n: number) => `${Math.round(n)} ms`;
	const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
	const bytes = (n: number) => `${n.toLocaleString("en-US")} B`;
	if (!ONLY || "cold start".includes(ONLY)) {
		const starts: Record<Side, number[]> = { Latchkey: [], "Better Auth": [] };
		const launch = (side: Side) => coldStartMs({ name: side, script: SCRIPTS[side], env: { BENCH_DB: join(dir, `${fileStem(side)}-cold.db`), BENCH_COOKIE_CACHE: "0" } });
		for (const side of SIDES) await launch(side);
		for (let round = 0; round < COLD_STARTS; round++) {
			for (const side of round % 2 ? [...SIDES].reverse() : SIDES) starts[side].push(await launch(side));
		}
		process.stderr.write(`  cold start · Latchkey ${starts.Latchkey.map(ms).join(", ")} · Better Auth ${starts["Better Auth"].map(ms).join(", ")}\n`);
		row("cold start to first /ok (median)", median(starts.Latchkey), median(starts["Better Auth"]), ms, 1 / 3);
	}
	if (!ONLY || "memory".includes(ONLY)) {
		const pair = await startPair(dir, false, "-memory");
		try {
			await Bun.sleep(1000);
			const idle = { Latchkey: residentBytes(pair.Latchkey.server.pid), "Better Auth": residentBytes(pair["Better Auth"].server.pid) };
			const loaded: Record<Side, number> = { Latchkey: 0, "Better Auth": 0 };
			for (const side of SIDES) {
				const { server, fixture } = pair[side];
				const load = runWrk({ url: `${server.url}/api/auth/sign-in/email`, headers: ORIGIN_HEADERS, script: SIGN_IN_LUA, env: { BENCH_BODY: fixture.signInBody } }, SECONDS);
				loaded[side] = await peakResidentDuring(server.pid, load);
				await fetch(`${server.url}/api/auth/sign-in/email`, { method: "POST", headers: { "Content-Type": "application/json", ...ORIGIN_HEADERS }, body: fixture.signInBody });
			}
			row("resident memory, idle", idle.Latchkey, idle["Better Auth"], mib, 0.5);
			row("resident memory, sign-in load (peak)", loaded.Latchkey, loaded["Better Auth"], mib, 0.5);
		} finally {
			await stopPair(pair);
		}
	}
	if (!ONLY || "bundle".includes(ONLY)) {
		for (const bundle of BUNDLES) row(`bundle, ${bundle.name} (min+gzip)`, await gzippedBundleBytes(bundle.latchkey), await gzippedBundleBytes(bundle.betterAuth), bytes, 1 / 3);
	}
	return rows;
}

async function main(): Promise<number> {
	if (!hasWrk()) {
		console.error("bench: wrk not found on PATH. Install it (Debian/Ubuntu: `sudo apt-get install -y wrk`, macOS: `brew install wrk`) and run `bun run bench` again.");
		return 1;
	}
	const dir = mkdtempSync(join(tmpdir(), "latchkey-bench-"));
	const started = performance.now();
	let pair: Pair | undefined;
	let pairHasCookieCache = false;
	try {
		process.stderr.write(`bench: ${cpus().length} cores, wrk -t${WRK_SETTINGS.threads} -c${WRK_SETTINGS.connections} -d${SECONDS}s --latency, ${ROUNDS} alternating rounds per side\n`);
		const rows: string[][] = [];
		const notes: string[] = [];
		let nativeScrypt: number | undefined;
		for (const scenario of SCENARIOS.filter((candidate) => !ONLY || candidate.name.includes(ONLY))) {
			// One pair of servers per cookie-cache setting, started when first needed.
			if (!pair || pairHasCookieCache !== scenario.cookieCache) {
				if (pair) await stopPair(pair);
				pair = undefined;
				pair = await startPair(dir, scenario.cookieCache);
				pairHasCookieCache = scenario.cookieCache;
			}
			const measured = await measure(scenario, pair);
			const latchkey = summarize(measured.runs.Latchkey);
			const betterAuth = summarize(measured.runs["Better Auth"]);
			// Under a background load Better Auth may finish no request at all in a run: then it did
			// fewer than one per run, and the ratio is at least Latchkey's count per run.
			const starved = scenario.background !== undefined && betterAuth.rps === 0;
			const ratio = betterAuth.rps > 0 ? latchkey.rps / betterAuth.rps : starved ? latchkey.rps * SECONDS : Number.NaN;
			let vsScrypt = "";
			let goalRatio = ratio;
			if (measured.nativeScrypt.length) {
				nativeScrypt = median(measured.nativeScrypt);
				goalRatio = latchkey.rps / nativeScrypt;
				vsScrypt = `LK ${formatRatio(goalRatio)} · BA ${formatRatio(betterAuth.rps / nativeScrypt)}`;
			}
			const goal = `≥${scenario.goal.ratio}× ${scenario.goal.versus === "native scrypt" ? "scrypt" : "BA"}`;
			rows.push([
				scenario.name,
				formatRate(latchkey.rps),
				formatMs(latchkey.p50),
				formatMs(latchkey.p99),
				formatRate(betterAuth.rps),
				formatMs(betterAuth.p50),
				formatMs(betterAuth.p99),
				`${starved ? "≥" : ""}${formatRatio(ratio)}`,
				vsScrypt,
				`${goal} ${goalRatio >= scenario.goal.ratio ? "met" : "MISSED"}`,
			]);
			for (const [side, summary] of [["Latchkey", latchkey], ["Better Auth", betterAuth]] as const) {
				if (summary.bad) notes.push(`${scenario.name}: ${side} had ${summary.bad} non-2xx responses or socket errors`);
				if (summary.rps === 0 && !(starved && side === "Better Auth")) notes.push(`${scenario.name}: ${side} completed no request (runs too short?)`);
			}
		}
		console.log("");
		if (nativeScrypt !== undefined) console.log(`Native scrypt (N=16384, r=16, p=1, 64-byte key, ${cpus().length} in flight): ${formatRate(nativeScrypt)} hashes/s`);
		if (rows.length) console.log(renderTable(["Scenario", "LK req/s", "LK p50", "LK p99", "BA req/s", "BA p50", "BA p99", "LK/BA", "vs native scrypt", "Goal"], rows));
		if (pair) await stopPair(pair);
		pair = undefined;
		const footprint = await measureFootprint(dir);
		if (footprint.length) console.log(`\n${renderTable(["Footprint", "Latchkey", "Better Auth", "LK/BA", "Goal"], footprint)}`);
		console.log(`LK = Latchkey, BA = Better Auth 1.7.6. Medians of ${ROUNDS} alternating rounds of wrk -t${WRK_SETTINGS.threads} -c${WRK_SETTINGS.connections} -d${SECONDS}s; total ${Math.round((performance.now() - started) / 1000)}s.`);
		for (const note of notes) console.log(`WARNING: ${note}`);
		return notes.length ? 1 : 0;
	} finally {
		if (pair) await stopPair(pair).catch(() => undefined);
		killAllServers();
		rmSync(dir, { recursive: true, force: true });
	}
}

process.on("SIGINT", () => {
	killAllServers();
	process.exit(130);
});
process.exitCode = await main();
