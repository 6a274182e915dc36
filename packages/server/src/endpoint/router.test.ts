/**
 * Routing (spec/core.md §1.1): exact, case-sensitive matching below the base path; every
 * miss is a 404 with an empty body.
 *
 * Why it matters for security: path confusion (`//`, trailing slashes, case, encoded
 * characters) is how requests slip past a proxy's or host app's rules about which paths
 * are public; answering such variants with 404 instead of "probably meant X" keeps the
 * host's view and ours identical. `serverOnly` endpoints must not be reachable over HTTP.
 */
import { describe, expect, test } from "bun:test";
import { defineRoute } from "@latchkey/core";
import * as z from "zod";
import { username } from "../plugins/username/index.ts";
import { getTestInstance } from "../testing/index.ts";
import { createLatchkey } from "../latchkey.ts";
import { defineEndpoint } from "./define-endpoint.ts";
import { Router } from "./router.ts";

// Close every instance after each test: the shared preload only disposes them at the very
// end of the run, and PostgreSQL allows 100 connections.

const HOST = "http://localhost:3000";

async function expectNotFound(res: Response): Promise<void> {
	expect(res.status).toBe(404);
	expect(res.statusText).toBe("Not Found");
	expect(await res.text()).toBe("");
	expect(res.headers.get("content-type")).toBeNull();
	expect(res.headers.getSetCookie()).toEqual([]);
}

const itemRoute = defineRoute({ name: "probeItem", method: "GET", path: "/probe/items/:id", response: z.object({ id: z.string() }) });
const hiddenRoute = defineRoute({ name: "probeHidden", method: "POST", path: "/probe/hidden", response: z.object({ secret: z.boolean() }) });
const probe = {
	id: "probe",
	endpoints: {
		probeItem: defineEndpoint(itemRoute, "none", async (ctx) => ({ id: ctx.params.id ?? "" })),
		probeHidden: defineEndpoint(hiddenRoute, "none", async () => ({ secret: true }), { serverOnly: true }),
	},
};

