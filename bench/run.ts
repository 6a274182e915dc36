/**
 * `bun run bench`: Latchkey and Better Auth side by side, each in its own process on
 * 127.0.0.1, driven by wrk in alternating rounds. Prints one table; ratios are the result.
 * See README.md for how to read it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { ORIGIN_HEADERS } from "./lib/fixtures.ts";
import type { Fixture } from "./lib/fixtures.ts";
import { measureFootprint } from "./lib/footprint.ts";
import { measureNativeScrypt } from "./lib/native-scrypt.ts";
import { SIDES, sqliteFiles, startPair, stopPair } from "./lib/pair.ts";
import type { Pair, Side } from "./lib/pair.ts";
import { createPostgresDatabases } from "./lib/postgres.ts";
import type { PostgresDatabases } from "./lib/postgres.ts";
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
/** `BENCH_PG=0` leaves the PostgreSQL scenarios out (they need a server, see lib/postgres.ts). */
const WITH_POSTGRES = process.env.BENCH_PG !== "0";
const SIGN_IN_LUA = join(import.meta.dir, "sign-in.lua");
const BARE_SCRIPT = join(import.meta.dir, "servers/bare-bun.ts");
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
	/** Run against PostgreSQL (a fresh database per side) instead of SQLite files. */
	postgres?: boolean;
	/** Goal for Latchkey / Better Auth, or for sign-in Latchkey / native scrypt. */
	goal: { ratio: number; versus: "Better Auth" | "native scrypt" };
	/** Also measure a bare `Bun.serve` (servers/bare-bun.ts) with the same load: the ceiling. */
	bareCeiling?: boolean;
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
	{ name: "GET /ok", cookieCache: false, goal: { ratio: 20, versus: "Better Auth" }, bareCeiling: true, warmup: true, request: (s) => ({ url: `${s.url}/api/auth/ok` }) },
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

/** The database-bound scenarios again, on PostgreSQL (issue 14: report, same goals where they apply). */
const POSTGRES_SCENARIOS: Scenario[] = SCENARIOS.filter((scenario) => /get-session \((cookie|bearer)\)|sign-in|sign-up/.test(scenario.name)).map((scenario) => ({
	...scenario,
	name: `${scenario.name} · PostgreSQL`,
	postgres: true,
}));

interface Measured {
	runs: Record<Side, WrkResult[]>;
	/** Native scrypt hashes/s, one per round, measured between the sign-in runs. */
	nativeScrypt: number[];
	/** A bare `Bun.serve`'s req/s under the same load, one per round (scenarios with `bareCeiling`). */
	bare: number[];
}

type Contestant = Side | "native scrypt" | "bare Bun.serve";

