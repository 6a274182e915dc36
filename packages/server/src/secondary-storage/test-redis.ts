import { RedisClient } from "bun";
import { generateRandomString } from "../crypto/random.ts";
import { createRedisStorage } from "./redis-storage.ts";
import type { SecondaryStorage } from "./secondary-storage.ts";

/** Redis used by tests: `LATCHKEY_TEST_REDIS`, else the local server. */
export const TEST_REDIS_URL = process.env.LATCHKEY_TEST_REDIS ?? "redis://127.0.0.1:6379";

let redisReachable: Promise<boolean> | undefined;

/**
 * Whether Redis answers. With `CI=true` an unreachable Redis is an error (the suites must
 * run there, not skip); elsewhere the Redis suites are left out with a visible warning.
 */
export function isRedisAvailable(): Promise<boolean> {
	redisReachable ??= (async () => {
		const client = new RedisClient(TEST_REDIS_URL, { connectionTimeout: 2000, autoReconnect: false });
		try {
			await client.connect();
			await client.send("PING", []);
			return true;
		} catch (error) {
			if (process.env.CI === "true") throw new Error(`Redis is required when CI=true but ${TEST_REDIS_URL} is unreachable: ${String(error)}`);
			console.warn(`\n[latchkey tests] Redis at ${TEST_REDIS_URL} is unreachable: Redis suites are NOT running.\n`);
			return false;
		} finally {
			client.close();
		}
	})();
	return redisReachable;
}

/** A unique key prefix for one test; {@link deleteTestKeys} removes everything under it. */
export function testKeyPrefix(): string {
	return `latchkey-test:${generateRandomString(12, "abcdefghijklmnopqrstuvwxyz0123456789")}:`;
}

/** Deletes every key under `prefix` (SCAN, never KEYS: the server is shared). */
export async function deleteTestKeys(prefix: string): Promise<void> {
	const client = new RedisClient(TEST_REDIS_URL, { autoReconnect: false });
	try {
		await client.connect();
		let cursor = "0";
		do {
			const [next, keys] = (await client.send("SCAN", [cursor, "MATCH", `${prefix}*`, "COUNT", "500"])) as [string, string[]];
			cursor = next;
			if (keys.length > 0) await client.send("DEL", keys);
		} while (cursor !== "0");
	} finally {
		client.close();
	}
}

/** A Redis secondary storage under a fresh key prefix, and its cleanup. */
export function createTestRedis(): { storage: SecondaryStorage & { close(): Promise<void> }; prefix: string; dispose(): Promise<void> } {
	const prefix = testKeyPrefix();
	const storage = createRedisStorage({ url: TEST_REDIS_URL, keyPrefix: prefix });
	return {
		storage,
		prefix,
		async dispose() {
			await storage.close();
			await deleteTestKeys(prefix);
		},
	};
}
