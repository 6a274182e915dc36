/**
 * One Latchkey server process for the scale-out tests and `bench/scale-out.ts`: PostgreSQL
 * (schema `LATCHKEY_PG_SCHEMA`, already migrated by the caller) and Redis (key prefix
 * `LATCHKEY_REDIS_PREFIX`) from the environment, served on 127.0.0.1 by `serve()` with
 * graceful shutdown. Prints `READY <port>` once listening.
 *
 * Extra route for the shutdown test: `GET /slow?ms=N` answers 200 after N milliseconds.
 * Rate limits: `/ok` allows `LATCHKEY_OK_LIMIT` requests per 60 s (default 5); session and
 * sign-in routes are unlimited so tests are not throttled by them (see `LATCHKEY_LOAD_LIMIT`).
 */
import { createLatchkey } from "../../latchkey.ts";
import { admin } from "../../plugins/admin/index.ts";
import { createRedisStorage } from "../../secondary-storage/redis-storage.ts";
import { createPgStorage } from "../../storage/pg.ts";
import { fastTestHasher } from "../../testing/fast-hasher.ts";
import { TEST_ORIGIN, TEST_SECRET } from "../../testing/test-instance.ts";
import { serve } from "../serve.ts";

const env = process.env;
const required = (name: string): string => {
	const value = env[name];
	if (!value) throw new Error(`fixture-server: ${name} is required`);
	return value;
};

/** `LATCHKEY_LOAD_LIMIT`: every route limited at this (high) number per window, for the load run. */
const loadLimit = env.LATCHKEY_LOAD_LIMIT ? Number(env.LATCHKEY_LOAD_LIMIT) : undefined;

const auth = createLatchkey({
	baseURL: TEST_ORIGIN,
	secret: TEST_SECRET,
	database: createPgStorage({ url: required("DATABASE_URL"), schema: required("LATCHKEY_PG_SCHEMA"), poolSize: 4, connectTimeoutSeconds: 2, queryTimeoutSeconds: 3 }),
	secondaryStorage: createRedisStorage({ url: required("REDIS_URL"), keyPrefix: required("LATCHKEY_REDIS_PREFIX"), commandTimeoutMs: 1000 }),
	emailAndPassword: { enabled: true, password: fastTestHasher },
	rateLimit: {
		enabled: true,
		// The load run counts every request in the shared limiter, under a limit it never reaches.
		...(loadLimit ? { max: loadLimit } : {}),
		customRules: {
			"/ok": { window: 60, max: Number(env.LATCHKEY_OK_LIMIT ?? 5) },
			...(loadLimit
				? { "/sign-in*": { window: 10, max: loadLimit }, "/sign-up*": { window: 10, max: loadLimit } }
				: { "/get-session": false, "/sign-in*": false, "/sign-up*": false, "/sign-out": false }),
		},
	},
	plugins: [admin()],
});

const { server } = serve(auth, {
	port: 0,
	hostname: "127.0.0.1",
	timeoutMs: 5000,
	async fetch(request, srv) {
		const url = new URL(request.url);
		if (url.pathname === "/slow") {
			await Bun.sleep(Number(url.searchParams.get("ms") ?? 1000));
			return new Response("slow done");
		}
		return auth.handler(request, { ip: srv.requestIP(request)?.address ?? null });
	},
});
console.log(`READY ${server.port}`);
