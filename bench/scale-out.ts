/**
 * Scale-out load run: two Latchkey server processes on PostgreSQL + Redis (loopback, each
 * through a proxy), a bounded-concurrency fetch loop against both for `DURATION_S` seconds
 * (default 20), one PostgreSQL outage and one Redis outage injected by cutting the proxies
 * (the shared services are never touched). Passes when no request fails outside the outage
 * windows, every failure inside them is a 503 SERVICE_UNAVAILABLE JSON, service comes back
 * without restarting anything, and a revocation on one process holds on the other under load.
 *
 * Run: `bun bench/scale-out.ts` (needs 127.0.0.1:5432 db `test` and 127.0.0.1:6379).
 * Mix per request: 80 % get-session (a random server, a random warm token), 10 % update-user
 * (a session/user write that invalidates the cache), 10 % sign-in + sign-out.
 */
import { startCluster } from "../packages/server/src/serve/testing/cluster.ts";

const DURATION_MS = Number(process.env.DURATION_S ?? 20) * 1000;
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const USERS = 40;
/** A request overlapping an outage, or finishing within this long after it, may fail (with a 503). */
const GRACE_MS = 1000;

interface Window {
	what: string;
	from: number;
	to: number;
}
interface Sample {
	path: string;
	start: number;
	end: number;
	ok: boolean;
	status: number | "network";
	unavailableJson: boolean;
}

const cluster = await startCluster(2, { LATCHKEY_LOAD_LIMIT: "100000000" });
const t0 = performance.now();
const samples: Sample[] = [];
const outages: Window[] = [];
let stopping = false;

