/**
 * The Redis secondary storage against a real Redis (unique key prefix per test, removed
 * afterwards). Under CI=true an unreachable Redis fails the run instead of skipping.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { RedisClient } from "bun";
import { startTcpProxy } from "../serve/testing/tcp-proxy.ts";
import { isServiceUnavailable } from "../storage/unavailable.ts";
import { createRedisStorage } from "./redis-storage.ts";
import { createTestRedis, deleteTestKeys, isRedisAvailable, TEST_REDIS_URL, testKeyPrefix } from "./test-redis.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function open() {
	const redis = createTestRedis();
	cleanups.push(redis.dispose);
	return redis;
}

describe.if(await isRedisAvailable())("createRedisStorage (real Redis)", () => {
	test("get / set / delete, under the key prefix", async () => {
		const { storage, prefix } = open();
		expect(await storage.get("a")).toBeNull();
		await storage.set("a", "1");
		expect(await storage.get("a")).toBe("1");
		const raw = new RedisClient(TEST_REDIS_URL);
		cleanups.push(() => raw.close());
		expect(await raw.get(`${prefix}a`)).toBe("1");
		await storage.delete("a");
		expect(await storage.get("a")).toBeNull();
		await storage.delete("never-there");
	});

	test("set with a TTL in seconds expires the key", async () => {
		const { storage, prefix } = open();
		await storage.set("t", "x", 60);
		const raw = new RedisClient(TEST_REDIS_URL);
		cleanups.push(() => raw.close());
		const ttl = await raw.pttl(`${prefix}t`);
		expect(ttl).toBeGreaterThan(58_000);
		expect(ttl).toBeLessThanOrEqual(60_000);
		await storage.set("forever", "y");
		expect(await raw.pttl(`${prefix}forever`)).toBe(-1);
	});

	test("increment is atomic: 200 parallel increments give 1..200 exactly once, and the first sets the expiry", async () => {
		const { storage, prefix } = open();
		const increment = storage.increment;
		if (!increment) throw new Error("createRedisStorage must implement increment");
		const results = await Promise.all(Array.from({ length: 200 }, () => increment("n", 30)));
		expect(results.map((r) => r.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
		for (const r of results) expect(r.expiresInMs).toBeGreaterThan(25_000);
		const raw = new RedisClient(TEST_REDIS_URL);
		cleanups.push(() => raw.close());
		expect(await raw.pttl(`${prefix}n`)).toBeGreaterThan(25_000);
		// A counter that lost its expiry gets one back instead of living forever.
		await raw.set(`${prefix}n`, "5");
		expect(await increment("n", 30)).toMatchObject({ count: 6 });
		expect(await raw.pttl(`${prefix}n`)).toBeGreaterThan(25_000);
	});

	test("an outage fails fast with a ServiceUnavailableError, and the next call after it reconnects", async () => {
		const proxy = await startTcpProxy(Number(new URL(TEST_REDIS_URL).port || 6379), new URL(TEST_REDIS_URL).hostname);
		cleanups.push(() => proxy.stop());
		const prefix = testKeyPrefix();
		cleanups.push(() => deleteTestKeys(prefix));
		const storage = createRedisStorage({ url: `redis://127.0.0.1:${proxy.port}`, keyPrefix: prefix, commandTimeoutMs: 1000 });
		cleanups.push(() => storage.close());
		await storage.set("k", "v");
		proxy.cut();
		const failures = await Promise.all([0, 1, 2].map(() => Promise.resolve(storage.get("k")).then(() => null, (e: unknown) => e)));
		for (const failure of failures) expect(isServiceUnavailable(failure)).toBe(true);
		// The error names the failure kind only, never the key.
		for (const failure of failures) expect(String(failure)).not.toContain("k\"");
		proxy.restore();
		expect(await storage.get("k")).toBe("v");
	});
});
