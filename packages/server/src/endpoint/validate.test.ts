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