try {
	const urls = cluster.servers.map((s) => `${s.url}/api/auth`);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
	const request = async (path: string, init: { token?: string; json?: unknown } = {}): Promise<Response> => {
		const headers: Record<string, string> = {};
		if (init.token) headers.authorization = `Bearer ${init.token}`;
		if (init.json !== undefined) headers["content-type"] = "application/json";
		return fetch(`${pick(urls)}${path}`, {
			method: init.json === undefined ? "GET" : "POST",
			headers,
			body: init.json === undefined ? undefined : JSON.stringify(init.json),
			signal: AbortSignal.timeout(10_000),
		});
	};

	const users: { email: string; token: string }[] = [];
	for (let i = 0; i < USERS; i++) {
		const email = `load-${i}-${Date.now()}@example.com`;
		const res = await request("/sign-up/email", { json: { name: "Load", email, password: "password1234" } });
		if (res.status !== 200) throw new Error(`seeding failed: ${res.status}`);
		users.push({ email, token: ((await res.json()) as { token: string }).token });
	}

	/** One timed request; `expect` says which statuses are a success. */
	const timed = async (path: string, run: () => Promise<Response>, expect: (status: number, body: unknown) => boolean): Promise<unknown> => {
		const start = performance.now() - t0;
		let status: number | "network" = "network";
		let body: unknown = null;
		try {
			const res = await run();
			status = res.status;
			body = await res.json().catch(() => null);
		} catch {
			// network error: counted as a failure below
		}
		const end = performance.now() - t0;
		const unavailableJson = status === 503 && typeof body === "object" && body !== null && (body as { code?: unknown }).code === "SERVICE_UNAVAILABLE";
		samples.push({ path, start, end, ok: typeof status === "number" && expect(status, body), status, unavailableJson });
		return body;
	};

	const worker = async () => {
		while (!stopping) {
			const user = pick(users);
			const roll = Math.random();
			if (roll < 0.8) {
				await timed("/get-session", () => request("/get-session", { token: user.token }), (s, b) => s === 200 && b !== null);
			} else if (roll < 0.9) {
				await timed("/update-user", () => request("/update-user", { token: user.token, json: { name: `Load ${Math.floor(Math.random() * 1000)}` } }), (s) => s === 200);
			} else {
				const body = await timed("/sign-in/email", () => request("/sign-in/email", { json: { email: user.email, password: "password1234" } }), (s) => s === 200);
				const token = (body as { token?: string } | null)?.token;
				if (token) await timed("/sign-out", () => request("/sign-out", { token, json: {} }), (s) => s === 200);
			}
		}
	};

	const cut = async (what: string, proxy: { cut(): void; restore(): void }, atMs: number, forMs: number) => {
		await Bun.sleep(atMs);
		const from = performance.now() - t0;
		proxy.cut();
		await Bun.sleep(forMs);
		proxy.restore();
		outages.push({ what, from, to: performance.now() - t0 });
	};

	const loadStart = performance.now() - t0;
	const workers = Array.from({ length: CONCURRENCY }, worker);
	const scenario = Promise.all([
		cut("PostgreSQL", cluster.pgProxy, DURATION_MS * 0.35, 3000),
		cut("Redis", cluster.redisProxy, DURATION_MS * 0.65, 2000),
	]);
	await Bun.sleep(DURATION_MS);
	stopping = true;
	await Promise.all([...workers, scenario]);
	const loadEnd = performance.now() - t0;

	// Under load, after both outages: a revocation on one process holds on the other at once.
	const probe = await (await fetch(`${urls[0]}/sign-in/email`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: users[0]?.email, password: "password1234" }) })).json() as { token: string };
	const warm = await (await fetch(`${urls[1]}/get-session`, { headers: { authorization: `Bearer ${probe.token}` } })).json();
	await fetch(`${urls[0]}/sign-out`, { method: "POST", headers: { authorization: `Bearer ${probe.token}`, "content-type": "application/json" }, body: "{}" });
	const afterRevoke = await (await fetch(`${urls[1]}/get-session`, { headers: { authorization: `Bearer ${probe.token}` } })).json();

	const inOutage = (s: Sample) => outages.some((o) => s.end >= o.from && s.start <= o.to + GRACE_MS);
	const outside = samples.filter((s) => !inOutage(s));
	const inside = samples.filter(inOutage);
	const failedOutside = outside.filter((s) => !s.ok);
	const badInside = inside.filter((s) => !s.ok && !s.unavailableJson);
	const latencies = outside.map((s) => s.end - s.start).sort((a, b) => a - b);
	const pct = (p: number) => (latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0).toFixed(1);
	const seconds = (loadEnd - loadStart) / 1000;
	const recovered = outages.map((o) => {
		const firstOk = samples.filter((s) => s.start > o.to && s.ok).sort((a, b) => a.end - b.end)[0];
		return `${o.what} outage ${((o.to - o.from) / 1000).toFixed(1)} s at t=${((o.from - loadStart) / 1000).toFixed(1)} s, first success ${firstOk ? `${(firstOk.end - o.to).toFixed(0)} ms` : "never"} after restore`;
	});
	const statusCounts: Record<string, number> = {};
	for (const s of samples) statusCounts[String(s.status)] = (statusCounts[String(s.status)] ?? 0) + 1;

	console.log("scale-out load run: 2 processes, PostgreSQL + Redis through loopback proxies");
	console.log(`duration ${seconds.toFixed(1)} s, concurrency ${CONCURRENCY}, ${samples.length} requests (${(samples.length / seconds).toFixed(0)} req/s)`);
	console.log(`statuses: ${JSON.stringify(statusCounts)}`);
	console.log(`outside outages: ${outside.length} requests, ${failedOutside.length} failed, latency p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`);
	console.log(`during outages (+${GRACE_MS} ms grace): ${inside.length} requests, ${inside.filter((s) => s.unavailableJson).length} answered 503 SERVICE_UNAVAILABLE, ${badInside.length} other failures`);
	for (const line of recovered) console.log(line);
	console.log(`revocation under load: session on B before sign-out on A ${warm ? "valid" : "MISSING"}, after ${afterRevoke === null ? "refused" : "STILL VALID"}`);
	const pass = failedOutside.length === 0 && badInside.length === 0 && warm !== null && afterRevoke === null && recovered.every((l) => !l.endsWith("never after restore"));
	console.log(pass ? "PASS" : "FAIL");
	if (failedOutside.length > 0) console.log("first failures outside outages:", JSON.stringify(failedOutside.slice(0, 5)));
	if (badInside.length > 0) console.log("failures other than 503 during outages:", JSON.stringify(badInside.slice(0, 5)));
	process.exitCode = pass ? 0 : 1;
} finally {
	stopping = true;
	await cluster.dispose();
}
