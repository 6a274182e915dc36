/**
 * A NUL character (U+0000) in any string field used to reach PostgreSQL, which rejects it
 * inside the query: the request failed with a 500 (an error an attacker can trigger at will
 * and that differs between databases). Every field is now refused up front with a 400.
 */
import { describe, expect, test } from "bun:test";
import * as z from "zod";
import { getTestInstance, testDialects } from "../testing/index.ts";
import { validatePart } from "./validate.ts";

describe("validatePart", () => {
	test("refuses U+0000 anywhere in the parsed value, naming the field", () => {
		const schema = z.object({ a: z.object({ b: z.array(z.string()) }) });
		expect(() => validatePart(schema, { a: { b: ["ok", "x\u0000y"] } }, "body")).toThrow("[body.a.b.1] Invalid input: NUL characters are not allowed");
		expect(validatePart(schema, { a: { b: ["ok"] } }, "body")).toEqual({ a: { b: ["ok"] } });
	});

	test("an empty query gives the schema's own output for {} (defaults, transforms), a fresh object each time", () => {
		const flag = z.string().optional().transform((v) => v === "true");
		const schema = z.object({ a: flag, b: z.number().default(3) }).optional();
		const first = validatePart(schema, {}, "query") as Record<string, unknown>;
		expect(first).toEqual({ a: false, b: 3 });
		first.a = true;
		expect(validatePart(schema, {}, "query")).toEqual({ a: false, b: 3 });
		expect(validatePart(schema, { a: "true" }, "query")).toEqual({ a: true, b: 3 });
	});

	test("an empty value is still refused by a schema that needs fields, every time", () => {
		const schema = z.object({ token: z.string() });
		for (let i = 0; i < 2; i++) expect(() => validatePart(schema, {}, "query")).toThrow("[query.token]");
	});

	test("a schema whose output for {} holds an object is parsed on every call", () => {
		const schema = z.object({ list: z.array(z.string()).default(() => []) });
		const first = validatePart(schema, {}, "query") as { list: string[] };
		first.list.push("leaked");
		expect(validatePart(schema, {}, "query")).toEqual({ list: [] });
	});
});

for (const dialect of await testDialects()) {
	describe(`NUL characters over HTTP [${dialect}]`, () => {
		test("body and query fields with U+0000 get 400 VALIDATION_ERROR, never 500", async () => {
			const t = await getTestInstance(dialect);
			const { client } = await t.signUp();
			const before = await t.snapshot();
			const revoke = await client.request("/revoke-session", { json: { token: "abc\u0000def" } });
			expect(revoke.status).toBe(400);
			expect(await revoke.json()).toEqual({ code: "VALIDATION_ERROR", message: "[body.token] Invalid input: NUL characters are not allowed" });
			const signIn = await t.client().request("/sign-in/email", { json: { email: "a\u0000@example.com", password: "password1234" } });
			expect(signIn.status).toBe(400);
			const verify = await t.client().request("/verify-email?token=a%00b");
			expect(verify.status).toBe(400);
			expect((await verify.json()).message).toBe("[query.token] Invalid input: NUL characters are not allowed");
			expect(await t.snapshot()).toEqual(before);
			// Passwords are only hashed, so a NUL in one is accepted.
			const up = await t.client().request("/sign-up/email", { json: { name: "P", email: "nul-password@example.com", password: "pass\u0000word1234" } });
			expect(up.status).toBe(200);
		});
	});
}
