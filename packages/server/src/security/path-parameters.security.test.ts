/**
 * Hostile path parameters, on every route that has one.
 *
 * Body and query strings go through the zod contracts and a NUL check before any handler
 * runs; path parameters (`/reset-password/:token`, `/callback/:id`) reach the handler as the
 * router decoded them. The attacker puts there what PostgreSQL or a URL parser chokes on:
 * an encoded NUL (PostgreSQL refuses NUL in text, and the query throws), an encoded lone
 * surrogate, invalid percent-encoding, dot segments, encoded slashes and backslashes, a
 * 10 kB value. Every one must get a clean answer (a redirect with `error=…` or a 4xx
 * `{ code, message }`), never a 500, on every database.
 *
 * @see issue 12: `GET /reset-password/%00` was a 500 on PostgreSQL, found by the fuzzer.
 */
import { describe, expect, test } from "bun:test";
import { responseProblems } from "../fuzz/invariants.ts";
import { testDialects } from "../testing/index.ts";
import { attackKit } from "./attack-kit.ts";

const SEGMENTS = ["%00", "a%00b", "%ED%A0%80", "%FF%FE", "%", "%zz", "..", "%2e%2e", "a%2Fb", "%5C", "%0d%0aX-Injected:%201", "' OR '1'='1", "x".repeat(10_000)];

for (const dialect of await testDialects()) {
	describe(`hostile path parameters [${dialect}]`, () => {
		test("every route with a path parameter answers every hostile segment cleanly", async () => {
			const k = await attackKit(dialect);
			const routes = k.operations.filter((op) => op.pathParams.length > 0);
			expect(routes.map((op) => op.path)).toContain("/reset-password/{token}");
			const before = await k.state();
			const problems: string[] = [];
			for (const op of routes) {
				for (const segment of SEGMENTS) {
					const path = op.path.replace(/\{(\w+)\}/g, segment);
					const res = await k.send(`${path}?callbackURL=%2Fafter`, op.method === "GET" ? {} : { method: op.method, headers: { origin: "http://localhost:3000" }, json: {} });
					const found = responseProblems(op.path, { status: res.status, headers: res.headers, text: await res.text() }, "http://localhost:3000");
					if (found.length > 0) problems.push(`${op.method} ${path.slice(0, 60)}: ${found.join("; ")}`);
				}
			}
			expect(problems).toEqual([]);
			expect(await k.state()).toBe(before);
		});
	});
}
