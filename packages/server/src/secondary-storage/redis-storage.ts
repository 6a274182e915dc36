import { RedisClient } from "bun";
import { ServiceUnavailableError } from "../storage/unavailable.ts";
import type { SecondaryIncrement, SecondaryStorage } from "./secondary-storage.ts";

/** Options of {@link createRedisStorage}. */
export interface RedisStorageOptions {
	/** `redis://[:password@]host:6379[/db]` or `rediss://…`. Default: `REDIS_URL`, else `redis://127.0.0.1:6379`. */
	url?: string;
	/** Prepended to every key, so several apps (or tests) can share one Redis. Default `"latchkey:"`. */
	keyPrefix?: string;
	/** Milliseconds a command (or a reconnect) may take before it fails as unavailable. Default 2000. */
	commandTimeoutMs?: number;
}

/**
 * INCR, and set the expiry when the key is new (or somehow lost its expiry), in one atomic
 * script: a crash between the two steps can never leave a counter that never resets.
 */
const INCREMENT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if n == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}`;

/**
 * A {@link SecondaryStorage} on Redis (or Valkey) through Bun's built-in `RedisClient`: no
 * extra dependency. Commands fail fast with {@link ServiceUnavailableError} while Redis is
 * unreachable (no offline queue: a request must not hang), and the next command after an
 * outage reconnects by itself.
 *
 * @example
 * const secondaryStorage = createRedisStorage({ url: process.env.REDIS_URL });
 * const auth = createLatchkey({ database: process.env.DATABASE_URL, secondaryStorage });
 */
export function createRedisStorage(options: RedisStorageOptions = {}): SecondaryStorage & { close(): Promise<void> } {
	const url = options.url ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
	const prefix = options.keyPrefix ?? "latchkey:";
	const timeoutMs = options.commandTimeoutMs ?? 2000;
	const client = new RedisClient(url, { enableOfflineQueue: false, connectionTimeout: timeoutMs, autoReconnect: true, maxRetries: 3 });
	let connecting: Promise<void> | undefined;
	let closed = false;

	const withTimeout = <T>(promise: Promise<T>): Promise<T> => {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new ServiceUnavailableError("redis: command timed out")), timeoutMs);
		});
		return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
	};

	/** Bun's client does not come back by itself once it gave up: connect again on demand. */
	const ready = (): Promise<void> => {
		if (closed) return Promise.reject(new ServiceUnavailableError("redis: storage closed"));
		if (client.connected) return Promise.resolve();
		connecting ??= withTimeout(client.connect()).finally(() => {
			connecting = undefined;
		});
		return connecting;
	};

	const run = async <T>(command: () => Promise<T>): Promise<T> => {
		try {
			await ready();
			return await withTimeout(command());
		} catch (error) {
			// Only the kind of failure travels on: never the key (it names a session) or the value.
			if (error instanceof ServiceUnavailableError) throw error;
			const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
			throw new ServiceUnavailableError(`redis: ${code || "command failed"}`);
		}
	};

	return {
		get: (key) => run(() => client.get(prefix + key)),
		async set(key, value, ttl) {
			await run(() => (ttl && ttl > 0 ? client.send("SET", [prefix + key, value, "PX", String(Math.ceil(ttl * 1000))]) : client.set(prefix + key, value)));
		},
		async delete(key) {
			await run(() => client.del(prefix + key));
		},
		async increment(key, ttlSeconds): Promise<SecondaryIncrement> {
			const windowMs = String(Math.max(1, Math.ceil(ttlSeconds * 1000)));
			const reply: unknown = await run(() => client.send("EVAL", [INCREMENT_SCRIPT, "1", prefix + key, windowMs]));
			if (!Array.isArray(reply)) throw new ServiceUnavailableError("redis: unexpected reply to increment");
			return { count: Number(reply[0]), expiresInMs: Number(reply[1]) };
		},
		async close() {
			closed = true;
			client.close();
		},
	};
}
