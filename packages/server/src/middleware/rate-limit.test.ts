/**
 * The rate limiter (spec/core.md §6.4; SECURITY.md rules 1, 5 and 15).
 *
 * Credential stuffing and password guessing need many requests; the limiter makes them
 * slow. An attacker tries to get around it by picking a fresh bucket per request (a forged
 * `X-Forwarded-For`), by racing many requests in parallel so that a check-then-increment
 * lets them all through, by probing unknown paths for free, or by filling the limiter's
 * memory with keys until the process falls over. Each of those is tested here.
 */
import { describe, expect, test } from "bun:test";
import { afterEach } from "bun:test";
import { createLatchkey } from "../latchkey.ts";
import { createMemorySecondaryStorage } from "../secondary-storage/memory-storage.ts";
import type { SecondaryStorage } from "../secondary-storage/secondary-storage.ts";
import { createTestRedis, isRedisAvailable } from "../secondary-storage/test-redis.ts";
import { createTestStorage, fastTestHasher, getTestInstance as getLimitedInstance, TEST_ORIGIN, TEST_SECRET, testDialects } from "../testing/index.ts";
import type { Dialect, TestInstance } from "../testing/index.ts";
import type { LatchkeyOptions } from "../context/options.ts";
import { decide, DEFAULT_RULES, MemoryRateLimitStorage, ruleFor } from "./rate-limit.ts";

/** Every built-in store runs the same suite; the shared ones also across two instances. */
type StoreKind = "memory" | "database" | "secondary-storage";
const STORE_KINDS: StoreKind[] = ["memory", "database", "secondary-storage"];
const useRedis = await isRedisAvailable();
const redisCleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
	await Promise.all(redisCleanups.splice(0).map((d) => d()));
});

/** The secondary storage of a test: real Redis under a fresh prefix when reachable (required under CI). */
function secondaryFor(): SecondaryStorage {
	if (!useRedis) return createMemorySecondaryStorage();
	const redis = createTestRedis();
	redisCleanups.push(redis.dispose);
	return redis.storage;
}

/** Adds the store under test to a test's options. */
function withStore<O extends Partial<LatchkeyOptions>>(kind: StoreKind, overrides: O): O {
	const rateLimit = { ...overrides.rateLimit, storage: kind };
	if (kind !== "secondary-storage") return { ...overrides, rateLimit };
	// Redis expires keys on its own clock: a test on a manual clock gets an in-memory store on that clock.
	const clock = overrides.now;
	return { ...overrides, rateLimit, secondaryStorage: clock ? createMemorySecondaryStorage(() => clock().getTime()) : secondaryFor() };
}

// Close every instance after each test: the shared preload only disposes them at the very
// end of the run, and PostgreSQL allows 100 connections.

const TOO_MANY = { message: "Too many requests. Please try again later." };
const START = Date.parse("2030-01-01T00:00:00.000Z");

function manualClock(): { now: () => Date; advance: (seconds: number) => void } {
	let ms = START;
	return { now: () => new Date(ms), advance: (seconds) => void (ms += seconds * 1000) };
}

type Instance = TestInstance<LatchkeyOptions>;

function signIn(t: Instance, ip = "127.0.0.1", headers: Record<string, string> = {}): Promise<Response> {
	return t.auth.handler(
		new Request(`${TEST_ORIGIN}/api/auth/sign-in/email`, {
			method: "POST",
			headers: { "content-type": "application/json", ...headers },
			body: JSON.stringify({ email: "nobody@example.com", password: "password1234" }),
		}),
		{ ip },
	);
}

function get(t: Instance, path: string, ip = "127.0.0.1"): Promise<Response> {
	return t.auth.handler(new Request(`${TEST_ORIGIN}/api/auth${path}`), { ip });
}

async function statuses(responses: Promise<Response>[]): Promise<number[]> {
	return (await Promise.all(responses)).map((r) => r.status);
}

