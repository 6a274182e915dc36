/**
 * `POST /change-password` (spec/core.md §9.13).
 *
 * Attacks covered: someone holding a stolen session changing the password without knowing
 * the current one; a password change that leaves the thief's session alive when the user
 * asked to sign out everywhere; two parallel changes made with the same current password
 * both being applied; and hostile or oversized input reaching the hasher or a 500.
 */
import { describe, expect, test } from "bun:test";
import { getTestInstance, TEST_ORIGIN, testDialects } from "../../testing/index.ts";
import type { TestInstance } from "../../testing/index.ts";
import type { LatchkeyOptions } from "../../context/options.ts";

const VALIDATION = (message: string): { code: string; message: string } => ({ code: "VALIDATION_ERROR", message });

async function canSignIn(t: TestInstance<LatchkeyOptions>, email: string, password: string): Promise<boolean> {
	return (await t.client().request("/sign-in/email", { json: { email, password } })).status === 200;
}

for (const dialect of await testDialects()) {
	describe(`POST /change-password [${dialect}]`, () => {
		test("changes the password; token null and no cookie without revokeOtherSessions", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp({ email: "cp@example.com" });
			const other = t.client();
			await other.request("/sign-in/email", { json: { email: "cp@example.com", password: "password1234" } });
			const res = await client.request("/change-password", { json: { currentPassword: "password1234", newPassword: "new-password-1" } });
			expect(res.status).toBe(200);
			const json = await res.json();
			expect(json.token).toBeNull();
			expect(json.user.id).toBe(body.user.id);
			expect(json.user.password).toBeUndefined();
			expect(res.headers.getSetCookie()).toEqual([]);
			expect(await canSignIn(t, "cp@example.com", "new-password-1")).toBe(true);
			expect(await canSignIn(t, "cp@example.com", "password1234")).toBe(false);
			expect(await (await other.request("/get-session")).json()).not.toBeNull();
		});

		test("revokeOtherSessions: every old session goes, a new one is set as cookie", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp({ email: "rv@example.com" });
			const thief = t.client();
			await thief.request("/sign-in/email", { json: { email: "rv@example.com", password: "password1234" } });
			const res = await client.request("/change-password", {
				json: { currentPassword: "password1234", newPassword: "new-password-1", revokeOtherSessions: true },
			});
			expect(res.status).toBe(200);
			expect(res.headers.get("cache-control")).toBe("no-store");
			const json = await res.json();
			expect(json.token).toHaveLength(32);
			expect(json.token).not.toBe(body.token);
			const storage = t.auth.$context.storage;
			const sessions = await storage.findMany("session", { userId: body.user.id });
			expect(sessions.map((s) => s.token)).toEqual([json.token]);
			expect(res.headers.getSetCookie().some((c) => c.startsWith("better-auth.session_token=") && c.includes("Max-Age=604800"))).toBe(true);
			expect((await (await client.request("/get-session")).json()).session.token).toBe(json.token);
			expect(await (await thief.request("/get-session")).json()).toBeNull();
		});

		test("400 INVALID_PASSWORD for a wrong current password; nothing changes", async () => {
			const t = await getTestInstance(dialect);
			const { client } = await t.signUp({ email: "wrong@example.com" });
			const before = await t.snapshot();
			const res = await client.request("/change-password", {
				json: { currentPassword: "not-the-password", newPassword: "new-password-1", revokeOtherSessions: true },
			});
			expect(res.status).toBe(400);
			expect(await res.json()).toEqual({ code: "INVALID_PASSWORD", message: "Invalid password" });
			expect(await t.snapshot()).toEqual(before);
			expect(await canSignIn(t, "wrong@example.com", "password1234")).toBe(true);
		});

		test("400 CREDENTIAL_ACCOUNT_NOT_FOUND without a credential account or password", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp();
			const storage = t.auth.$context.storage;
			await storage.update("account", { userId: body.user.id }, { password: null });
			const json = { currentPassword: "password1234", newPassword: "new-password-1" };
			const empty = await client.request("/change-password", { json });
			expect(empty.status).toBe(400);
			expect(await empty.json()).toEqual({ code: "CREDENTIAL_ACCOUNT_NOT_FOUND", message: "Credential account not found" });
			await storage.delete("account", { userId: body.user.id });
			const none = await client.request("/change-password", { json });
			expect(none.status).toBe(400);
			expect(await none.json()).toEqual({ code: "CREDENTIAL_ACCOUNT_NOT_FOUND", message: "Credential account not found" });
		});

		test("length rules: new too short / too long, current too long", async () => {
			const t = await getTestInstance(dialect);
			const { client } = await t.signUp({ email: "len@example.com" });
			const before = await t.snapshot();
			const cases: [unknown, { code: string; message: string }][] = [
				[{ currentPassword: "password1234", newPassword: "short" }, { code: "PASSWORD_TOO_SHORT", message: "Password too short" }],
				[{ currentPassword: "password1234", newPassword: "x".repeat(129) }, { code: "PASSWORD_TOO_LONG", message: "Password too long" }],
				[{ currentPassword: "x".repeat(129), newPassword: "new-password-1" }, { code: "PASSWORD_TOO_LONG", message: "Password too long" }],
			];
			for (const [json, error] of cases) {
				const res = await client.request("/change-password", { json });
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual(error);
			}
			expect(await t.snapshot()).toEqual(before);
			expect(await canSignIn(t, "len@example.com", "password1234")).toBe(true);
		});

		test("bad input: missing fields and wrong types", async () => {
			const t = await getTestInstance(dialect);
			const { client } = await t.signUp();
			const before = await t.snapshot();
			const cases: [unknown, string][] = [
				[{ newPassword: "new-password-1" }, "[body.currentPassword] Invalid input: expected string, received undefined"],
				[{ currentPassword: "password1234" }, "[body.newPassword] Invalid input: expected string, received undefined"],
				[{ currentPassword: 1, newPassword: "new-password-1" }, "[body.currentPassword] Invalid input: expected string, received number"],
				[{ currentPassword: "password1234", newPassword: "new-password-1", revokeOtherSessions: "yes" }, "[body.revokeOtherSessions] Invalid input: expected boolean, received string"],
				[[], "[body] Invalid input: expected object, received array"],
			];
			for (const [json, message] of cases) {
				const res = await client.request("/change-password", { json });
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual(VALIDATION(message));
			}
			expect(await t.snapshot()).toEqual(before);
		});

		test("20 parallel changes with the same current password: exactly one applies", async () => {
			const t = await getTestInstance(dialect);
			const { client } = await t.signUp({ email: "race@example.com" });
			const results = await Promise.all(
				Array.from({ length: 20 }, (_, i) => client.request("/change-password", { json: { currentPassword: "password1234", newPassword: `race-password-${i}` } })),
			);
			const winners = results.flatMap((r, i) => (r.status === 200 ? [i] : []));
			expect(winners).toHaveLength(1);
			for (const r of results) if (r.status !== 200) expect(await r.json()).toEqual({ code: "INVALID_PASSWORD", message: "Invalid password" });
			expect(await canSignIn(t, "race@example.com", `race-password-${winners[0]}`)).toBe(true);
		});

		test("401 without a session", async () => {
			const t = await getTestInstance(dialect);
			const res = await t.auth.handler(
				new Request(`${TEST_ORIGIN}/api/auth/change-password`, {
					method: "POST",
					headers: { "content-type": "application/json" },
					body: JSON.stringify({ currentPassword: "password1234", newPassword: "new-password-1" }),
				}),
			);
			expect(res.status).toBe(401);
			expect(await res.json()).toEqual({ code: "UNAUTHORIZED", message: "Unauthorized" });
		});
	});
}