async function measure(scenario: Scenario, pair: Pair): Promise<Measured> {
	const measured: Measured = { runs: { Latchkey: [], "Better Auth": [] }, nativeScrypt: [], bare: [] };
	const requestFor = (side: Side) => scenario.request(pair[side].server, pair[side].fixture);
	const bare = scenario.bareCeiling ? await spawnServer({ name: "bare Bun.serve", script: BARE_SCRIPT, env: {} }) : undefined;
	// The bare server answers any path: it gets Latchkey's request, pointed at itself.
	const bareRequest = (url: string): WrkRequest => {
		const request = requestFor("Latchkey");
		return { ...request, url: request.url.replace(pair.Latchkey.server.url, url) };
	};

	async function run(contestant: Contestant, round: number): Promise<void> {
		let rate: number;
		let unit = "req/s";
		if (contestant === "native scrypt") {
			// Same window as a wrk run, same moment: the ceiling sign-in is compared with.
			rate = (await measureNativeScrypt(SECONDS * 1000)).opsPerSecond;
			measured.nativeScrypt.push(rate);
			unit = "hashes/s";
		} else if (contestant === "bare Bun.serve") {
			if (!bare) return;
			rate = (await runWrk(bareRequest(bare.url), SECONDS)).requestsPerSecond;
			measured.bare.push(rate);
		} else {
			const load = scenario.background?.(pair[contestant].server, pair[contestant].fixture);
			const [result] = await Promise.all([runWrk(requestFor(contestant), SECONDS), ...(load ? [runWrk(load, SECONDS)] : [])]);
			await scenario.drain?.(pair[contestant].server, pair[contestant].fixture);
			measured.runs[contestant].push(result);
			rate = result.requestsPerSecond;
		}
		process.stderr.write(`  ${scenario.name} · round ${round + 1} · ${contestant}: ${formatRate(rate)} ${unit}\n`);
	}

	try {
		if (scenario.warmup) {
			for (const side of SIDES) await warmUp(requestFor(side));
			if (bare) await warmUp(bareRequest(bare.url));
		}
		const contestants: Contestant[] = [...SIDES];
		if (scenario.goal.versus === "native scrypt") contestants.push("native scrypt");
		if (bare) contestants.push("bare Bun.serve");
		for (let round = 0; round < ROUNDS; round++) {
			// Rotate who goes first so drift (thermal, noisy neighbours, WAL growth) favours no one.
			const order = contestants.map((_, index) => contestants[(index + round) % contestants.length] ?? "Latchkey");
			for (const contestant of order) await run(contestant, round);
		}
	} finally {
		await bare?.stop();
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

async function main(): Promise<number> {
	if (!hasWrk()) {
		console.error("bench: wrk not found on PATH. Install it (Debian/Ubuntu: `sudo apt-get install -y wrk`, macOS: `brew install wrk`) and run `bun run bench` again.");
		return 1;
	}
	const dir = mkdtempSync(join(tmpdir(), "latchkey-bench-"));
	const started = performance.now();
	let pair: Pair | undefined;
	let pairKey = "";
	let postgres: PostgresDatabases | undefined;
	const closePair = async () => {
		if (pair) await stopPair(pair);
		pair = undefined;
		await postgres?.drop();
		postgres = undefined;
	};
	try {
		process.stderr.write(`bench: ${cpus().length} cores, wrk -t${WRK_SETTINGS.threads} -c${WRK_SETTINGS.connections} -d${SECONDS}s --latency, ${ROUNDS} alternating rounds per side\n`);
		const rows: string[][] = [];
		const notes: string[] = [];
		let nativeScrypt: number | undefined;
		const ceilings: string[] = [];
		const scenarios = [...SCENARIOS, ...(WITH_POSTGRES ? POSTGRES_SCENARIOS : [])];
		for (const scenario of scenarios.filter((candidate) => !ONLY || candidate.name.includes(ONLY))) {
			// One pair of servers per SQLite cookie-cache setting, started when first needed. Each
			// PostgreSQL scenario gets fresh databases, analyzed once its fixture is in: a run then
			// never shares autovacuum or planner statistics work with an earlier scenario.
			const key = scenario.postgres ? `pg-${scenario.name}` : `sqlite-${scenario.cookieCache}`;
			if (!pair || pairKey !== key) {
				await closePair();
				if (scenario.postgres) postgres = await createPostgresDatabases();
				pair = await startPair(postgres ?? sqliteFiles(dir, scenario.cookieCache), scenario.cookieCache);
				await postgres?.analyze();
				pairKey = key;
			}
			const measured = await measure(scenario, pair);
			const latchkey = summarize(measured.runs.Latchkey);
			const betterAuth = summarize(measured.runs["Better Auth"]);
			// Under a background load Better Auth may finish no request at all in a run: then it did
			// fewer than one per run, and the ratio is at least Latchkey's count per run.
			const starved = scenario.background !== undefined && betterAuth.rps === 0;
			const ratio = betterAuth.rps > 0 ? latchkey.rps / betterAuth.rps : starved ? latchkey.rps * SECONDS : Number.NaN;
			let vsCeiling = "";
			let goalRatio = ratio;
			if (measured.nativeScrypt.length) {
				nativeScrypt = median(measured.nativeScrypt);
				goalRatio = latchkey.rps / nativeScrypt;
				vsCeiling = `LK ${formatRatio(goalRatio)} · BA ${formatRatio(betterAuth.rps / nativeScrypt)} scrypt`;
			}
			if (measured.bare.length) {
				const bare = median(measured.bare);
				vsCeiling = `LK ${formatRatio(latchkey.rps / bare)} · BA ${formatRatio(betterAuth.rps / bare)} bare`;
				ceilings.push(
					`Bare Bun.serve on ${scenario.name} (same harness, no framework): ${formatRate(bare)} req/s, ${formatRatio(bare / betterAuth.rps)} Better Auth: the largest ratio any Bun server can show here.`,
				);
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
				vsCeiling,
				`${goal} ${goalRatio >= scenario.goal.ratio ? "met" : "MISSED"}`,
			]);
			for (const [side, summary] of [["Latchkey", latchkey], ["Better Auth", betterAuth]] as const) {
				if (summary.bad) notes.push(`${scenario.name}: ${side} had ${summary.bad} non-2xx responses or socket errors`);
				if (summary.rps === 0 && !(starved && side === "Better Auth")) notes.push(`${scenario.name}: ${side} completed no request (runs too short?)`);
			}
		}
		console.log("");
		if (nativeScrypt !== undefined) console.log(`Native scrypt (N=16384, r=16, p=1, 64-byte key, ${cpus().length} in flight): ${formatRate(nativeScrypt)} hashes/s`);
		for (const line of ceilings) console.log(line);
		if (rows.length) console.log(renderTable(["Scenario", "LK req/s", "LK p50", "LK p99", "BA req/s", "BA p50", "BA p99", "LK/BA", "vs ceiling", "Goal"], rows));
		await closePair();
		const footprint = await measureFootprint({ only: ONLY, seconds: SECONDS, dir });
		if (footprint.length) console.log(`\n${renderTable(["Footprint", "Latchkey", "Better Auth", "LK/BA", "Goal"], footprint)}`);
		console.log(`LK = Latchkey, BA = Better Auth 1.7.6. Medians of ${ROUNDS} alternating rounds of wrk -t${WRK_SETTINGS.threads} -c${WRK_SETTINGS.connections} -d${SECONDS}s; total ${Math.round((performance.now() - started) / 1000)}s.`);
		for (const note of notes) console.log(`WARNING: ${note}`);
		return notes.length ? 1 : 0;
	} finally {
		await closePair().catch(() => undefined);
		killAllServers();
		rmSync(dir, { recursive: true, force: true });
	}
}

process.on("SIGINT", () => {
	killAllServers();
	process.exit(130);
});
process.exitCode = await main();