for (const dialect of await testDialects())
for (const kind of STORE_KINDS) {
	const getTestInstance = <O extends Partial<LatchkeyOptions>>(d: Dialect, overrides: O) => getLimitedInstance(d, withStore(kind, overrides));
	describe(`rate limit over HTTP [${dialect}, ${kind}]`, () => {
		test("the 4th sign-in within 10 s is refused with 429, X-Retry-After and a JSON body without code", async () => {
			const clock = manualClock();
			const t = await getTestInstance(dialect, { now: clock.now, rateLimit: { enabled: true } });
			for (let i = 0; i < 3; i++) expect((await signIn(t)).status).toBe(401);
			clock.advance(4);
			const res = await signIn(t);
			expect(res.status).toBe(429);
			expect(res.statusText).toBe("Too Many Requests");
			expect(res.headers.get("content-type")).toBe("application/json");
			expect(res.headers.get("x-retry-after")).toBe("6");
			expect(await res.json()).toEqual(TOO_MANY);
			expect(res.headers.getSetCookie()).toEqual([]);
			// Refusals do not extend the window: 10 s after the last counted request it reopens.
			clock.advance(5.999);
			expect((await signIn(t)).status).toBe(429);
			clock.advance(0.001);
			expect((await signIn(t)).status).toBe(401);
		});

		test("parallel requests cannot squeeze past the limit", async () => {
			const t = await getTestInstance(dialect, { rateLimit: { enabled: true } });
			const results = await statuses(Array.from({ length: 20 }, () => signIn(t)));
			expect(results.filter((s) => s === 401)).toHaveLength(3);
			expect(results.filter((s) => s === 429)).toHaveLength(17);
		});

		if (kind !== "memory") {
			test("two instances sharing the store: 40 parallel sign-ins across both, exactly 3 pass", async () => {
				const { storage, dispose } = await createTestStorage(dialect);
				redisCleanups.push(dispose);
				const options = withStore(kind, {
					baseURL: TEST_ORIGIN,
					secret: TEST_SECRET,
					database: storage,
					emailAndPassword: { enabled: true, password: fastTestHasher },
					rateLimit: { enabled: true },
				});
				const a = createLatchkey(options);
				const b = createLatchkey(options);
				const results = await statuses(
					Array.from({ length: 40 }, (_, i) =>
						(i % 2 === 0 ? a : b).handler(
							new Request(`${TEST_ORIGIN}/api/auth/sign-in/email`, {
								method: "POST",
								headers: { "content-type": "application/json" },
								body: JSON.stringify({ email: "nobody@example.com", password: "password1234" }),
							}),
							{ ip: "127.0.0.1" },
						),
					),
				);
				expect(results.filter((s) => s === 401)).toHaveLength(3);
				expect(results.filter((s) => s === 429)).toHaveLength(37);
			});
		}

		test("separate IPs and separate paths have separate buckets", async () => {
			const t = await getTestInstance(dialect, { rateLimit: { enabled: true } });
			for (let i = 0; i < 3; i++) await signIn(t, "10.0.0.1");
			expect((await signIn(t, "10.0.0.1")).status).toBe(429);
			expect((await signIn(t, "10.0.0.2")).status).toBe(401);
			const up = await t.auth.handler(new Request(`${TEST_ORIGIN}/api/auth/sign-up/email`, { method: "POST" }), { ip: "10.0.0.1" });
			expect(up.status).toBe(400);
			expect((await get(t, "/get-session", "10.0.0.1")).status).toBe(200);
		});

		test("404 paths count, before routing", async () => {
			const t = await getTestInstance(dialect, { rateLimit: { enabled: true, max: 2 } });
			expect((await get(t, "/no-such-route")).status).toBe(404);
			expect((await get(t, "/no-such-route")).status).toBe(404);
			const res = await get(t, "/no-such-route");
			expect(res.status).toBe(429);
			expect(await res.json()).toEqual(TOO_MANY);
			// Another path still has its own budget.
			expect((await get(t, "/get-session")).status).toBe(200);
		});

		test("custom rules: `false` disables, a tighter rule applies, the fallback is configurable", async () => {
			const t = await getTestInstance(dialect, {
				rateLimit: { enabled: true, window: 30, max: 5, customRules: { "/sign-in/email": false, "/get-session": { window: 60, max: 1 } } },
			});
			expect(await statuses(Array.from({ length: 10 }, () => signIn(t)))).toEqual(Array(10).fill(401));
			expect((await get(t, "/get-session")).status).toBe(200);
			const limited = await get(t, "/get-session");
			expect(limited.status).toBe(429);
			expect(Number(limited.headers.get("x-retry-after"))).toBeGreaterThan(58);
			for (let i = 0; i < 5; i++) expect((await get(t, "/ok")).status).toBe(200);
			const fallback = await get(t, "/ok");
			expect(fallback.status).toBe(429);
			expect(Number(fallback.headers.get("x-retry-after"))).toBeGreaterThan(28);
		});

		test("X-Forwarded-For is ignored unless ipAddressHeaders is configured", async () => {
			const t = await getTestInstance(dialect, { rateLimit: { enabled: true } });
			for (let i = 0; i < 3; i++) await signIn(t, "127.0.0.1", { "x-forwarded-for": `203.0.113.${i}` });
			expect((await signIn(t, "127.0.0.1", { "x-forwarded-for": "203.0.113.99" })).status).toBe(429);
			expect((await signIn(t, "127.0.0.1", { "x-real-ip": "203.0.113.98" })).status).toBe(429);
		});

		test("with ipAddressHeaders the right-most value is used; spoofed left-most values do not help", async () => {
			const t = await getTestInstance(dialect, { rateLimit: { enabled: true }, advanced: { ipAddress: { ipAddressHeaders: ["x-forwarded-for"] } } });
			for (let i = 0; i < 3; i++) await signIn(t, "10.9.9.9", { "x-forwarded-for": `1.1.1.${i}, 198.51.100.7` });
			expect((await signIn(t, "10.9.9.9", { "x-forwarded-for": "5.5.5.5, 198.51.100.7" })).status).toBe(429);
			expect((await signIn(t, "10.9.9.9", { "x-forwarded-for": "198.51.100.7, 198.51.100.8" })).status).toBe(401);
			// Without the header, the socket address is the key.
			expect((await signIn(t, "10.9.9.9")).status).toBe(401);
		});

		test("IPv6 clients share a bucket per /64, IPv4-mapped addresses count as IPv4", async () => {
			const t = await getTestInstance(dialect, { rateLimit: { enabled: true } });
			await signIn(t, "2001:db8:1:2::1");
			await signIn(t, "2001:db8:1:2:ffff::2");
			await signIn(t, "2001:db8:1:2:abcd:1:2:3");
			expect((await signIn(t, "2001:db8:1:2::9")).status).toBe(429);
			expect((await signIn(t, "2001:db8:1:3::1")).status).toBe(401);
			for (let i = 0; i < 3; i++) await signIn(t, "192.0.2.1");
			expect((await signIn(t, "::ffff:192.0.2.1")).status).toBe(429);
		});

		test("disabled: no limit at all", async () => {
			const t = await getTestInstance(dialect, { rateLimit: { enabled: false } });
			expect(await statuses(Array.from({ length: 10 }, () => signIn(t)))).toEqual(Array(10).fill(401));
		});

		test("the session records the client IP as configured", async () => {
			const t = await getTestInstance(dialect, { advanced: { ipAddress: { ipAddressHeaders: ["x-client-ip"] } } });
			const res = await t.auth.handler(
				new Request(`${TEST_ORIGIN}/api/auth/sign-up/email`, {
					method: "POST",
					headers: { "content-type": "application/json", "x-client-ip": "198.51.100.20", "x-forwarded-for": "6.6.6.6" },
					body: JSON.stringify({ name: "Ip", email: "ip@example.com", password: "password1234" }),
				}),
				{ ip: "10.0.0.1" },
			);
			const { token } = await res.json();
			const row = await t.auth.$context.storage.findOne("session", { token });
			expect(row?.ipAddress).toBe("198.51.100.20");
		});
	});
}

