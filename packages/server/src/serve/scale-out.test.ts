/**
 * Scale-out with real components: two server PROCESSES share PostgreSQL and Redis (each
 * through a loopback proxy the test can cut). What one process writes, the other must
 * honour on its very next request: a revoked, banned or password-changed session must not
 * survive in the other process's view (or in Redis). A rate limit of N holds across both.
 * Outages are injected by cutting the proxies (the shared services are never touched) and
 * must answer 503 `{ code, message }`, then heal without a restart.
 *
 * Under CI=true an unreachable PostgreSQL or Redis fails this file instead of skipping it.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { isRedisAvailable } from "../secondary-storage/test-redis.ts";
import { isPgAvailable } from "../testing/index.ts";
import { startCluster } from "./testing/cluster.ts";
import type { Cluster } from "./testing/cluster.ts";

const available = (await isPgAvailable()) && (await isRedisAvailable());
const SERVICE_UNAVAILABLE = { code: "SERVICE_UNAVAILABLE", message: "The service is temporarily unavailable. Please try again." };

let cluster: Cluster;
let n = 0;

function call(server: number, path: string, options: { token?: string; json?: unknown } = {}): Promise<Response> {
	const target = cluster.servers[server];
	if (!target) throw new Error(`no server ${server}`);
	const headers: Record<string, string> = {};
	if (options.token) headers.authorization = `Bearer ${options.token}`;
	if (options.json !== undefined) headers["content-type"] = "application/json";
	return fetch(`${target.url}/api/auth${path}`, {
		method: options.json === undefined ? "GET" : "POST",
		headers,
		body: options.json === undefined ? undefined : JSON.stringify(options.json),
		signal: AbortSignal.timeout(10_000),
	});
}

async function signUp(server = 0): Promise<{ token: string; user: { id: string }; email: string }> {
	const email = `scale-${++n}-${Date.now()}@example.com`;
	const res = await call(server, "/sign-up/email", { json: { name: "Scale", email, password: "password1234" } });
	expect(res.status).toBe(200);
	return { ...((await res.json()) as { token: string; user: { id: string } }), email };
}

async function sessionOn(server: number, token: string): Promise<{ user: { id: string; name: string } } | null> {
	const res = await call(server, "/get-session", { token });
	expect(res.status).toBe(200);
	return (await res.json()) as { user: { id: string; name: string } } | null;
}

describe.if(available)("two server processes on PostgreSQL + Redis", () => {
	beforeAll(async () => {
		cluster = await startCluster(2, { LATCHKEY_OK_LIMIT: "7" });
	}, 60_000);
	afterAll(async () => {
		await cluster?.dispose();
	}, 30_000);

	test("a session created on A works on B", async () => {
		const { token, user } = await signUp(0);
		expect((await sessionOn(1, token))?.user.id).toBe(user.id);
		expect((await sessionOn(0, token))?.user.id).toBe(user.id);
	});

	test("revoked on B (sign-out), refused on A at once, though A had it cached", async () => {
		const { token } = await signUp(0);
		expect(await sessionOn(0, token)).not.toBeNull();
		expect(await sessionOn(0, token)).not.toBeNull();
		expect((await call(1, "/sign-out", { token, json: {} })).status).toBe(200);
		expect(await sessionOn(0, token)).toBeNull();
	});

	test("revoke-sessions on A refuses every session of the user on B", async () => {
		const { token, email } = await signUp(0);
		const signIn = await call(1, "/sign-in/email", { json: { email, password: "password1234" } });
		const other = ((await signIn.json()) as { token: string }).token;
		expect(await sessionOn(1, token)).not.toBeNull();
		expect(await sessionOn(1, other)).not.toBeNull();
		expect((await call(0, "/revoke-sessions", { token, json: {} })).status).toBe(200);
		expect(await sessionOn(1, token)).toBeNull();
		expect(await sessionOn(1, other)).toBeNull();
	});

	test("banned on A, refused on B", async () => {
		const adminUser = await signUp(0);
		const victim = await signUp(1);
		await cluster.storage.update("user", { id: adminUser.user.id }, { role: "admin" });
		expect(await sessionOn(1, victim.token)).not.toBeNull();
		const res = await call(0, "/admin/ban-user", { token: adminUser.token, json: { userId: victim.user.id } });
		expect(res.status).toBe(200);
		expect(await sessionOn(1, victim.token)).toBeNull();
		const signIn = await call(1, "/sign-in/email", { json: { email: victim.email, password: "password1234" } });
		expect(signIn.status).toBe(403);
	});

	test("password changed on B (revoking other sessions), the old session is refused on A", async () => {
		const { token, email } = await signUp(0);
		const signIn = await call(1, "/sign-in/email", { json: { email, password: "password1234" } });
		const second = ((await signIn.json()) as { token: string }).token;
		expect(await sessionOn(0, token)).not.toBeNull();
		const res = await call(1, "/change-password", { token: second, json: { currentPassword: "password1234", newPassword: "another-pass-987", revokeOtherSessions: true } });
		expect(res.status).toBe(200);
		expect(await sessionOn(0, token)).toBeNull();
	});

	test("update-user on A is visible on B's next read", async () => {
		const { token } = await signUp(0);
		expect((await sessionOn(1, token))?.user.name).toBe("Scale");
		expect((await call(0, "/update-user", { token, json: { name: "Renamed" } })).status).toBe(200);
		expect((await sessionOn(1, token))?.user.name).toBe("Renamed");
	});

	test("a rate limit of 7 per window holds across both processes: 40 parallel requests, exactly 7 pass", async () => {
		const results = await Promise.all(Array.from({ length: 40 }, (_, i) => call(i % 2, "/ok").then((r) => r.status)));
		expect(results.filter((s) => s === 200)).toHaveLength(7);
		expect(results.filter((s) => s === 429)).toHaveLength(33);
	});

	test("PostgreSQL outage: 503 SERVICE_UNAVAILABLE JSON, warm sessions still answered from Redis, healed without restart", async () => {
		const { token } = await signUp(0);
		expect(await sessionOn(1, token)).not.toBeNull();
		cluster.pgProxy.cut();
		try {
			const down = await call(0, "/sign-up/email", { json: { name: "X", email: `down-${Date.now()}@example.com`, password: "password1234" } });
			expect(down.status).toBe(503);
			expect(await down.json()).toEqual(SERVICE_UNAVAILABLE);
			const revoke = await call(1, "/sign-out", { token, json: {} });
			expect(revoke.status).toBe(503);
			// Cached in Redis and nothing could change it meanwhile: still answered.
			expect(await sessionOn(1, token)).not.toBeNull();
		} finally {
			cluster.pgProxy.restore();
		}
		const { token: after } = await signUp(0);
		expect(await sessionOn(1, after)).not.toBeNull();
		expect((await call(1, "/sign-out", { token, json: {} })).status).toBe(200);
		expect(await sessionOn(0, token)).toBeNull();
	}, 30_000);

	test("Redis outage: reads fall back to PostgreSQL, session writes answer 503 and change nothing, healed without restart", async () => {
		const { token } = await signUp(0);
		expect(await sessionOn(1, token)).not.toBeNull();
		cluster.redisProxy.cut();
		try {
			expect(await sessionOn(0, token)).not.toBeNull();
			const out = await call(1, "/sign-out", { token, json: {} });
			expect(out.status).toBe(503);
			expect(await out.json()).toEqual(SERVICE_UNAVAILABLE);
			// Sign-up writes no cached row: it keeps working.
			expect((await call(0, "/sign-up/email", { json: { name: "Y", email: `up-${Date.now()}@example.com`, password: "password1234" } })).status).toBe(200);
		} finally {
			cluster.redisProxy.restore();
		}
		expect(await sessionOn(1, token)).not.toBeNull();
		expect((await call(1, "/sign-out", { token, json: {} })).status).toBe(200);
		expect(await sessionOn(0, token)).toBeNull();
	}, 30_000);
});
