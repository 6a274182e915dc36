import * as fc from "fast-check";
import type { AllPluginsInstance } from "../security/all-plugins.ts";
import { TEST_ORIGIN } from "../testing/index.ts";
import { databaseDump, responseProblems } from "./invariants.ts";
import { operationsOf, requestFor } from "./requests.ts";
import type { Credential, FuzzOperation, FuzzRequest, Schema } from "./requests.ts";

/** Bounds of one fuzz pass. */
export interface FuzzSettings {
	/** Generated requests per route. */
	runs: number;
	seed: number;
}

/**
 * CI defaults, overridable by `FUZZ_RUNS` / `FUZZ_SEED` (`bun run fuzz` sets a long run).
 * PostgreSQL gets a fifth of the runs: the point there is dialect differences (NUL, lone
 * surrogates, JSON columns, LIKE escaping), which show up in few requests.
 */
export function fuzzSettings(dialect: "sqlite" | "pg"): FuzzSettings {
	const runs = Number(process.env.FUZZ_RUNS ?? "40");
	const seed = Number(process.env.FUZZ_SEED ?? "20261124");
	return { runs: dialect === "pg" ? Math.max(2, Math.ceil(runs / 5)) : runs, seed };
}

/**
 * Routes another engineer is building right now (social sign-in). They are excluded from
 * the fuzz pass until integration; remove this list then.
 */
export const IN_PROGRESS_PATHS: ReadonlySet<string> = new Set([]);

/** A signed-in identity: its cookie header and bearer token. */
interface Identity {
	email: string;
	cookie: string;
	token: string;
}

const PASSWORD = "password1234";

/**
 * Drives an all-plugins instance with generated hostile requests: one fast-check property
 * per route, every request checked by `responseProblems`, and every refused request (4xx)
 * checked to leave the database byte-for-byte unchanged.
 */
export class RouteFuzzer {
	private user: Identity | undefined;
	private admin: Identity | undefined;
	private userDirty = true;
	private counter = 0;
	readonly sent = { total: 0, byStatus: new Map<number, number>() };

	constructor(
		private readonly t: AllPluginsInstance,
		readonly doc: Schema,
	) {}

	static async create(t: AllPluginsInstance): Promise<RouteFuzzer> {
		const doc = (await t.auth.api.openAPIDocument()) as Schema; // Sound: the endpoint returns the JSON document object.
		return new RouteFuzzer(t, doc);
	}

	operations(): FuzzOperation[] {
		return operationsOf(this.doc).filter((op) => !IN_PROGRESS_PATHS.has(op.path));
	}

	private async signUp(): Promise<Identity> {
		const email = `fuzz${++this.counter}-${Date.now()}@example.com`;
		const res = await this.t.auth.handler(
			new Request(`${TEST_ORIGIN}/api/auth/sign-up/email`, {
				method: "POST",
				headers: { "content-type": "application/json", origin: TEST_ORIGIN },
				body: JSON.stringify({ name: "Fuzz", email, password: PASSWORD }),
			}),
		);
		if (res.status !== 200) throw new Error(`fuzz sign-up failed: ${res.status} ${await res.text()}`);
		const cookie = res.headers
			.getSetCookie()
			.map((line) => line.split(";")[0] ?? "")
			.join("; ");
		const token = res.headers.get("set-auth-token") ?? ((await res.json()) as { token: string }).token;
		return { email, cookie, token };
	}

	private async isLive(identity: Identity): Promise<boolean> {
		const res = await this.t.auth.handler(new Request(`${TEST_ORIGIN}/api/auth/get-session`, { headers: { cookie: identity.cookie } }));
		const body = res.status === 200 ? await res.json() : null;
		return body !== null;
	}

	/** A live user and a live admin; re-created when a fuzzed request signed them out. */
	private async identities(): Promise<{ user: Identity; admin: Identity }> {
		if (this.userDirty || !this.user || !this.admin) {
			if (!this.user || !(await this.isLive(this.user))) this.user = await this.signUp();
			if (!this.admin || !(await this.isLive(this.admin))) {
				this.admin = await this.signUp();
				const storage = this.t.auth.$context.storage;
				const row = await storage.findOne("user", { email: this.admin.email });
				if (row) await storage.update("user", { id: row.id }, { role: "admin", banned: false });
			}
			this.userDirty = false;
		}
		return { user: this.user, admin: this.admin };
	}

	private async credentialHeaders(credential: Credential): Promise<Record<string, string>> {
		switch (credential) {
			case "anonymous":
				return {};
			case "forged-cookie":
				return { cookie: "better-auth.session_token=AAAA.BBBB; better-auth.session_data=e30" };
			case "forged-bearer":
				return { authorization: "Bearer ' OR 1=1 --" };
		}
		const { user, admin } = await this.identities();
		if (credential === "cookie") return { cookie: user.cookie };
		if (credential === "admin-cookie") return { cookie: admin.cookie };
		return { authorization: `Bearer ${user.token}` };
	}