describe("decide", () => {
	const rule = { window: 10, max: 3 };

	test("counts up to max inside the window, then refuses with the seconds left", () => {
		let state = decide(undefined, rule, 0);
		expect(state).toEqual({ next: { count: 1, lastRequest: 0 }, decision: { allowed: true, retryAfter: 0 } });
		state = decide(state.next ?? undefined, rule, 1000);
		expect(state.next).toEqual({ count: 2, lastRequest: 1000 });
		state = decide(state.next ?? undefined, rule, 2000);
		expect(state.next).toEqual({ count: 3, lastRequest: 2000 });
		const refused = decide({ count: 3, lastRequest: 2000 }, rule, 2500);
		expect(refused).toEqual({ next: null, decision: { allowed: false, retryAfter: 10 } });
		expect(decide({ count: 3, lastRequest: 2000 }, rule, 11_001).decision.retryAfter).toBe(1);
		expect(decide({ count: 3, lastRequest: 2000 }, rule, 11_999).decision.retryAfter).toBe(1);
	});

	test("a full window after the last counted request starts over", () => {
		expect(decide({ count: 3, lastRequest: 0 }, rule, 10_000)).toEqual({ next: { count: 1, lastRequest: 10_000 }, decision: { allowed: true, retryAfter: 0 } });
		expect(decide({ count: 3, lastRequest: 0 }, rule, 9_999).decision.allowed).toBe(false);
		expect(decide({ count: 99, lastRequest: 0 }, rule, 50_000).next).toEqual({ count: 1, lastRequest: 50_000 });
	});

	test("max 0 still lets the first request of a window through (as Better Auth)", () => {
		expect(decide(undefined, { window: 10, max: 0 }, 0).decision.allowed).toBe(true);
	});
});

