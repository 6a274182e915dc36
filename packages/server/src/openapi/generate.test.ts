import { describe, expect, test } from "bun:test";
import { username } from "../plugins/username/index.ts";
import { getTestInstance } from "../testing/index.ts";
import { HOSTILE_SUMMARY, openAPITestPlugin } from "./test-plugin.ts";
import { HIDDEN_FROM_OPENAPI } from "./generate.ts";

/*
 * Sound (every `as Json` below): the casts read a JSON document the test has just fetched; a
 * wrong shape makes the following `expect` fail or the access throw, never pass silently.
 */
type Json = Record<string, unknown>;
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

async function instance(overrides: Json = {}) {
	const t = await getTestInstance("sqlite", { plugins: [username(), openAPITestPlugin()], ...overrides });
	const res = await t.client().request("/reference/openapi.json");
	expect(res.status).toBe(200);
	const doc = (await res.json()) as Json & { paths: Record<string, Record<string, Json>> };
	return { t, doc };
}

function operations(doc: { paths: Record<string, Record<string, Json>> }): { method: string; path: string; op: Json }[] {
	return Object.entries(doc.paths).flatMap(([path, item]) =>
		Object.entries(item)
			.filter(([method]) => METHODS.includes(method))
			.map(([method, op]) => ({ method, path, op })),
	);
}

/** Every `$ref` value in the document, with where it was found. */
function refs(value: unknown, at = "#"): { ref: string; at: string }[] {
	if (Array.isArray(value)) return value.flatMap((v, i) => refs(v, `${at}/${i}`));
	if (typeof value !== "object" || value === null) return [];
	return Object.entries(value).flatMap(([key, v]) => (key === "$ref" && typeof v === "string" ? [{ ref: v, at }] : refs(v, `${at}/${key}`)));
}

function resolve(doc: unknown, ref: string): unknown {
	if (!ref.startsWith("#/")) return undefined;
	let node: unknown = doc;
	for (const raw of ref.slice(2).split("/")) {
		const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
		if (typeof node !== "object" || node === null || !(key in node)) return undefined;
		node = (node as Json)[key]; // Sound: narrowed to a non-null object holding `key`.
	}
	return node;
}

