/**
 * The HTTP pipeline's error and body handling (spec/core.md §1.2–§1.4; SECURITY.md rule 13).
 *
 * Information leaks: an unexpected exception (a driver error quoting SQL, a bug naming a
 * file path, an error message carrying a secret) must become a bare 500 with an empty body,
 * and the log line must not repeat the message either. Malformed or oversized bodies,
 * wrong media types and prototype-polluting keys must end in clean `{ code, message }`
 * answers that never echo the input.
 */
import { afterAll, afterEach, describe, expect, spyOn, test } from "bun:test";
import { APIError, defineRoute } from "@latchkey/core";
import * as z from "zod";
import { username } from "../plugins/username/index.ts";
import { getTestInstance, TEST_ORIGIN } from "../testing/index.ts";
import type { LatchkeyPlugin } from "../plugin.ts";
import { defineEndpoint } from "./define-endpoint.ts";

// Close every instance after each test: the shared preload only disposes them at the very
// end of the run, and PostgreSQL allows 100 connections.

const SECRET_TEXT = "SELECT * FROM user WHERE password = 'hunter2' /srv/app/secret.ts";

const route = (name: string) => defineRoute({ name, method: "GET", path: `/probe/${name}`, response: z.unknown() });
const echoRoute = defineRoute({ name: "echoCount", method: "POST", path: "/probe/echoCount", body: z.object({ n: z.number() }), response: z.unknown() });

const probe = {
	id: "probe",
	endpoints: {
		throwsError: defineEndpoint(route("throwsError"), "none", async () => {
			throw new Error(SECRET_TEXT);
		}),
		throwsString: defineEndpoint(route("throwsString"), "none", async () => {
			throw SECRET_TEXT;
		}),
		throwsCoded: defineEndpoint(route("throwsCoded"), "none", async () => {
			throw Object.assign(new TypeError(SECRET_TEXT), { code: "23505" });
		}),
		throwsEmpty: defineEndpoint(route("throwsEmpty"), "none", async () => {
			throw new APIError("NOT_FOUND");
		}),
		throwsHeaders: defineEndpoint(route("throwsHeaders"), "none", async (ctx) => {
			ctx.response.setCookie("probe", "v", { path: "/" });
			throw new APIError("UNPROCESSABLE_ENTITY", { code: "NOPE", message: "Nope" }, { "x-probe": "1" });
		}),
		cookieThenCrash: defineEndpoint(route("cookieThenCrash"), "none", async (ctx) => {
			ctx.response.setCookie("probe", "v", { path: "/" });
			throw new Error(SECRET_TEXT);
		}),
		returnsUndefined: defineEndpoint(route("returnsUndefined"), "none", async () => undefined),
		returnsResponse: defineEndpoint(route("returnsResponse"), "none", async (ctx) => {
			ctx.response.headers.set("x-probe", "state");
			return new Response("raw", { status: 202, headers: { "content-type": "text/plain" } });
		}),
		echoCount: defineEndpoint(echoRoute, "none", async (ctx) => ({ n: ctx.body.n })),
	},
} satisfies LatchkeyPlugin;

const get = (path: string): Request => new Request(`${TEST_ORIGIN}/api/auth/probe/${path}`);
const post = (path: string, body: BodyInit | null, headers: Record<string, string> = {}): Request =>
	new Request(`${TEST_ORIGIN}/api/auth${path}`, { method: "POST", body, headers });

let logged: string[] = [];
const errorSpy = spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
afterEach(() => {
	logged = [];
	errorSpy.mockClear();
});
afterAll(() => errorSpy.mockRestore());

describe("errors never leak", () => {
	test("a thrown Error, string or coded driver error is a 500 with an empty body; the log names no message", async () => {
		const t = await getTestInstance("sqlite", { plugins: [username(), probe] });
		for (const name of ["throwsError", "throwsString", "throwsCoded"]) {
			const res = await t.auth.handler(get(name));
			expect(res.status).toBe(500);
			expect(res.statusText).toBe("Internal Server Error");
			expect(await res.text()).toBe("");
			for (const [, value] of res.headers) expect(value).not.toContain("hunter2");
		}
		expect(logged).toHaveLength(3);
		for (const line of logged) {
			expect(line).not.toContain("hunter2");
			expect(line).not.toContain("/srv/app");
		}
		expect(logged[2]).toContain("(23505)");
	});

	test("an APIError without a body is its status with an empty body", async () => {
		const t = await getTestInstance("sqlite", { plugins: [username(), probe] });
		const res = await t.auth.handler(get("throwsEmpty"));
		expect(res.status).toBe(404);
		expect(await res.text()).toBe("");
		expect(res.headers.get("content-type")).toBe("application/json");
	});

	test("an APIError carries its headers and the cookies set before it", async () => {
		const t = await getTestInstance("sqlite", { plugins: [username(), probe] });
		const res = await t.auth.handler(get("throwsHeaders"));
		expect(res.status).toBe(422);
		expect(res.statusText).toBe("Unprocessable Entity");
		expect(await res.json()).toEqual({ code: "NOPE", message: "Nope" });
		expect(res.headers.get("x-probe")).toBe("1");
		expect(res.headers.getSetCookie()).toEqual(["probe=v; Path=/"]);
		const crash = await t.auth.handler(get("cookieThenCrash"));
		expect(crash.status).toBe(500);
		expect(await crash.text()).toBe("");
	});

	test("undefined is sent as JSON null; a returned Response passes through with the state's headers", async () => {
		const t = await getTestInstance("sqlite", { plugins: [username(), probe] });
		const nothing = await t.auth.handler(get("returnsUndefined"));
		expect(nothing.status).toBe(200);
		expect(await nothing.text()).toBe("null");
		const raw = await t.auth.handler(get("returnsResponse"));
		expect(raw.status).toBe(202);
		expect(nothing.statusText).toBe("OK");
		expect(await raw.text()).toBe("raw");
		expect(raw.headers.get("x-probe")).toBe("state");
	});

	test("auth.api throws the APIError, or answers as a Response with asResponse", async () => {
		const t = await getTestInstance("sqlite", { plugins: [username(), probe] });
		const api = t.auth.api as unknown as Record<string, (input?: unknown) => Promise<unknown>>;
		await expect(api.throwsHeaders?.() ?? Promise.resolve()).rejects.toMatchObject({ statusCode: 422, body: { code: "NOPE", message: "Nope" } });
		const res = (await api.throwsError?.({ asResponse: true })) as Response;
		expect(res.status).toBe(500);
		expect(await res.text()).toBe("");
	});
});

