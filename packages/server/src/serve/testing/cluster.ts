import postgres from "postgres";
import { generateRandomString } from "../../crypto/random.ts";
import { withSecondaryStorage } from "../../secondary-storage/cached-storage.ts";
import { createRedisStorage } from "../../secondary-storage/redis-storage.ts";
import { deleteTestKeys, TEST_REDIS_URL, testKeyPrefix } from "../../secondary-storage/test-redis.ts";
import { createPgStorage } from "../../storage/pg.ts";
import type { Storage } from "../../storage/storage.ts";
import { TEST_PG_URL } from "../../testing/databases.ts";
import { startServerProcess } from "./processes.ts";
import type { ServerProcess } from "./processes.ts";
import { startTcpProxy } from "./tcp-proxy.ts";
import type { TcpProxy } from "./tcp-proxy.ts";

/** Several server processes on one fresh PostgreSQL schema and one Redis key prefix, each reached through a cuttable proxy. */
export interface Cluster {
	servers: ServerProcess[];
	/** Between the servers and PostgreSQL. */
	pgProxy: TcpProxy;
	/** Between the servers and Redis. */
	redisProxy: TcpProxy;
	/** Direct storage on the same schema and cache (what a further process would see). */
	storage: Storage;
	/** Kills the servers, stops the proxies, drops the schema and deletes the keys. */
	dispose(): Promise<void>;
}

function portOf(url: string, fallback: number): { host: string; port: number } {
	const parsed = new URL(url);
	return { host: parsed.hostname, port: Number(parsed.port || fallback) };
}

/**
 * Starts `count` fixture servers sharing PostgreSQL (schema `lk_test_…`, migrated here) and
 * Redis (prefix `latchkey-test:…:`). Everything is torn down by `dispose`, also when a
 * server fails to start.
 */
export async function startCluster(count: number, env: Record<string, string> = {}): Promise<Cluster> {
	const schema = `lk_test_${generateRandomString(12, "abcdefghijklmnopqrstuvwxyz0123456789")}`;
	const prefix = testKeyPrefix();
	const pg = portOf(TEST_PG_URL, 5432);
	const redis = portOf(TEST_REDIS_URL, 6379);
	const pgProxy = await startTcpProxy(pg.port, pg.host);
	const redisProxy = await startTcpProxy(redis.port, redis.host);
	const direct = createPgStorage({ url: TEST_PG_URL, schema, poolSize: 2 });
	const secondary = createRedisStorage({ url: TEST_REDIS_URL, keyPrefix: prefix });
	const storage = withSecondaryStorage(direct, secondary);
	const servers: ServerProcess[] = [];
	const dispose = async () => {
		await Promise.all(servers.map((s) => s.kill()));
		pgProxy.stop();
		redisProxy.stop();
		await storage.close();
		const sql = postgres(TEST_PG_URL, { max: 1, onnotice: () => {} });
		await sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
		await sql.end({ timeout: 1 });
		await deleteTestKeys(prefix);
	};
	try {
		await storage.migrate();
		const pgUrl = new URL(TEST_PG_URL);
		pgUrl.hostname = "127.0.0.1";
		pgUrl.port = String(pgProxy.port);
		const serverEnv = {
			DATABASE_URL: pgUrl.toString(),
			LATCHKEY_PG_SCHEMA: schema,
			REDIS_URL: `redis://127.0.0.1:${redisProxy.port}`,
			LATCHKEY_REDIS_PREFIX: prefix,
			...env,
		};
		for (let i = 0; i < count; i++) servers.push(await startServerProcess(serverEnv));
	} catch (error) {
		await dispose();
		throw error;
	}
	return { servers, pgProxy, redisProxy, storage, dispose };
}
