/**
 * Graceful shutdown: a deploy sends SIGTERM while requests are running. They must finish
 * (not be cut mid-way, which a client sees as a network error on, say, a password change),
 * no new connection may be accepted, the pools close last, and the process exits 0 so the
 * orchestrator does not count a crash.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { isRedisAvailable } from "../secondary-storage/test-redis.ts";
import { isPgAvailable } from "../testing/index.ts";
import { shutdownOnSignal } from "./shutdown-on-signal.ts";
import { startCluster } from "./testing/cluster.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("shutdownOnSignal (in process)", () => {
	test("in-flight requests finish, new connections are refused, then the resource is closed", async () => {
		const events: string[] = [];
		const server = Bun.serve({
			port: 0,
			hostname: "127.0.0.1",
			async fetch() {
				events.push("request started");
				await Bun.sleep(300);
				events.push("request finished");
				return new Response("done");
			},
		});
		cleanups.push(() => server.stop(true));
		const shutdown = shutdownOnSignal(server, { close: async () => void events.push("closed") }, { exit: false, signals: [] });
		const url = `http://127.0.0.1:${server.port}/`;
		const inFlight = fetch(url);
		while (!events.includes("request started")) await Bun.sleep(5);
		const stopping = shutdown();
		const response = await inFlight;
		expect(response.status).toBe(200);
		expect(await response.text()).toBe("done");
		await stopping;
		expect(events).toEqual(["request started", "request finished", "closed"]);
		await expect(fetch(url, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
		// A second call is the same shutdown, not a second close.
		await shutdown();
		expect(events.filter((e) => e === "closed")).toHaveLength(1);
	});

	test("a request that outlives timeoutMs is cut so shutdown still completes", async () => {
		const server = Bun.serve({
			port: 0,
			hostname: "127.0.0.1",
			async fetch() {
				await Bun.sleep(5000);
				return new Response("late");
			},
		});
		cleanups.push(() => server.stop(true));
		let closed = false;
		const shutdown = shutdownOnSignal(server, { close: async () => void (closed = true) }, { exit: false, signals: [], timeoutMs: 200 });
		const inFlight = fetch(`http://127.0.0.1:${server.port}/`).then(
			(r) => r.status,
			() => "cut",
		);
		await Bun.sleep(50);
		await shutdown();
		expect(closed).toBe(true);
		expect(await inFlight).toBe("cut");
	});
});

describe.if((await isPgAvailable()) && (await isRedisAvailable()))("serve() in a real process", () => {
	test("SIGTERM: the in-flight request finishes with 200, then the process exits 0", async () => {
		const cluster = await startCluster(1);
		cleanups.push(() => cluster.dispose());
		const server = cluster.servers[0];
		if (!server) throw new Error("no server");
		expect((await fetch(`${server.url}/api/auth/ok`)).status).toBe(200);
		const slow = fetch(`${server.url}/slow?ms=1000`, { signal: AbortSignal.timeout(10_000) });
		await Bun.sleep(250);
		server.proc.kill("SIGTERM");
		const response = await slow;
		expect(response.status).toBe(200);
		expect(await response.text()).toBe("slow done");
		const code = await Promise.race([server.exited, Bun.sleep(8000).then(() => "still running")]);
		expect(code).toBe(0);
	}, 30_000);
});
