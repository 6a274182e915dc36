import type { LatchkeyOptions } from "../context/options.ts";
import { createLatchkey } from "../latchkey.ts";
import type { Latchkey } from "../latchkey.ts";
import { username } from "../plugins/username/index.ts";
import type { ModelName } from "../storage/rows.ts";
import { cmp } from "../storage/storage.ts";
import { CookieJar } from "./cookie-jar.ts";
import { createTestStorage } from "./databases.ts";
import type { Dialect } from "./databases.ts";
import { fastTestHasher } from "./fast-hasher.ts";

/** Base URL of test instances. */
export const TEST_ORIGIN = "http://localhost:3000";
/** A secret for tests (never a real one). */
export const TEST_SECRET = "test-secret-that-is-at-least-32-characters-long";

const open = new Set<() => Promise<void>>();

/** Closes every instance made by `getTestInstance` (called after each test file). */
export async function disposeTestInstances(): Promise<void> {
	const all = [...open];
	open.clear();
	await Promise.all(all.map((dispose) => dispose()));
}

/** A client bound to one cookie jar: `request(path, init)` against the instance in process. */
export interface TestClient {
	jar: CookieJar;
	request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

/** What `getTestInstance` returns. */
export interface TestInstance<O extends LatchkeyOptions> {
	auth: Latchkey<O>;
	dialect: Dialect;
	/** A new cookie-jar client (Origin: the test origin; socket IP 127.0.0.1). */
	client(options?: { ip?: string; headers?: Record<string, string> }): TestClient;
	/** Signs up a user through HTTP and returns a client holding its session. */
	signUp(input?: { email?: string; password?: string; name?: string; username?: string }): Promise<{ client: TestClient; body: { token: string; user: { id: string; email: string } } }>;
	/** Row counts (core tables always, plugin tables when not empty), to prove a refused request changed nothing. */
	snapshot(): Promise<Record<string, number>>;
}

let counter = 0;

/** Core tables: always in a snapshot. Rate-limit counters are left out (refused requests bump them). */
const CORE_MODELS = ["user", "session", "account", "verification"] as const satisfies readonly ModelName[];
/** Plugin tables: in a snapshot only when they hold rows, so core suites stay unaware of them. */
const PLUGIN_MODELS = [
	"twoFactor",
	"organization",
	"member",
	"invitation",
	"team",
	"teamMember",
	"organizationRole",
	"apikey",
	"passkey",
] as const satisfies readonly ModelName[];

/**
 * A migrated instance on fresh storage with email/password and username enabled, a fast
 * test hasher and rate limiting off (tests of the limiter turn it on themselves).
 */
export async function getTestInstance<O extends Partial<LatchkeyOptions>>(dialect: Dialect, overrides?: O): Promise<TestInstance<LatchkeyOptions>> {
	const { storage, dispose } = await createTestStorage(dialect);
	const options: LatchkeyOptions = {
		baseURL: TEST_ORIGIN,
		secret: TEST_SECRET,
		database: storage,
		emailAndPassword: { enabled: true, password: fastTestHasher, ...overrides?.emailAndPassword },
		rateLimit: { enabled: false, ...overrides?.rateLimit },
		plugins: [username()],
		...overrides,
	};
	if (overrides?.emailAndPassword) options.emailAndPassword = { enabled: true, password: fastTestHasher, ...overrides.emailAndPassword };
	if (overrides?.rateLimit) options.rateLimit = { enabled: false, ...overrides.rateLimit };
	const auth = createLatchkey(options);
	open.add(dispose);

	const client: TestInstance<LatchkeyOptions>["client"] = (clientOptions = {}) => {
		const jar = new CookieJar();
		const fetchFn = jar.wrap((request) => auth.handler(request, { ip: clientOptions.ip ?? "127.0.0.1" }), {
			origin: TEST_ORIGIN,
			...clientOptions.headers,
		});
		return {
			jar,
			request(path, init = {}) {
				const { json, ...rest } = init;
				const headers = new Headers(rest.headers);
				if (json !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
				return fetchFn(`${TEST_ORIGIN}/api/auth${path}`, {
					...rest,
					method: rest.method ?? (json === undefined ? "GET" : "POST"),
					headers,
					body: json === undefined ? rest.body : JSON.stringify(json),
				});
			},
		};
	};

	return {
		auth,
		dialect,
		client,
		async signUp(input = {}) {
			const c = client();
			counter++;
			const response = await c.request("/sign-up/email", {
				json: {
					name: input.name ?? "Test User",
					email: input.email ?? `user${counter}-${Date.now()}@example.com`,
					password: input.password ?? "password1234",
					...(input.username ? { username: input.username } : {}),
				},
			});
			if (response.status !== 200) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
			return { client: c, body: await response.json() };
		},
		async snapshot() {
			const out: Record<string, number> = {};
			for (const model of CORE_MODELS) out[model] = await storage.count(model, { id: cmp.ne("") });
			for (const model of PLUGIN_MODELS) {
				const n = await storage.count(model, { id: cmp.ne("") });
				if (n > 0) out[model] = n;
			}
			return out;
		},
	};
}
