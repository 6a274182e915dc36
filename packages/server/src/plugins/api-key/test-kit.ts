import type { LatchkeyOptions } from "../../context/options.ts";
import type { Api } from "../../endpoint/api.ts";
import type { ApiKeyRow } from "../../storage/rows.ts";
import { getTestInstance } from "../../testing/index.ts";
import type { Dialect, TestClient, TestInstance } from "../../testing/index.ts";
import { username } from "../username/index.ts";
import { apiKey } from "./index.ts";
import type { ApiKeyOptions } from "./index.ts";

/** A signed-in test user. */
export interface Owner {
	client: TestClient;
	id: string;
}

/** A clock the instance reads through `options.now`; starts at the real time. */
export interface TestClock {
	ms: number;
	advance(ms: number): void;
}

/** What {@link apiKeyTestInstance} returns. */
export interface ApiKeyTestInstance {
	t: TestInstance<LatchkeyOptions>;
	/** `auth.api` with the API-key functions typed. */
	api: Api<ReturnType<typeof apiKey>["endpoints"]>;
	clock: TestClock;
	/** A signed-in user. */
	owner: Owner;
	signUp(): Promise<Owner>;
	/** `POST /api-key/create` as `who`; returns status and JSON body. */
	create(who: Owner, body?: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> & { id: string; key: string } }>;
	/** The stored row. */
	row(id: string): Promise<ApiKeyRow | null>;
	/** A request to `path` carrying `x-api-key: key` and no cookie. */
	withKey(key: string, path: string, init?: RequestInit & { json?: unknown; header?: string }): Promise<Response>;
}

/** An instance with `username()` and `apiKey(options)`, a controllable clock and one signed-in user. */
export async function apiKeyTestInstance(dialect: Dialect, options: ApiKeyOptions = {}, overrides: Partial<LatchkeyOptions> = {}): Promise<ApiKeyTestInstance> {
	const clock: TestClock = {
		ms: Date.now(),
		advance(ms) {
			clock.ms += ms;
		},
	};
	const t = await getTestInstance(dialect, { plugins: [username(), apiKey(options)], now: () => new Date(clock.ms), ...overrides });
	const signUp = async (): Promise<Owner> => {
		const { client, body } = await t.signUp();
		return { client, id: body.user.id };
	};
	return {
		t,
		// Sound: the instance was built with apiKey(), so its api holds one function per API-key endpoint.
		api: t.auth.api as unknown as ApiKeyTestInstance["api"],
		clock,
		owner: await signUp(),
		signUp,
		async create(who, body = {}) {
			const response = await who.client.request("/api-key/create", { json: body });
			return { status: response.status, body: await response.json() };
		},
		row: (id) => t.auth.$context.storage.findOne("apikey", { id }),
		withKey(key, path, init = {}) {
			const { header = "x-api-key", ...rest } = init;
			const headers = new Headers(rest.headers);
			headers.set(header, key);
			return t.client().request(path, { ...rest, headers });
		},
	};
}