describe("ruleFor", () => {
	const fallback = { window: 10, max: 100 };

	test("built-in rules: sign-in/up, change-* and verify-password are 3/10 s, mail routes 3/60 s", () => {
		expect(ruleFor("/sign-in/email", DEFAULT_RULES, fallback)).toEqual({ window: 10, max: 3 });
		expect(ruleFor("/sign-in/username", DEFAULT_RULES, fallback)).toEqual({ window: 10, max: 3 });
		expect(ruleFor("/sign-up/email", DEFAULT_RULES, fallback)).toEqual({ window: 10, max: 3 });
		expect(ruleFor("/change-password", DEFAULT_RULES, fallback)).toEqual({ window: 10, max: 3 });
		expect(ruleFor("/verify-password", DEFAULT_RULES, fallback)).toEqual({ window: 10, max: 3 });
		expect(ruleFor("/request-password-reset", DEFAULT_RULES, fallback)).toEqual({ window: 60, max: 3 });
		expect(ruleFor("/send-verification-email", DEFAULT_RULES, fallback)).toEqual({ window: 60, max: 3 });
		expect(ruleFor("/forget-password", DEFAULT_RULES, fallback)).toEqual({ window: 60, max: 3 });
		expect(ruleFor("/get-session", DEFAULT_RULES, fallback)).toBe(fallback);
		expect(ruleFor("/request-password-reset/x", DEFAULT_RULES, fallback)).toBe(fallback);
	});

	test("exact beats wildcard, the longest wildcard wins, false disables", () => {
		const rules = { "/a*": { window: 1, max: 1 }, "/a/b*": { window: 2, max: 2 }, "/a/b/c": false as const };
		expect(ruleFor("/a/x", rules, fallback)).toEqual({ window: 1, max: 1 });
		expect(ruleFor("/a/b/x", rules, fallback)).toEqual({ window: 2, max: 2 });
		expect(ruleFor("/a/b/c", rules, fallback)).toBe(false);
		expect(ruleFor("/b", rules, fallback)).toBe(fallback);
	});
});

describe("MemoryRateLimitStorage", () => {
	test("is bounded: past maxKeys the least recently counted key is dropped", () => {
		const store = new MemoryRateLimitStorage(3);
		const rule = { window: 60, max: 1 };
		expect(store.consume("a", rule, 0).allowed).toBe(true);
		expect(store.consume("a", rule, 1).allowed).toBe(false);
		store.consume("b", rule, 2);
		store.consume("c", rule, 3);
		// "a" is still held: three keys.
		expect(store.consume("a", rule, 4).allowed).toBe(false);
		store.consume("d", rule, 5);
		// A fourth key evicted the oldest ("a"), which starts over.
		expect(store.consume("a", rule, 6).allowed).toBe(true);
	});

	test("a flood of distinct keys keeps memory bounded", () => {
		const store = new MemoryRateLimitStorage(1000);
		const rule = { window: 60, max: 1 };
		for (let i = 0; i < 20_000; i++) store.consume(`ip-${i}|/x`, rule, i);
		// Sound: reading the private map size is the point of this test.
		expect((store as unknown as { entries: Map<string, unknown> }).entries.size).toBe(1000);
	});
});
