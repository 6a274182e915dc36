/** One bounded wrk run and the numbers parsed from its `--latency` report. */
export interface WrkResult {
	requestsPerSecond: number;
	p50Ms: number;
	p99Ms: number;
	/** Responses outside 2xx/3xx (a broken fixture shows up here). */
	non2xx: number;
	/** connect + read + write + timeout socket errors. */
	socketErrors: number;
}

/** What to drive. */
export interface WrkRequest {
	url: string;
	headers?: Record<string, string>;
	/** A wrk Lua script (e.g. to POST a body). */
	script?: string;
	env?: Record<string, string>;
}

/** Fixed shape of every run: one wrk thread, 32 connections, 5 seconds. */
export const WRK_SETTINGS = { threads: 1, connections: 32, durationSeconds: 5 } as const;

/** True when `wrk` is on PATH. */
export function hasWrk(): boolean {
	return Bun.which("wrk") !== null;
}

/** Runs wrk once against `request.url` and parses its report. */
export async function runWrk(request: WrkRequest, durationSeconds: number = WRK_SETTINGS.durationSeconds): Promise<WrkResult> {
	const args = ["wrk", `-t${WRK_SETTINGS.threads}`, `-c${WRK_SETTINGS.connections}`, `-d${durationSeconds}s`, "--latency", "--timeout", "10s"];
	for (const [name, value] of Object.entries(request.headers ?? {})) args.push("-H", `${name}: ${value}`);
	if (request.script) args.push("-s", request.script);
	args.push(request.url);
	const child = Bun.spawn(args, { env: { ...process.env, ...request.env }, stdout: "pipe", stderr: "pipe" });
	const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
	if (code !== 0) throw new Error(`wrk exited with ${code}: ${stderr || stdout}`);
	return parseWrk(stdout);
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function durationMs(text: string): number {
	const match = /^([\d.]+)(us|ms|s|m|h)$/.exec(text);
	if (!match) throw new Error(`wrk: cannot read duration "${text}"`);
	return Number(match[1]) * (UNIT_MS[match[2] ?? "ms"] ?? 1);
}

/** Parses the text report of `wrk --latency`. */
export function parseWrk(report: string): WrkResult {
	const rps = /Requests\/sec:\s+([\d.]+)/.exec(report);
	const p50 = /^\s+50%\s+(\S+)/m.exec(report);
	const p99 = /^\s+99%\s+(\S+)/m.exec(report);
	if (!rps?.[1] || !p50?.[1] || !p99?.[1]) throw new Error(`wrk: unexpected report:\n${report}`);
	const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(report);
	const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(report);
	const socketErrors = errors ? errors.slice(1).reduce((sum, count) => sum + Number(count), 0) : 0;
	return {
		requestsPerSecond: Number(rps[1]),
		p50Ms: durationMs(p50[1]),
		p99Ms: durationMs(p99[1]),
		non2xx: non2xx?.[1] ? Number(non2xx[1]) : 0,
		socketErrors,
	};
}