describe("routing over HTTP", () => {
	test("known routes answer; unknown, trailing slash, double slash and case variants are 404 with an empty body", async () => {
		const t = await getTestInstance("sqlite");
		const ok = await t.auth.handler(new Request(`${HOST}/api/auth/ok`));
		expect(ok.status).toBe(200);
		expect(await ok.json()).toEqual({ ok: true });
		for (const path of [
			"/api/auth/nope",
			"/api/auth/get-session/",
			"/api/auth//get-session",
			"/api/auth/get-session//",
			"/api//auth/get-session",
			"/api/auth/Get-Session",
			"/API/auth/get-session",
			"/api/auth/get%2Dsession",
			"/api/auth/sign-in/email/",
			"/api/auth/sign-in",
			"/api/auth/",
			"/api/auth",
		]) {
			await expectNotFound(await t.auth.handler(new Request(`${HOST}${path}`)));
		}
	});

	test("a known path with the wrong method is 404, not 405; HEAD and OPTIONS are not answered", async () => {
		const t = await getTestInstance("sqlite");
		const cases: [string, string][] = [
			["POST", "/ok"],
			["GET", "/sign-out"],
			["GET", "/sign-in/email"],
			["PUT", "/get-session"],
			["DELETE", "/get-session"],
			["PATCH", "/revoke-session"],
			["HEAD", "/get-session"],
			["OPTIONS", "/sign-in/email"],
		];
		for (const [method, path] of cases) {
			await expectNotFound(await t.auth.handler(new Request(`${HOST}/api/auth${path}`, { method })));
		}
	});

	test("paths outside the base path are 404", async () => {
		const t = await getTestInstance("sqlite");
		for (const path of ["/get-session", "/api/authx/get-session", "/api/get-session", "/", "/api/auth-get-session"]) {
			await expectNotFound(await t.auth.handler(new Request(`${HOST}${path}`)));
		}
	});

	test("a custom basePath works and the default one is gone; a trailing slash in the option is ignored", async () => {
		for (const basePath of ["/auth", "/auth/", "/v1/identity"]) {
			const t = await getTestInstance("sqlite", { basePath });
			const mount = basePath.replace(/\/$/, "");
			const res = await t.auth.handler(new Request(`${HOST}${mount}/get-session`));
			expect(res.status).toBe(200);
			expect(await res.text()).toBe("null");
			await expectNotFound(await t.auth.handler(new Request(`${HOST}/api/auth/get-session`)));
			await expectNotFound(await t.auth.handler(new Request(`${HOST}${mount}x/get-session`)));
		}
	});

	test("a query string does not affect matching", async () => {
		const t = await getTestInstance("sqlite");
		const res = await t.auth.handler(new Request(`${HOST}/api/auth/ok?x=1&x=2`));
		expect(res.status).toBe(200);
	});

	test("path parameters are decoded; an empty segment does not match", async () => {
		const t = await getTestInstance("sqlite", { plugins: [username(), probe] });
		const res = await t.auth.handler(new Request(`${HOST}/api/auth/probe/items/a%20b`));
		expect(await res.json()).toEqual({ id: "a b" });
		const bad = await t.auth.handler(new Request(`${HOST}/api/auth/probe/items/%E0%A4%A`));
		expect(await bad.json()).toEqual({ id: "%E0%A4%A" });
		await expectNotFound(await t.auth.handler(new Request(`${HOST}/api/auth/probe/items/`)));
		await expectNotFound(await t.auth.handler(new Request(`${HOST}/api/auth/probe/items/a/b`)));
	});

	test("serverOnly endpoints are not routed but stay on auth.api", async () => {
		const t = await getTestInstance("sqlite", { plugins: [username(), probe] });
		await expectNotFound(await t.auth.handler(new Request(`${HOST}/api/auth/probe/hidden`, { method: "POST" })));
		const api = t.auth.api as unknown as Record<string, (input?: unknown) => Promise<unknown>>;
		expect(await api.probeHidden?.()).toEqual({ secret: true });
	});

	test("conflicting endpoints are refused at startup", () => {
		const clash = { id: "clash", endpoints: { ok: probe.endpoints.probeItem } };
		expect(() => createLatchkey({ database: ":memory:", secret: "x".repeat(32), plugins: [clash] })).toThrow('latchkey: plugin "clash" redefines endpoint "ok"');
		const samePath = { id: "same", endpoints: { other: defineEndpoint({ ...itemRoute, name: "other", path: "/ok" }, "none", async () => ({ id: "" })) } };
		expect(() => createLatchkey({ database: ":memory:", secret: "x".repeat(32), plugins: [samePath] })).toThrow("latchkey: two endpoints claim GET /ok");
	});
});

describe("Router", () => {
	const endpoint = (method: "GET" | "POST", path: string) =>
		defineEndpoint(defineRoute({ name: path, method, path, response: z.unknown() }), "none", async () => null);

	test("static and parameter routes, method-specific", () => {
		const router = new Router();
		const a = endpoint("GET", "/a");
		const b = endpoint("POST", "/a");
		const p = endpoint("GET", "/reset-password/:token");
		router.add(a);
		router.add(b);
		router.add(p);
		expect(router.match("GET", "/a")?.endpoint).toBe(a);
		expect(router.match("POST", "/a")?.endpoint).toBe(b);
		expect(router.match("PUT", "/a")).toBeNull();
		expect(router.match("GET", "/reset-password/abc")).toEqual({ endpoint: p, params: { token: "abc" } });
		expect(router.match("POST", "/reset-password/abc")).toBeNull();
		expect(router.match("GET", "/reset-password")).toBeNull();
		expect(router.match("GET", "/A")).toBeNull();
	});

	test("duplicate method + path is refused, including a parameter route", () => {
		const router = new Router();
		router.add(endpoint("GET", "/x/:id"));
		expect(() => router.add(endpoint("GET", "/x/:id"))).toThrow("two endpoints claim GET /x/:id");
		router.add(endpoint("POST", "/x/:id"));
	});
});
