/**
 * `POST /delete-user` and `GET /delete-user/callback` (spec/core.md §9.16, §9.17).
 *
 * Attacks covered: a stolen, old session deleting the account without the password; a
 * wrong password accepted; a deletion token used twice, used by another user's session, or
 * raced by twenty parallel clicks; emailed links built from a spoofed Host header; an
 * open redirect through `callbackURL`; and a half-done deletion leaving sessions alive.
 */
import { describe, expect, test } from "bun:test";
import { getTestInstance, TEST_ORIGIN, testDialects } from "../../testing/index.ts";
import type { TestInstance } from "../../testing/index.ts";
import type { LatchkeyOptions } from "../../context/options.ts";
import type { EmailPayload } from "../../context/user-options.ts";

const START = Date.parse("2030-01-01T00:00:00.000Z");
const DELETED = { success: true, message: "User deleted" };
const CLEARED = [
	"better-auth.session_token=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
	"better-auth.session_data=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
	"better-auth.dont_remember=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
];

async function rows(t: TestInstance<LatchkeyOptions>, userId: string): Promise<number[]> {
	const storage = t.auth.$context.storage;
	return [await storage.count("user", { id: userId }), await storage.count("session", { userId }), await storage.count("account", { userId })];
}

function withMail(extra: Record<string, unknown> = {}) {
	const sent: EmailPayload[] = [];
	const options = { user: { deleteUser: { enabled: true, sendDeleteAccountVerification: (p: EmailPayload) => void sent.push(p), ...extra } } };
	return { sent, options };
}

