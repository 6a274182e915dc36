/**
 * `POST /update-user` and `POST /set-password` (spec/core.md §9.11, §9.14).
 *
 * Attacks covered: changing the email without proving the new address (account takeover by
 * redirecting password resets), setting server-only fields such as `emailVerified` through
 * the body, taking another user's username, hostile or oversized strings reaching a 500 or
 * the database, a stolen session replacing an existing password through `/set-password`
 * (which asks for no current password), and two parallel `/set-password` calls both
 * creating a credential account.
 */
import { describe, expect, test } from "bun:test";
import { getTestInstance, TEST_ORIGIN, testDialects } from "../../testing/index.ts";
import type { TestInstance } from "../../testing/index.ts";
import type { LatchkeyOptions } from "../../context/options.ts";

const UNAUTHORIZED = { code: "UNAUTHORIZED", message: "Unauthorized" };
const VALIDATION = (message: string): { code: string; message: string } => ({ code: "VALIDATION_ERROR", message });

async function userRow(t: TestInstance<LatchkeyOptions>, id: string) {
	return t.auth.$context.storage.findOne("user", { id });
}

/** A user without a password (as after a social sign-up): the credential account is removed. */
async function passwordless(t: TestInstance<LatchkeyOptions>) {
	const signed = await t.signUp();
	await t.auth.$context.storage.delete("account", { userId: signed.body.user.id, providerId: "credential" });
	return signed;
}