	/** Sends one request and returns the problems found (empty when all invariants hold). */
	async check(op: FuzzOperation, req: FuzzRequest): Promise<string[]> {
		const headers = new Headers(req.headers);
		for (const [key, value] of Object.entries(await this.credentialHeaders(req.credential))) headers.set(key, value);
		const storage = this.t.auth.$context.storage;
		const dumpBefore = await databaseDump(storage);
		const request = new Request(`${TEST_ORIGIN}/api/auth${req.url}`, { method: req.method, headers, body: req.body });
		let status = 0;
		let problems: string[];
		try {
			const res = await this.t.auth.handler(request, { ip: "127.0.0.1" });
			status = res.status;
			const text = await res.text();
			problems = responseProblems(op.path, { status, headers: res.headers, text }, TEST_ORIGIN);
		} catch (error) {
			problems = [`handler rejected: ${error instanceof Error ? error.name : typeof error}`];
		}
		this.sent.total++;
		this.sent.byStatus.set(status, (this.sent.byStatus.get(status) ?? 0) + 1);
		if (status >= 400) {
			const dumpAfter = await databaseDump(storage);
			if (status === 403 && op.path.startsWith("/organization/")) forgiveClearedActiveOrganization(dumpBefore, dumpAfter);
			const changes = diff(dumpBefore, dumpAfter);
			if (changes) problems.push(`refused request (${status}) changed the database: ${changes}`);
		}
		if (status < 400) this.userDirty = true;
		return problems;
	}

	/**
	 * Plausible values by field name, read from the database before each route: real ids,
	 * tokens, emails and slugs, the live password, roles. With them a share of the requests
	 * gets past validation and lookups into the handlers (and their writes).
	 */
	private async hints(): Promise<(field: string) => fc.Arbitrary<unknown> | null> {
		await this.identities();
		const dump = await databaseDump(this.t.auth.$context.storage);
		const rows = (model: string) => (dump[model] ?? []) as Record<string, unknown>[]; // Sound: rows are plain objects.
		const strings = (values: unknown[]) => [...new Set(values.filter((v): v is string => typeof v === "string" && v.length > 0))];
		const ids = strings([...Object.values(dump).flatMap((list) => (list as { id?: unknown }[]).map((r) => r.id)), ...rows("session").map((r) => r.token)]);
		const emails = strings([...rows("user").map((r) => r.email), "fresh-fuzz@example.com"]);
		const slugs = strings([...rows("organization").map((r) => r.slug), "acme"]);
		const pick = (values: string[]) => (values.length > 0 ? fc.constantFrom(...values) : null);
		return (field) => {
			if (/email/i.test(field)) return pick(emails);
			if (/password/i.test(field)) return fc.constantFrom(PASSWORD, "password5678-new");
			if (/^(id|token|sessionToken|memberIdOrEmail)$|Id$/.test(field)) return pick(ids);
			if (/slug/i.test(field)) return pick(slugs);
			if (/^role$/.test(field)) return fc.constantFrom("admin", "member", "owner", "user", ["admin", "member"]);
			if (/callbackURL|redirectTo/i.test(field)) return fc.constantFrom("/dashboard", "http://localhost:3000/ok");
			if (/name$/i.test(field)) return fc.constantFrom("Fuzz Name", "fuzz_name");
			return null;
		};
	}

	/** Runs the property of one route; throws a readable error on the first failure. */
	async fuzz(op: FuzzOperation, settings: FuzzSettings): Promise<void> {
		let failure: { req: FuzzRequest; problems: string[] } | undefined;
		const hint = await this.hints();
		const details = await fc.check(
			fc.asyncProperty(requestFor(op, this.doc, hint), async (req) => {
				const problems = await this.check(op, req);
				if (problems.length > 0) failure ??= { req, problems };
				return problems.length === 0;
			}),
			// No shrinking: the database moves on between runs, and the first failure is reported as is.
			{ numRuns: settings.runs, seed: settings.seed, endOnFailure: true },
		);
		if (details.failed) {
			const detail = failure ? `${failure.problems.join("\n")}\nrequest: ${describe(failure.req)}` : String(details.errorInstance);
			throw new Error(`${op.method} ${op.path} (seed ${settings.seed}, path ${details.counterexamplePath}):\n${detail}`);
		}
	}
}

function describe(req: FuzzRequest): string {
	const clip = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s);
	return JSON.stringify({ method: req.method, url: clip(req.url), credential: req.credential, headers: req.headers, bodyKind: req.bodyKind, body: req.body === null ? null : clip(req.body) });
}

/**
 * The one documented side effect of a refusal: a caller who is not (or no longer) a member
 * of their active organization loses it as active (Better Auth does the same; it only
 * touches the caller's own session). Copies the cleared value back into `before`.
 */
function forgiveClearedActiveOrganization(before: Record<string, unknown[]>, after: Record<string, unknown[]>): void {
	type Row = { id: string; activeOrganizationId?: string | null };
	const afterById = new Map(((after.session ?? []) as Row[]).map((row) => [row.id, row])); // Sound: session rows carry these fields.
	for (const row of (before.session ?? []) as Row[]) {
		const now = afterById.get(row.id);
		if (now && row.activeOrganizationId && now.activeOrganizationId === null && JSON.stringify({ ...row, activeOrganizationId: null }) === JSON.stringify(now)) row.activeOrganizationId = null;
	}
}

/** The rows that differ, by table: removed (`-`), added (`+`) or changed (`~`), clipped. */
function diff(before: Record<string, unknown[]>, after: Record<string, unknown[]>): string {
	const changes: string[] = [];
	for (const model of Object.keys(after)) {
		const a = new Set((before[model] ?? []).map((row) => JSON.stringify(row)));
		const b = new Set((after[model] ?? []).map((row) => JSON.stringify(row)));
		for (const row of a) if (!b.has(row)) changes.push(`${model} - ${row.slice(0, 400)}`);
		for (const row of b) if (!a.has(row)) changes.push(`${model} + ${row.slice(0, 400)}`);
	}
	return changes.join("\n");
}