for (const dialect of await testDialects()) {
	describe(`POST /delete-user [${dialect}]`, () => {
		test("fresh session: deletes user, sessions and accounts, clears cookies, runs hooks", async () => {
			const calls: string[] = [];
			const t = await getTestInstance(dialect, {
				user: { deleteUser: { enabled: true, beforeDelete: (u) => void calls.push(`before:${u.id}`), afterDelete: (u) => void calls.push(`after:${u.id}`) } },
			});
			const { client, body } = await t.signUp();
			const res = await client.request("/delete-user", { json: {} });
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual(DELETED);
			expect(res.headers.getSetCookie()).toEqual(CLEARED);
			expect(await rows(t, body.user.id)).toEqual([0, 0, 0]);
			expect(calls).toEqual([`before:${body.user.id}`, `after:${body.user.id}`]);
		});

		test("disabled by default: 404 with an empty body, nothing deleted", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp();
			const res = await client.request("/delete-user", { json: {} });
			expect(res.status).toBe(404);
			expect(await res.text()).toBe("");
			expect(await rows(t, body.user.id)).toEqual([1, 1, 1]);
		});

		test("old session: 400 SESSION_EXPIRED without a password; the right password still deletes", async () => {
			let ms = START;
			const t = await getTestInstance(dialect, { now: () => new Date(ms), user: { deleteUser: { enabled: true } } });
			const { client, body } = await t.signUp();
			ms += 86_400_000;
			const stale = await client.request("/delete-user", { json: {} });
			expect(stale.status).toBe(400);
			expect(await stale.json()).toEqual({ code: "SESSION_EXPIRED", message: "Session expired. Re-authenticate to perform this action." });
			expect(await rows(t, body.user.id)).toEqual([1, 1, 1]);
			const ok = await client.request("/delete-user", { json: { password: "password1234" } });
			expect(ok.status).toBe(200);
			expect(await rows(t, body.user.id)).toEqual([0, 0, 0]);
		});

		test("400 INVALID_PASSWORD, PASSWORD_TOO_LONG and CREDENTIAL_ACCOUNT_NOT_FOUND; nothing deleted", async () => {
			const t = await getTestInstance(dialect, { user: { deleteUser: { enabled: true } } });
			const { client, body } = await t.signUp();
			const before = await t.snapshot();
			const wrong = await client.request("/delete-user", { json: { password: "wrong-password" } });
			expect(wrong.status).toBe(400);
			expect(await wrong.json()).toEqual({ code: "INVALID_PASSWORD", message: "Invalid password" });
			const long = await client.request("/delete-user", { json: { password: "x".repeat(129) } });
			expect(long.status).toBe(400);
			expect(await long.json()).toEqual({ code: "PASSWORD_TOO_LONG", message: "Password too long" });
			expect(await t.snapshot()).toEqual(before);
			await t.auth.$context.storage.delete("account", { userId: body.user.id });
			const none = await client.request("/delete-user", { json: { password: "password1234" } });
			expect(none.status).toBe(400);
			expect(await none.json()).toEqual({ code: "CREDENTIAL_ACCOUNT_NOT_FOUND", message: "Credential account not found" });
			expect((await rows(t, body.user.id))[0]).toBe(1);
		});

		test("bad input: wrong types, huge token, hostile callbackURL", async () => {
			const t = await getTestInstance(dialect, withMail().options);
			const { client } = await t.signUp();
			const before = await t.snapshot();
			const cases: [unknown, number, unknown][] = [
				[{ password: 1 }, 400, { code: "VALIDATION_ERROR", message: "[body.password] Invalid input: expected string, received number" }],
				[{ token: "x".repeat(513) }, 400, { code: "VALIDATION_ERROR", message: "[body.token] Too big: expected string to have <=512 characters" }],
				[{ callbackURL: "https://evil.example/bye" }, 403, { code: "INVALID_CALLBACK_URL", message: "Invalid callbackURL" }],
				[{ callbackURL: "//evil.example" }, 403, { code: "INVALID_CALLBACK_URL", message: "Invalid callbackURL" }],
				["delete", 400, { code: "VALIDATION_ERROR", message: "[body] Invalid input: expected object, received string" }],
			];
			for (const [json, status, error] of cases) {
				const res = await client.request("/delete-user", { json });
				expect(res.status).toBe(status);
				expect(await res.json()).toEqual(error);
			}
			expect(await t.snapshot()).toEqual(before);
		});

		test("with a sender: emails a link from the configured baseURL, deletes nothing yet", async () => {
			const { sent, options } = withMail();
			const t = await getTestInstance(dialect, options);
			const { client, body } = await t.signUp();
			const res = await client.request("/delete-user", { json: { password: "password1234", callbackURL: "/bye" }, headers: { host: "evil.example" } });
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({ success: true, message: "Verification email sent" });
			expect(await rows(t, body.user.id)).toEqual([1, 1, 1]);
			expect(sent).toHaveLength(1);
			const mail = sent[0];
			expect(mail?.token).toMatch(/^[a-z0-9]{32}$/);
			expect(mail?.url).toBe(`${TEST_ORIGIN}/api/auth/delete-user/callback?token=${mail?.token}&callbackURL=%2Fbye`);
			expect(mail?.user.id).toBe(body.user.id);
			const row = await t.auth.$context.storage.findOne("verification", { identifier: `delete-account-${mail?.token}` });
			expect(row?.value).toBe(body.user.id);
		});

		test("token in the body: single use; another user's token is 404 INVALID_TOKEN and survives", async () => {
			const { sent, options } = withMail();
			const t = await getTestInstance(dialect, options);
			const victim = await t.signUp();
			const attacker = await t.signUp();
			await victim.client.request("/delete-user", { json: {} });
			const token = sent[0]?.token;
			const stolen = await attacker.client.request("/delete-user", { json: { token } });
			expect(stolen.status).toBe(404);
			expect(await stolen.json()).toEqual({ code: "INVALID_TOKEN", message: "Invalid token" });
			expect(await rows(t, attacker.body.user.id)).toEqual([1, 1, 1]);
			const ok = await victim.client.request("/delete-user", { json: { token } });
			expect(ok.status).toBe(200);
			expect(await ok.json()).toEqual(DELETED);
			expect(await rows(t, victim.body.user.id)).toEqual([0, 0, 0]);
		});

		test("401 without a session", async () => {
			const t = await getTestInstance(dialect, { user: { deleteUser: { enabled: true } } });
			const res = await t.client().request("/delete-user", { json: {} });
			expect(res.status).toBe(401);
			expect(await res.json()).toEqual({ code: "UNAUTHORIZED", message: "Unauthorized" });
		});
	});

	describe(`GET /delete-user/callback [${dialect}]`, () => {
		async function mailed(extra: Record<string, unknown> = {}) {
			const { sent, options } = withMail(extra);
			const t = await getTestInstance(dialect, options);
			const signed = await t.signUp();
			await signed.client.request("/delete-user", { json: {} });
			return { t, ...signed, token: sent[0]?.token ?? "" };
		}

		test("deletes and redirects to callbackURL (302, cookies cleared)", async () => {
			const { t, client, body, token } = await mailed();
			const res = await client.request(`/delete-user/callback?token=${token}&callbackURL=%2Fbye`);
			expect(res.status).toBe(302);
			expect(res.headers.get("location")).toBe("/bye");
			expect(res.headers.getSetCookie()).toEqual(CLEARED);
			expect(await rows(t, body.user.id)).toEqual([0, 0, 0]);
		});

		test("without callbackURL: 200 User deleted; a second use is 404 INVALID_TOKEN", async () => {
			const { t, client, body, token } = await mailed();
			const keep = t.client();
			await keep.request("/sign-in/email", { json: { email: body.user.email, password: "password1234" } });
			const res = await keep.request(`/delete-user/callback?token=${token}`);
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual(DELETED);
			const again = await client.request(`/delete-user/callback?token=${token}`);
			expect(again.status).toBe(404);
		});

		test("20 parallel uses of one token: exactly one deletion succeeds", async () => {
			const { t, client, body, token } = await mailed();
			const results = await Promise.all(Array.from({ length: 20 }, () => client.request(`/delete-user/callback?token=${token}`)));
			expect(results.filter((r) => r.status === 200)).toHaveLength(1);
			expect(results.filter((r) => r.status === 404)).toHaveLength(19);
			expect(await rows(t, body.user.id)).toEqual([0, 0, 0]);
		});

		test("another user's session, a wrong or expired token: 404 INVALID_TOKEN, nothing deleted", async () => {
			const { t, body, token } = await mailed({ deleteTokenExpiresIn: 60 });
			const other = await t.signUp();
			const foreign = await other.client.request(`/delete-user/callback?token=${token}`);
			expect(foreign.status).toBe(404);
			expect(await foreign.json()).toEqual({ code: "INVALID_TOKEN", message: "Invalid token" });
			const bogus = await other.client.request(`/delete-user/callback?token=${"a".repeat(32)}`);
			expect(await bogus.json()).toEqual({ code: "INVALID_TOKEN", message: "Invalid token" });
			await t.auth.$context.storage.update("verification", { identifier: `delete-account-${token}` }, { expiresAt: new Date(Date.now() - 1000) });
			const signed = t.client();
			await signed.request("/sign-in/email", { json: { email: body.user.email, password: "password1234" } });
			const expired = await signed.request(`/delete-user/callback?token=${token}`);
			expect(expired.status).toBe(404);
			expect(await expired.json()).toEqual({ code: "INVALID_TOKEN", message: "Invalid token" });
			expect(await rows(t, body.user.id)).toEqual([1, 2, 1]);
			expect(await rows(t, other.body.user.id)).toEqual([1, 1, 1]);
		});

		test("no session: 404 FAILED_TO_GET_USER_INFO; disabled: 404 NOT_FOUND; bad query", async () => {
			const { t, body, token } = await mailed();
			const anon = await t.client().request(`/delete-user/callback?token=${token}`);
			expect(anon.status).toBe(404);
			expect(await anon.json()).toEqual({ code: "FAILED_TO_GET_USER_INFO", message: "Failed to get user info" });
			const missing = await t.client().request("/delete-user/callback");
			expect(missing.status).toBe(400);
			expect(await missing.json()).toEqual({ code: "VALIDATION_ERROR", message: "[query.token] Invalid input: expected string, received undefined" });
			const evil = await t.client().request(`/delete-user/callback?token=${token}&callbackURL=https%3A%2F%2Fevil.example`);
			expect(evil.status).toBe(403);
			expect(await rows(t, body.user.id)).toEqual([1, 1, 1]);
			const off = await getTestInstance(dialect);
			const signed = await off.signUp();
			const res = await signed.client.request(`/delete-user/callback?token=${token}`);
			expect(res.status).toBe(404);
			expect(await res.json()).toEqual({ code: "NOT_FOUND", message: "Not found" });
		});
	});
}
