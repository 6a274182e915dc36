import { databaseDump, envelopeProblems } from "../fuzz/invariants.ts";
import { operationsOf } from "../fuzz/requests.ts";
import type { FuzzOperation, Schema } from "../fuzz/requests.ts";
import type { LatchkeyOptions } from "../context/options.ts";
import { TEST_ORIGIN } from "../testing/index.ts";
import type { Dialect } from "../testing/index.ts";
import { getAllPluginsInstance } from "./all-plugins.ts";
import type { AllPluginsInstance } from "./all-plugins.ts";

/** A signed-in person: id, email, cookie header and bearer token. */
export interface Person {
	id: string;
	email: string;
	password: string;
	cookie: string;
	token: string;
}

/** What an attack test works with. */
export interface AttackKit {
	t: AllPluginsInstance;
	doc: Schema;
	operations: FuzzOperation[];
	/** Signs a new person up (optionally as admin: role set in the store, as an operator would). */
	person(name: string, options?: { admin?: boolean; password?: string }): Promise<Person>;
	/** Sends a raw request under the base path; no default headers at all. */
	send(path: string, init?: { method?: string; headers?: Record<string, string>; json?: unknown; body?: string }): Promise<Response>;
	/** A serialisation of every table (rate-limit counters aside), to prove nothing changed. */
	state(): Promise<string>;
}

let people = 0;

/** An all-plugins instance with helpers to play attacker and victim. */
export async function attackKit(dialect: Dialect, overrides: Partial<LatchkeyOptions> = {}): Promise<AttackKit> {
	const t = await getAllPluginsInstance(dialect, overrides);
	const doc = (await t.auth.api.openAPIDocument()) as Schema; // Sound: the endpoint returns the document object.
	const base = `${overrides.baseURL ?? TEST_ORIGIN}/api/auth`;
	const send: AttackKit["send"] = (path, init = {}) => {
		const headers = new Headers(init.headers);
		if (init.json !== undefined && !headers.has("content-type")) headers.set("content-type", "application/json");
		const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
		return t.auth.handler(new Request(`${base}${path}`, { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body }), { ip: "127.0.0.1" });
	};
	return {
		t,
		doc,
		operations: operationsOf(doc),
		send,
		async person(name, options = {}) {
			const email = `${name}-${++people}@example.com`;
			const password = options.password ?? "password1234";
			const res = await send("/sign-up/email", { headers: { origin: overrides.baseURL ?? TEST_ORIGIN }, json: { name, email, password } });
			if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
			const body = (await res.json()) as { token: string | null; user: { id: string } };
			if (options.admin) await t.auth.$context.storage.update("user", { id: body.user.id }, { role: "admin" });
			const cookie = res.headers
				.getSetCookie()
				.map((line) => line.split(";")[0] ?? "")
				.join("; ");
			return { id: body.user.id, email, password, cookie, token: res.headers.get("set-auth-token") ?? body.token ?? "" };
		},
		async state() {
			return JSON.stringify(await databaseDump(t.auth.$context.storage));
		},
	};
}

/** Asserts-friendly summary of an error response: status, code, and envelope problems. */
export async function refusal(res: Response): Promise<{ status: number; code: string | null; envelope: string[] }> {
	const text = await res.text();
	if (text === "") return { status: res.status, code: null, envelope: [] };
	const envelope = envelopeProblems(text);
	if (envelope.length > 0) return { status: res.status, code: null, envelope };
	const parsed = JSON.parse(text) as { code?: string }; // Sound: envelopeProblems just parsed it as a JSON object.
	return { status: res.status, code: parsed.code ?? null, envelope };
}
