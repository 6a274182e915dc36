import { describe, expect, test } from "bun:test";
import * as z from "zod";
import { coreRoutes } from "../routes/index.ts";
import { adminRoutes } from "../plugins/admin/routes.ts";
import { organizationRoutes } from "../plugins/organization/routes.ts";
import { defineRoute } from "./define-route.ts";
import { lazyRoute } from "./lazy-route.ts";
import { once } from "./once.ts";

/** A contract whose getters count their runs, and the plain contract it stands for. */
function counted() {
	const builds = { body: 0, response: 0 };
	const contract = lazyRoute({
		name: "probe",
		method: "POST",
		path: "/probe",
		mediaTypes: ["json", "form"],
		get body() {
			builds.body++;
			return z.object({ a: z.string() });
		},
		get response() {
			builds.response++;
			return z.object({ ok: z.boolean() });
		},
		requiresSession: true,
	});
	return { contract, builds };
}

const SCHEMA_KEYS = ["body", "query", "response"] as const;

/** Whether `key` is still an unbuilt getter on `contract`. */
function isPending(contract: object, key: string): boolean {
	return typeof Object.getOwnPropertyDescriptor(contract, key)?.get === "function";
}

describe("lazyRoute", () => {
	test("name, method, path and the other plain keys are read without building", () => {
		const { contract, builds } = counted();
		expect([contract.name, contract.method, contract.path, contract.mediaTypes, contract.requiresSession]).toEqual(["probe", "POST", "/probe", ["json", "form"], true]);
		expect("body" in contract).toBe(true);
		expect(builds).toEqual({ body: 0, response: 0 });
	});

	test("each schema is built once, on its first read, and later reads return the same object", () => {
		const { contract, builds } = counted();
		const body = contract.body;
		expect(builds).toEqual({ body: 1, response: 0 });
		expect(contract.body).toBe(body);
		expect(contract.body).toBe(body);
		expect(builds).toEqual({ body: 1, response: 0 });
		expect(contract.response).toBe(contract.response);
		expect(builds).toEqual({ body: 1, response: 1 });
	});

	test("after the first read the schema is a plain data property (no getter on the request path)", () => {
		const { contract } = counted();
		expect(isPending(contract, "body")).toBe(true);
		void contract.body;
		expect(Object.getOwnPropertyDescriptor(contract, "body")).toEqual({ value: contract.body, writable: true, enumerable: true, configurable: true });
		expect(isPending(contract, "response")).toBe(true);
	});

	test("Object.keys, spreading and toEqual behave as for the same contract written with values", () => {
		const plain = defineRoute({
			name: "probe",
			method: "POST",
			path: "/probe",
			mediaTypes: ["json", "form"],
			body: z.object({ a: z.string() }),
			response: z.object({ ok: z.boolean() }),
			requiresSession: true,
		});
		const { contract, builds } = counted();
		expect(Object.keys(contract)).toEqual(Object.keys(plain));
		expect(builds).toEqual({ body: 0, response: 0 });
		const spread = { ...contract };
		expect(builds).toEqual({ body: 1, response: 1 });
		expect(spread.body).toBe(contract.body);
		expect(Object.keys(contract)).toEqual(Object.keys(plain));
		expect(Object.keys(counted().contract)).toEqual(Object.keys(spread));
		// Bun's toEqual compares zod schemas by structure: same shape, same checks.
		expect(counted().contract).toEqual(plain);
		expect(counted().contract).not.toEqual({ ...plain, path: "/other" });
		expect(counted().contract).not.toEqual({ ...plain, body: z.object({ a: z.number() }) });
		expect(builds).toEqual({ body: 1, response: 1 });
	});

	test("assigning a schema before its first read replaces the getter without building", () => {
		const { contract, builds } = counted();
		const replacement = z.object({ b: z.number() });
		(contract as { body: z.ZodType }).body = replacement;
		expect<unknown>(contract.body).toBe(replacement);
		expect(builds.body).toBe(0);
	});

	test("a getter for name, method or path is refused: the router reads them at start", () => {
		expect(() =>
			lazyRoute({
				get name() {
					return "probe";
				},
				method: "GET",
				path: "/probe",
				response: z.string(),
			}),
		).toThrow("name must be a plain value");
	});

	test("importing @latchkey/core and reading every contract's plain keys builds no schema", () => {
		// Run in a fresh process: this test file's own imports must not count.
		const script = `
			const { coreRoutes, adminRoutes, organizationRoutes, usernameRoutes } = await import("@latchkey/core");
			const tables = [coreRoutes, adminRoutes, organizationRoutes, usernameRoutes];
			const routes = tables.flatMap((t) => Object.values(t));
			for (const c of routes) void [c.name, c.method, c.path, c.mediaTypes, c.requiresSession, Object.keys(c)];
			const built = routes.filter((c) => ${JSON.stringify(SCHEMA_KEYS)}.some((k) => { const d = Object.getOwnPropertyDescriptor(c, k); return d !== undefined && !d.get; }));
			console.log(JSON.stringify({ routes: routes.length, built: built.map((c) => c.name) }));
		`;
		const run = Bun.spawnSync([process.execPath, "-e", script], { cwd: import.meta.dir });
		expect(run.stderr.toString()).toBe("");
		const result = JSON.parse(run.stdout.toString()) as { routes: number; built: string[] };
		expect(result.routes).toBeGreaterThan(60);
		expect(result.built).toEqual([]);
	});

	test("every core and plugin schema reads as a zod schema, then as the same data property", () => {
		for (const contract of [...Object.values(coreRoutes), ...Object.values(adminRoutes), ...Object.values(organizationRoutes)]) {
			for (const key of SCHEMA_KEYS) {
				if (!(key in contract)) continue;
				const value = (contract as Record<string, unknown>)[key];
				expect(value).toBeInstanceOf(z.ZodType);
				expect(isPending(contract, key)).toBe(false);
				expect((contract as Record<string, unknown>)[key]).toBe(value);
			}
		}
	});
});

describe("once", () => {
	test("builds on the first call only and returns the same value after", () => {
		let builds = 0;
		const schema = once(() => {
			builds++;
			return z.string();
		});
		expect(builds).toBe(0);
		const first = schema();
		expect(schema()).toBe(first);
		expect(builds).toBe(1);
	});

	test("keeps a falsy value without building again", () => {
		let builds = 0;
		const value = once(() => {
			builds++;
			return undefined;
		});
		value();
		value();
		expect(builds).toBe(1);
	});
});