for (const dialect of await testDialects()) {
	describe(`POST /update-user [${dialect}]`, () => {
		test("updates name and image, bumps updatedAt and re-sets the session cookie", async () => {
			let ms = Date.parse("2030-01-01T00:00:00.000Z");
			const t = await getTestInstance(dialect, { now: () => new Date(ms) });
			const { client, body } = await t.signUp();
			ms += 60_000;
			const res = await client.request("/update-user", { json: { name: "New Name", image: "https://img.example/a.png" } });
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({ status: true });
			const cookies = res.headers.getSetCookie();
			expect(cookies.some((c) => c.startsWith("better-auth.session_token=") && c.includes("Max-Age=604800"))).toBe(true);
			const row = await userRow(t, body.user.id);
			expect(row?.name).toBe("New Name");
			expect(row?.image).toBe("https://img.example/a.png");
			expect(row?.updatedAt.getTime()).toBe(ms);
			const session = await (await client.request("/get-session")).json();
			expect(session.user.name).toBe("New Name");
		});

		test("image null clears it; a don't-remember session keeps its browser-session cookie", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "dr@example.com" });
			const client = t.client();
			await client.request("/sign-in/email", { json: { email: "dr@example.com", password: "password1234", rememberMe: false } });
			await client.request("/update-user", { json: { image: "https://img.example/b.png" } });
			const res = await client.request("/update-user", { json: { image: null } });
			expect(res.status).toBe(200);
			const cookies = res.headers.getSetCookie();
			const token = cookies.find((c) => c.startsWith("better-auth.session_token="));
			expect(token).toBeDefined();
			expect(token).not.toContain("Max-Age");
			expect(cookies.some((c) => c.startsWith("better-auth.dont_remember=") && !c.includes("Max-Age=0"))).toBe(true);
			const session = await (await client.request("/get-session")).json();
			expect(session.user.image).toBeNull();
		});

		test("plugin fields: username is updated, and another user's username is refused", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ username: "taken_name" });
			const { client, body } = await t.signUp();
			const ok = await client.request("/update-user", { json: { username: "Fresh_Name" } });
			expect(ok.status).toBe(200);
			const row = await userRow(t, body.user.id);
			expect(row?.username).toBe("fresh_name");
			expect(row?.displayUsername).toBe("Fresh_Name");
			const taken = await client.request("/update-user", { json: { username: "taken_name" } });
			expect(taken.status).toBe(400);
			expect(await taken.json()).toEqual({ code: "USERNAME_IS_ALREADY_TAKEN", message: "Username is already taken. Please try another." });
			expect((await userRow(t, body.user.id))?.username).toBe("fresh_name");
		});

		test("400 EMAIL_CAN_NOT_BE_UPDATED, even with other fields; nothing changes", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp();
			const before = await userRow(t, body.user.id);
			const res = await client.request("/update-user", { json: { name: "X", email: "attacker@example.com" } });
			expect(res.status).toBe(400);
			expect(await res.json()).toEqual({ code: "EMAIL_CAN_NOT_BE_UPDATED", message: "Email can not be updated" });
			expect(await userRow(t, body.user.id)).toEqual(before);
		});

		test("400 No fields to update (no code) for empty, unknown-only or server-only fields", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp();
			const before = await userRow(t, body.user.id);
			for (const json of [{}, { emailVerified: true }, { id: "other", createdAt: "2000-01-01" }, { role: "admin" }]) {
				const res = await client.request("/update-user", { json });
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual({ message: "No fields to update" });
			}
			expect(await userRow(t, body.user.id)).toEqual(before);
		});

		test("400 BODY_MUST_BE_AN_OBJECT for arrays, strings, numbers, null and no body", async () => {
			const t = await getTestInstance(dialect);
			const { client } = await t.signUp();
			const before = await t.snapshot();
			for (const json of [[], ["name"], "name", 42, null]) {
				const res = await client.request("/update-user", { json });
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual({ code: "BODY_MUST_BE_AN_OBJECT", message: "Body must be an object" });
			}
			const none = await client.request("/update-user", { method: "POST" });
			expect(none.status).toBe(400);
			expect(await none.json()).toEqual({ code: "BODY_MUST_BE_AN_OBJECT", message: "Body must be an object" });
			expect(await t.snapshot()).toEqual(before);
		});

		test("bad input: wrong types, oversized and NUL strings are refused without change", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp();
			const before = await userRow(t, body.user.id);
			const cases: [unknown, string][] = [
				[{ name: 42 }, "[body.name] Invalid input: expected string, received number"],
				[{ name: null }, "[body.name] Invalid input: expected string, received null"],
				[{ image: 7 }, "[body.image] Invalid input: expected string, received number"],
				[{ name: "x".repeat(257) }, "[body.name] Too big: expected string to have <=256 characters"],
				[{ image: "x".repeat(2049) }, "[body.image] Too big: expected string to have <=2048 characters"],
				[{ name: "a\u0000b" }, "[body.name] Invalid input: NUL characters are not allowed"],
			];
			for (const [json, message] of cases) {
				const res = await client.request("/update-user", { json });
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual(VALIDATION(message));
			}
			const hostile = "<script>alert(1)</script>'; DROP TABLE user; --";
			const stored = await client.request("/update-user", { json: { name: hostile } });
			expect(stored.status).toBe(200);
			expect((await userRow(t, body.user.id))?.name).toBe(hostile);
			expect((await userRow(t, body.user.id))?.email).toBe(before?.email ?? "");
		});

		test("401 without a session; 403 for a cross-site Origin", async () => {
			const t = await getTestInstance(dialect);
			const res = await t.client().request("/update-user", { json: { name: "X" } });
			expect(res.status).toBe(401);
			expect(await res.json()).toEqual(UNAUTHORIZED);
			const { client, body } = await t.signUp();
			const evil = await client.request("/update-user", { json: { name: "Evil" }, headers: { origin: "https://evil.example" } });
			expect(evil.status).toBe(403);
			expect((await userRow(t, body.user.id))?.name).toBe("Test User");
		});
	});

	describe(`POST /set-password [${dialect}]`, () => {
		test("creates the credential account for a user without one; sign-in then works", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await passwordless(t);
			const res = await client.request("/set-password", { json: { newPassword: "brand-new-pass" } });
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({ status: true });
			const signIn = await t.client().request("/sign-in/email", { json: { email: body.user.email, password: "brand-new-pass" } });
			expect(signIn.status).toBe(200);
		});

		test("fills an empty password of an existing credential account", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp();
			await t.auth.$context.storage.update("account", { userId: body.user.id, providerId: "credential" }, { password: null });
			const res = await client.request("/set-password", { json: { newPassword: "brand-new-pass" } });
			expect(res.status).toBe(200);
			expect(await t.auth.$context.storage.count("account", { userId: body.user.id })).toBe(1);
			const signIn = await t.client().request("/sign-in/email", { json: { email: body.user.email, password: "brand-new-pass" } });
			expect(signIn.status).toBe(200);
		});

		test("400 PASSWORD_ALREADY_SET when a password exists: a session alone cannot replace it", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp();
			const before = await t.snapshot();
			const res = await client.request("/set-password", { json: { newPassword: "attacker-pass" } });
			expect(res.status).toBe(400);
			expect(await res.json()).toEqual({ code: "PASSWORD_ALREADY_SET", message: "User already has a password set" });
			expect(await t.snapshot()).toEqual(before);
			const old = await t.client().request("/sign-in/email", { json: { email: body.user.email, password: "password1234" } });
			expect(old.status).toBe(200);
		});

		test("20 parallel calls: exactly one succeeds, one credential account", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await passwordless(t);
			const results = await Promise.all(Array.from({ length: 20 }, (_, i) => client.request("/set-password", { json: { newPassword: `parallel-pass-${i}` } })));
			expect(results.filter((r) => r.status === 200)).toHaveLength(1);
			expect(results.filter((r) => r.status === 400)).toHaveLength(19);
			expect(await t.auth.$context.storage.count("account", { userId: body.user.id, providerId: "credential" })).toBe(1);
		});

		test("length rules and bad input; nothing is created", async () => {
			const t = await getTestInstance(dialect);
			const { client } = await passwordless(t);
			const before = await t.snapshot();
			const cases: [unknown, { code: string; message: string }][] = [
				[{ newPassword: "short" }, { code: "PASSWORD_TOO_SHORT", message: "Password too short" }],
				[{ newPassword: "x".repeat(129) }, { code: "PASSWORD_TOO_LONG", message: "Password too long" }],
				[{}, VALIDATION("[body.newPassword] Invalid input: expected string, received undefined")],
				[{ newPassword: 12345678 }, VALIDATION("[body.newPassword] Invalid input: expected string, received number")],
			];
			for (const [json, error] of cases) {
				const res = await client.request("/set-password", { json });
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual(error);
			}
			expect(await t.snapshot()).toEqual(before);
		});

		test("401 without a session", async () => {
			const t = await getTestInstance(dialect);
			const res = await t.auth.handler(
				new Request(`${TEST_ORIGIN}/api/auth/set-password`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ newPassword: "brand-new-pass" }) }),
			);
			expect(res.status).toBe(401);
			expect(await res.json()).toEqual(UNAUTHORIZED);
		});
	});
}