describe("request bodies", () => {
	test("media types: JSON with parameters is fine; text/plain, vendor JSON and a missing type are 415", async () => {
		const t = await getTestInstance("sqlite", { plugins: [username(), probe] });
		const ok = await t.auth.handler(post("/probe/echoCount", '{"n":1}', { "content-type": "application/json; charset=utf-8" }));
		expect(await ok.json()).toEqual({ n: 1 });
		const cases: [Record<string, string>, string][] = [
			[{ "content-type": "text/plain" }, 'Content-Type "text/plain" is not allowed. Allowed types: application/json'],
			[{ "content-type": "application/vnd.api+json" }, 'Content-Type "application/vnd.api+json" is not allowed. Allowed types: application/json'],
			[{ "content-type": "application/x-www-form-urlencoded" }, 'Content-Type "application/x-www-form-urlencoded" is not allowed. Allowed types: application/json'],
			[{ "content-type": 'text/html"><script>' }, 'Content-Type "text/htmlscript" is not allowed. Allowed types: application/json'],
		];
		for (const [headers, message] of cases) {
			const res = await t.auth.handler(post("/probe/echoCount", '{"n":1}', headers));
			expect(res.status).toBe(415);
			expect(await res.json()).toEqual({ code: "UNSUPPORTED_MEDIA_TYPE", message });
		}
		const missing = await t.auth.handler(new Request(`${TEST_ORIGIN}/api/auth/probe/echoCount`, { method: "POST", body: new Blob(['{"n":1}']) }));
		expect(missing.status).toBe(415);
		expect(await missing.json()).toEqual({ code: "UNSUPPORTED_MEDIA_TYPE", message: "Content-Type is required. Allowed types: application/json" });
		const form = await t.auth.handler(post("/sign-in/email", "x", { "content-type": "text/plain" }));
		expect(await form.json()).toEqual({
			code: "UNSUPPORTED_MEDIA_TYPE",
			message: 'Content-Type "text/plain" is not allowed. Allowed types: application/json, application/x-www-form-urlencoded',
		});
	});

	test("malformed JSON is 400 BAD_REQUEST; a schema failure is 400 VALIDATION_ERROR", async () => {
		const t = await getTestInstance("sqlite", { plugins: [username(), probe] });
		const json = { "content-type": "application/json" };
		for (const body of ["{", "{'n':1}", "nul", '{"n":1}}']) {
			const res = await t.auth.handler(post("/probe/echoCount", body, json));
			expect(res.status).toBe(400);
			expect(await res.json()).toEqual({ code: "BAD_REQUEST", message: "Invalid JSON in request body" });
		}
		const wrong = await t.auth.handler(post("/probe/echoCount", '{"n":"1"}', json));
		expect(await wrong.json()).toEqual({ code: "VALIDATION_ERROR", message: "[body.n] Invalid input: expected number, received string" });
		const none = await t.auth.handler(post("/probe/echoCount", null));
		expect(await none.json()).toEqual({ code: "VALIDATION_ERROR", message: "[body] Invalid input: expected object, received undefined" });
	});

	test("a body over maxBodySize is 413, whether declared or streamed", async () => {
		const t = await getTestInstance("sqlite", { plugins: [username(), probe], maxBodySize: 1024 });
		const big = JSON.stringify({ n: 1, pad: "x".repeat(2000) });
		const declared = await t.auth.handler(post("/probe/echoCount", big, { "content-type": "application/json" }));
		expect(declared.status).toBe(413);
		expect((await declared.json()).code).toBe("PAYLOAD_TOO_LARGE");
		const stream = new ReadableStream<Uint8Array>({
			start(controller) {
				for (let i = 0; i < 4; i++) controller.enqueue(new TextEncoder().encode("x".repeat(500)));
				controller.close();
			},
		});
		const streamed = await t.auth.handler(post("/probe/echoCount", stream, { "content-type": "application/json" }));
		expect(streamed.status).toBe(413);
	});

	test("__proto__ and constructor keys in JSON, form and query bodies are dropped", async () => {
		const t = await getTestInstance("sqlite", { plugins: [username(), probe] });
		const res = await t.auth.handler(post("/probe/echoCount", '{"n":2,"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}', { "content-type": "application/json" }));
		expect(await res.json()).toEqual({ n: 2 });
		const query = await t.auth.handler(new Request(`${TEST_ORIGIN}/api/auth/get-session?__proto__[polluted]=1&constructor=x`));
		expect(query.status).toBe(200);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});
