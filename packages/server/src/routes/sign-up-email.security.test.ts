/**
 * Attacks on `POST /sign-up/email`.
 *
 * Sign-up is the one unauthenticated route that writes rows, so it is where an attacker
 * probes first: mass assignment (sending `emailVerified`, `id` or `role` and hoping they are
 * stored), prototype pollution through `__proto__` / `constructor` keys, hostile strings
 * (SQL fragments, bidi overrides, NUL bytes, oversized values) hoping to reach a 500 that
 * leaks internals or a row that breaks later readers, malformed or oversized bodies, and
 * races: firing the same email or username many times at once so that a check-then-insert
 * lets two accounts through. Every refusal must be a clean `{ code, message }` and must
 * leave the database untouched.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { getTestInstance, testDialects } from "../testing/index.ts";
import type { TestClient } from "../testing/index.ts";

function signUp(c: TestClient, json: unknown): Promise<Response> {
	return c.request("/sign-up/email", { json });
}

function raw(c: TestClient, body: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
	return c.request("/sign-up/email", { method: "POST", headers, body });
}

afterEach(() => {
	// A polluted prototype would leak into every later test; fail loudly here instead.
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	expect(({} as Record<string, unknown>).emailVerified).toBeUndefined();
});

for (const dialect of await testDialects()) {
	describe(`sign-up security [${dialect}]`, () => {
		test("mass assignment: unknown and server-owned keys are ignored and not stored", async () => {
			const t = await getTestInstance(dialect);
			const res = await signUp(t.client(), {
				name: "Mallory",
				email: "mallory@example.com",
				password: "password1234",
				id: "attacker-chosen-id-000000000000000",
				emailVerified: true,
				role: "admin",
				twoFactorEnabled: true,
				banReason: "x",
				createdAt: "2000-01-01T00:00:00.000Z",
				userId: "someone-else",
				banned: false,
				nickname: "mal",
			});
			expect(res.status).toBe(200);
			const { user } = await res.json();
			expect(user.id).not.toBe("attacker-chosen-id-000000000000000");
			expect(user.emailVerified).toBe(false);
			expect(user.createdAt).not.toBe("2000-01-01T00:00:00.000Z");
			expect(Object.keys(user).sort()).toEqual(["createdAt", "displayUsername", "email", "emailVerified", "id", "image", "name", "updatedAt", "username"]);
			const row = await t.auth.$context.storage.findOne("user", { email: "mallory@example.com" });
			expect(row?.emailVerified).toBe(false);
			// Plugin columns exist in the table but keep their defaults: nothing from the body reached them.
			expect(row).toMatchObject({ role: null, banned: false, banReason: null, twoFactorEnabled: false });
			expect(row?.id).not.toBe("attacker-chosen-id-000000000000000");
			expect(row ?? {}).not.toHaveProperty("nickname");
			expect(row ?? {}).not.toHaveProperty("userId");
		});

		test("__proto__ and constructor keys neither pollute Object.prototype nor reach the row", async () => {
			const t = await getTestInstance(dialect);
			const json = `{"name":"Proto","email":"proto@example.com","password":"password1234","__proto__":{"polluted":"yes","emailVerified":true},"constructor":{"prototype":{"polluted":"yes"}}}`;
			const res = await raw(t.client(), json, { "content-type": "application/json" });
			expect(res.status).toBe(200);
			const { user } = await res.json();
			expect(user.emailVerified).toBe(false);
			expect(({} as Record<string, unknown>).polluted).toBeUndefined();
			const form = new URLSearchParams({ name: "Form", email: "proto-form@example.com", password: "password1234", __proto__: "x", constructor: "y" });
			form.append("__proto__[polluted]", "yes");
			const formRes = await raw(t.client(), form.toString(), { "content-type": "application/x-www-form-urlencoded" });
			expect(formRes.status).toBe(200);
			expect(({} as Record<string, unknown>).polluted).toBeUndefined();
			const viaApi = await t.auth.api.signUpEmail({
				body: JSON.parse(`{"name":"Api","email":"proto-api@example.com","password":"password1234","__proto__":{"polluted":"yes"}}`),
			});
			expect(viaApi.user.emailVerified).toBe(false);
			expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		});

		test("hostile strings are stored verbatim, never a 500", async () => {
			const t = await getTestInstance(dialect);
			const names = [
				"' OR 1=1 --",
				"Robert'); DROP TABLE \"user\";--",
				"\u202Egnp.exe",
				"zero\u200Bwidth\u200D\uFEFF",
				"<script>alert(1)</script>",
				"ﷺ𝕬🔑\u0301",
				"%00%27",
			];
			for (const [i, name] of names.entries()) {
				const res = await signUp(t.client(), { name, email: `hostile${i}@example.com`, password: "' OR 1=1 --" });
				expect(res.status).toBe(200);
				expect((await res.json()).user.name).toBe(name);
				const row = await t.auth.$context.storage.findOne("user", { email: `hostile${i}@example.com` });
				expect(row?.name).toBe(name);
			}
			const sqlEmail = await signUp(t.client(), { name: "x", email: "' OR 1=1 --@example.com", password: "password1234" });
			expect(sqlEmail.status).toBe(400);
			expect(await sqlEmail.json()).toEqual({ code: "VALIDATION_ERROR", message: "[body.email] Invalid email address" });
			const signIn = await t.client().request("/sign-in/email", { json: { email: "hostile0@example.com", password: "' OR 1=1 --" } });
			expect(signIn.status).toBe(200);
			expect(await t.snapshot()).toEqual({ user: names.length, session: names.length + 1, account: names.length, verification: 0 });
		});

		test("NUL bytes are refused with 400 on every dialect (PostgreSQL cannot store them)", async () => {
			const t = await getTestInstance(dialect);
			const before = await t.snapshot();
			const cases: [Record<string, unknown>, { code: string; message: string }][] = [
				[{ name: "nul\u0000name" }, { code: "VALIDATION_ERROR", message: "[body.name] Invalid input: NUL characters are not allowed" }],
				[{ image: "https://x.example/\u0000" }, { code: "VALIDATION_ERROR", message: "[body.image] Invalid input: NUL characters are not allowed" }],
				[{ username: "nulname", displayUsername: "nul\u0000" }, { code: "VALIDATION_ERROR", message: "[body.displayUsername] Invalid input: NUL characters are not allowed" }],
				[{ username: "nul\u0000name" }, { code: "VALIDATION_ERROR", message: "[body.username] Invalid input: NUL characters are not allowed" }],
			];
			for (const [extra, expected] of cases) {
				const res = await signUp(t.client(), { name: "ok", email: "nul@example.com", password: "password1234", ...extra });
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual(expected);
			}
			const email = await signUp(t.client(), { name: "ok", email: "nul\u0000@example.com", password: "password1234" });
			expect(email.status).toBe(400);
			expect((await email.json()).code).toBe("VALIDATION_ERROR");
			expect(await t.snapshot()).toEqual(before);
			// A NUL in the password is harmless: it is only ever hashed.
			const password = await signUp(t.client(), { name: "ok", email: "nulpw@example.com", password: "pass\u0000word1234" });
			expect(password.status).toBe(200);
		});

		test("oversized fields are 400 VALIDATION_ERROR: name over 256, email over 254, image over 2048", async () => {
			const t = await getTestInstance(dialect);
			const before = await t.snapshot();
			const cases: [Record<string, unknown>, string][] = [
				[{ name: "n".repeat(257) }, "[body.name] Too big: expected string to have <=256 characters"],
				[{ email: `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.com` }, "[body.email] Too big: expected string to have <=254 characters"],
				[{ image: `https://x.example/${"i".repeat(2048)}` }, "[body.image] Too big: expected string to have <=2048 characters"],
			];
			for (const [extra, message] of cases) {
				const res = await signUp(t.client(), { name: "ok", email: "big@example.com", password: "password1234", ...extra });
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual({ code: "VALIDATION_ERROR", message });
			}
			expect(await t.snapshot()).toEqual(before);
			expect((await signUp(t.client(), { name: "n".repeat(256), email: "edge@example.com", password: "password1234" })).status).toBe(200);
		});

		test("malformed JSON is 400 BAD_REQUEST", async () => {
			const t = await getTestInstance(dialect);
			const before = await t.snapshot();
			for (const body of ['{"name":"x",', "{'name':'x'}", "undefined", '{"a":1}}', "\u0000"]) {
				const res = await raw(t.client(), body, { "content-type": "application/json" });
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual({ code: "BAD_REQUEST", message: "Invalid JSON in request body" });
			}
			expect(await t.snapshot()).toEqual(before);
		});

		test("a body over 1 MiB is 413 before it is parsed", async () => {
			const t = await getTestInstance(dialect);
			const before = await t.snapshot();
			const huge = JSON.stringify({ name: "x".repeat(1024 * 1024), email: "huge@example.com", password: "password1234" });
			const res = await raw(t.client(), huge, { "content-type": "application/json" });
			expect(res.status).toBe(413);
			expect((await res.json()).code).toBe("PAYLOAD_TOO_LARGE");
			// A streamed body with no Content-Length is cut off as well.
			const bytes = new TextEncoder().encode(huge);
			const stream = new ReadableStream<Uint8Array>({
				start(controller) {
					for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
					controller.close();
				},
			});
			const streamed = await raw(t.client(), stream, { "content-type": "application/json" });
			expect(streamed.status).toBe(413);
			expect(await t.snapshot()).toEqual(before);
		});

		test("text/plain is 415, and a body with no Content-Type is 415", async () => {
			const t = await getTestInstance(dialect);
			const before = await t.snapshot();
			const json = JSON.stringify({ name: "x", email: "ct@example.com", password: "password1234" });
			const plain = await raw(t.client(), json, { "content-type": "text/plain" });
			expect(plain.status).toBe(415);
			expect(await plain.json()).toEqual({
				code: "UNSUPPORTED_MEDIA_TYPE",
				message: 'Content-Type "text/plain" is not allowed. Allowed types: application/json, application/x-www-form-urlencoded',
			});
			const vendor = await raw(t.client(), json, { "content-type": "application/vnd.api+json" });
			expect(vendor.status).toBe(415);
			// A Uint8Array body gets no Content-Type from the Request constructor.
			const none = await raw(t.client(), new TextEncoder().encode(json));
			expect(none.status).toBe(415);
			expect(await none.json()).toEqual({
				code: "UNSUPPORTED_MEDIA_TYPE",
				message: "Content-Type is required. Allowed types: application/json, application/x-www-form-urlencoded",
			});
			const charset = await raw(t.client(), json, { "content-type": "application/json; charset=utf-8" });
			expect(charset.status).toBe(200);
			expect(await t.snapshot()).toEqual({ user: 1, session: 1, account: 1, verification: 0 });
		});

		test("race: 20 parallel sign-ups with one email create exactly one user", async () => {
			const t = await getTestInstance(dialect);
			const responses = await Promise.all(
				Array.from({ length: 20 }, (_, i) => signUp(t.client(), { name: `R${i}`, email: i % 2 ? "race@example.com" : "RACE@example.com", password: "password1234" })),
			);
			const statuses = responses.map((r) => r.status).sort();
			expect(statuses.filter((s) => s === 200)).toHaveLength(1);
			expect(statuses.filter((s) => s === 422)).toHaveLength(19);
			for (const res of responses) {
				if (res.status === 422) expect(await res.json()).toEqual({ code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", message: "User already exists. Use another email." });
			}
			expect(await t.auth.$context.storage.findMany("user", { email: "race@example.com" })).toHaveLength(1);
			expect(await t.snapshot()).toEqual({ user: 1, session: 1, account: 1, verification: 0 });
		});

		test("race: 20 parallel sign-ups with one username and different emails create exactly one user", async () => {
			const t = await getTestInstance(dialect);
			const responses = await Promise.all(
				Array.from({ length: 20 }, (_, i) => signUp(t.client(), { name: `U${i}`, email: `u${i}@example.com`, password: "password1234", username: i % 2 ? "Racer" : "racer" })),
			);
			expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
			for (const res of responses) {
				if (res.status === 200) continue;
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual({ code: "USERNAME_IS_ALREADY_TAKEN", message: "Username is already taken. Please try another." });
			}
			expect(await t.snapshot()).toEqual({ user: 1, session: 1, account: 1, verification: 0 });
		});
	});
}