describe("OpenAPI document [sqlite]", () => {
	test("has the OpenAPI 3.1 top level, servers and security schemes", async () => {
		const { doc } = await instance();
		expect(doc.openapi).toBe("3.1.1");
		expect(doc.info).toMatchObject({ title: "Latchkey", version: expect.any(String) });
		expect(doc.servers).toEqual([{ url: "http://localhost:3000/api/auth" }]);
		expect(doc.components).toMatchObject({
			securitySchemes: {
				bearerAuth: { type: "http", scheme: "bearer" },
				cookieAuth: { type: "apiKey", in: "cookie", name: "better-auth.session_token" },
			},
			schemas: { Error: { type: "object", required: ["code", "message"] } },
		});
	});

	test("is structurally valid: responses everywhere, unique operationIds, every $ref resolves, path params declared", async () => {
		const { doc } = await instance();
		const ops = operations(doc);
		expect(ops.length).toBeGreaterThan(5);
		const ids = ops.map(({ op }) => op.operationId);
		expect(new Set(ids).size).toBe(ids.length);
		for (const { path, op } of ops) {
			expect(path.startsWith("/")).toBe(true);
			const responses = op.responses as Json;
			expect(Object.keys(responses).length).toBeGreaterThan(0);
			for (const [status, response] of Object.entries(responses)) {
				expect(status).toMatch(/^[1-5]\d\d$/);
				const resolved = "$ref" in (response as Json) ? resolve(doc, String((response as Json).$ref)) : response;
				expect((resolved as Json).description).toEqual(expect.any(String));
			}
			const declared = ((op.parameters as Json[] | undefined) ?? []).filter((p) => p.in === "path").map((p) => p.name);
			const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
			expect(declared.sort()).toEqual(templated.sort());
			for (const p of (op.parameters as Json[] | undefined) ?? []) if (p.in === "path") expect(p.required).toBe(true);
		}
		const all = refs(doc);
		expect(all.length).toBeGreaterThan(0);
		for (const { ref, at } of all) expect({ ref, at, found: resolve(doc, ref) !== undefined }).toEqual({ ref, at, found: true });
		// OpenAPI 3.1 schemas are JSON Schema 2020-12; a stray `$schema` would be ignored at best.
		expect(JSON.stringify(doc)).not.toContain('"$schema"');
	});

	test("every mounted route is documented and every documented operation is mounted", async () => {
		const { t, doc } = await instance();
		const mounted = Object.entries(t.auth.$endpoints)
			.filter(([name, e]) => !e.serverOnly && !HIDDEN_FROM_OPENAPI.has(name))
			.map(([, e]) => `${e.contract.method.toLowerCase()} ${e.contract.path.replace(/:(\w+)/g, "{$1}")}`)
			.sort();
		const documented = operations(doc)
			.map(({ method, path }) => `${method} ${path}`)
			.sort();
		expect(documented).toEqual(mounted);
		expect(documented).toContain("get /reference/openapi.json");
		expect(documented).toContain("get /open-api/generate-schema");
	});

	test("plugin operations carry the plugin tag; core ones 'Default'; server-only and the HTML page are absent", async () => {
		const { doc } = await instance();
		expect(doc.paths["/sign-in/username"]?.post?.tags).toEqual(["Username"]);
		expect(doc.paths["/widgets/{id}"]?.get?.tags).toEqual(["Widget-box"]);
		expect(doc.paths["/sign-in/email"]?.post?.tags).toEqual(["Default"]);
		expect((doc.tags as Json[]).map((tag) => tag.name)).toEqual(expect.arrayContaining(["Default", "Username", "Widget-box"]));
		expect(doc.paths["/widgets/sweep"]).toBeUndefined();
		expect(JSON.stringify(doc)).not.toContain("internalWidgetSweep");
		expect(doc.paths["/reference"]).toBeUndefined();
	});

	test("describes bodies, media types, query and path parameters, dates, errors and security", async () => {
		const { doc } = await instance();
		const signIn = doc.paths["/sign-in/email"]?.post as Json;
		expect(Object.keys((signIn.requestBody as Json).content as Json).sort()).toEqual(["application/json", "application/x-www-form-urlencoded"]);
		expect(signIn.security).toBeUndefined();
		expect(Object.keys(signIn.responses as Json)).toEqual(expect.arrayContaining(["200", "400", "401", "403", "429"]));

		const widget = doc.paths["/widgets/{id}"]?.get as Json;
		expect(widget.summary).toBe(HOSTILE_SUMMARY);
		expect(widget.security).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }]);
		expect(widget.parameters).toEqual([
			{ name: "id", in: "path", required: true, schema: { type: "string" } },
			{ name: "verbose", in: "query", required: false, schema: { type: "string" } },
			{ name: "at", in: "query", required: true, schema: expect.objectContaining({ type: "string", format: "date-time" }) },
		]);
		const schema = (((widget.responses as Json)["200"] as Json).content as Json)["application/json"] as Json;
		expect(schema.schema).toMatchObject({ properties: { createdAt: { type: "string", format: "date-time" }, label: {} } });
		expect(Object.keys(widget.responses as Json)).toEqual(expect.arrayContaining(["400", "401", "403", "404", "429"]));
		expect(doc.paths["/get-session"]?.get?.responses).toMatchObject({ "200": { content: { "application/json": { schema: { anyOf: [{ properties: { user: { $ref: "#/components/schemas/User" } } }, { type: "null" }] } } } } });
	});

	test("GET /open-api/generate-schema and auth.api return the same document; servers follow basePath", async () => {
		const { t, doc } = await instance();
		const same = await (await t.client().request("/open-api/generate-schema")).json();
		expect(same).toEqual(doc);
		expect(await t.auth.api.generateOpenAPISchema()).toEqual(doc);
		const other = await getTestInstance("sqlite", { basePath: "/auth", baseURL: "https://auth.example.com" });
		expect((await other.auth.api.openAPIDocument()).servers).toEqual([{ url: "https://auth.example.com/auth" }]);
	});

	test("openAPI.enabled:false unmounts the reference routes", async () => {
		const t = await getTestInstance("sqlite", { openAPI: { enabled: false } });
		for (const path of ["/reference/openapi.json", "/open-api/generate-schema", "/reference"]) {
			expect((await t.client().request(path)).status).toBe(404);
		}
		expect(Object.keys(t.auth.$endpoints)).not.toContain("openAPIDocument");
		const doc = (await t.auth.api.openAPIDocument()) as { paths: Json };
		expect(doc.paths["/reference/openapi.json"]).toBeUndefined();
		expect(doc.paths["/sign-in/email"]).toBeDefined();
	});
});
