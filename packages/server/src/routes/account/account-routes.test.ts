/**
 * `GET /list-accounts` and `POST /unlink-account` (spec/core.md §9.25, §9.26).
 *
 * Attacks covered: reading OAuth tokens or the password hash through the account list;
 * unlinking another user's account by its id; locking oneself (or a victim with a stolen
 * session) out by unlinking the last account, including with two parallel unlinks of a
 * user's two accounts that would each see "two accounts left"; and an old stolen session
 * unlinking accounts (freshness).
 */
import { describe, expect, test } from "bun:test";
import { getTestInstance, testDialects } from "../../testing/index.ts";
import type { TestInstance } from "../../testing/index.ts";
import type { LatchkeyOptions } from "../../context/options.ts";
import type { AccountRow } from "../../storage/rows.ts";

const START = Date.parse("2030-01-01T00:00:00.000Z");
const LAST = { code: "FAILED_TO_UNLINK_LAST_ACCOUNT", message: "You can't unlink your last account" };
const NOT_FOUND = { code: "ACCOUNT_NOT_FOUND", message: "Account not found" };

/** Adds a social account with tokens to a user. */
async function addGithub(t: TestInstance<LatchkeyOptions>, userId: string, suffix = "1"): Promise<AccountRow> {
	const now = new Date();
	return t.auth.$context.storage.create("account", {
		id: `gh-${suffix}-${userId}`,
		accountId: `github-user-${suffix}`,
		providerId: "github",
		userId,
		accessToken: "secret-access-token",
		refreshToken: "secret-refresh-token",
		idToken: "secret-id-token",
		accessTokenExpiresAt: now,
		refreshTokenExpiresAt: now,
		scope: "read:user, user:email,,",
		password: null,
		createdAt: now,
		updatedAt: now,
	});
}

for (const dialect of await testDialects()) {
	describe(`GET /list-accounts [${dialect}]`, () => {
		test("lists the caller's accounts with scopes, never tokens or the password", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp();
			const stranger = await t.signUp();
			await addGithub(t, body.user.id);
			const res = await client.request("/list-accounts");
			expect(res.status).toBe(200);
			const list: Record<string, unknown>[] = await res.json();
			expect(list).toHaveLength(2);
			const credential = list.find((a) => a.providerId === "credential");
			expect(Object.keys(credential ?? {}).sort()).toEqual(["accountId", "createdAt", "id", "providerId", "scopes", "updatedAt", "userId"]);
			expect(credential?.accountId).toBe(body.user.id);
			expect(credential?.scopes).toEqual([]);
			expect(list.find((a) => a.providerId === "github")?.scopes).toEqual(["read:user", "user:email"]);
			const text = JSON.stringify(list);
			expect(text).not.toContain("secret-");
			expect(text).not.toContain(stranger.body.user.id);
			expect(text).not.toContain("password");
		});

		test("401 without a session", async () => {
			const t = await getTestInstance(dialect);
			const res = await t.client().request("/list-accounts");
			expect(res.status).toBe(401);
			expect(await res.json()).toEqual({ code: "UNAUTHORIZED", message: "Unauthorized" });
		});
	});

	describe(`POST /unlink-account [${dialect}]`, () => {
		test("1.7 body { accountId } (local id) unlinks that account", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp();
			const gh = await addGithub(t, body.user.id);
			const res = await client.request("/unlink-account", { json: { accountId: gh.id } });
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({ status: true });
			const left = await t.auth.$context.storage.findMany("account", { userId: body.user.id });
			expect(left.map((a) => a.providerId)).toEqual(["credential"]);
		});

		test("≤1.6 body { providerId, accountId? } (provider-side id) is accepted", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp();
			await addGithub(t, body.user.id, "1");
			await addGithub(t, body.user.id, "2");
			const wrong = await client.request("/unlink-account", { json: { providerId: "github", accountId: "github-user-3" } });
			expect(wrong.status).toBe(400);
			expect(await wrong.json()).toEqual(NOT_FOUND);
			const one = await client.request("/unlink-account", { json: { providerId: "github", accountId: "github-user-2" } });
			expect(one.status).toBe(200);
			const any = await client.request("/unlink-account", { json: { providerId: "github" } });
			expect(any.status).toBe(200);
			expect(await t.auth.$context.storage.count("account", { userId: body.user.id })).toBe(1);
		});

		test("400 FAILED_TO_UNLINK_LAST_ACCOUNT for the only account", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp();
			const [only] = await t.auth.$context.storage.findMany("account", { userId: body.user.id });
			const res = await client.request("/unlink-account", { json: { accountId: only?.id } });
			expect(res.status).toBe(400);
			expect(await res.json()).toEqual(LAST);
			expect(await t.auth.$context.storage.count("account", { userId: body.user.id })).toBe(1);
		});

		test("400 ACCOUNT_NOT_FOUND for another user's account, which survives", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp();
			await addGithub(t, body.user.id);
			const victim = await t.signUp();
			const victimGh = await addGithub(t, victim.body.user.id);
			const before = await t.snapshot();
			for (const json of [{ accountId: victimGh.id }, { accountId: "nope" }, { providerId: "google" }]) {
				const res = await client.request("/unlink-account", { json });
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual(NOT_FOUND);
			}
			expect(await t.snapshot()).toEqual(before);
		});

		test("two parallel unlinks of a user's two accounts: exactly one succeeds", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp();
			const gh = await addGithub(t, body.user.id);
			const [credential] = await t.auth.$context.storage.findMany("account", { userId: body.user.id, providerId: "credential" });
			for (let round = 0; round < 5; round++) {
				const results = await Promise.all([
					client.request("/unlink-account", { json: { accountId: gh.id } }),
					client.request("/unlink-account", { json: { accountId: credential?.id } }),
				]);
				expect(await t.auth.$context.storage.count("account", { userId: body.user.id })).toBeGreaterThanOrEqual(1);
				if (round === 0) {
					expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
					const loser = results.find((r) => r.status === 400);
					expect(await loser?.json()).toEqual(LAST);
				}
			}
			expect(await t.auth.$context.storage.count("account", { userId: body.user.id })).toBe(1);
		});

		test("bad input: strict body, wrong types, oversized ids", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp();
			await addGithub(t, body.user.id);
			const before = await t.snapshot();
			const cases: [unknown, string][] = [
				[{}, "[body.accountId] Invalid input: expected string, received undefined"],
				[{ accountId: 5 }, "[body.accountId] Invalid input: expected string, received number"],
				[{ accountId: "" }, "[body.accountId] Too small: expected string to have >=1 characters"],
				[{ accountId: "x".repeat(513) }, "[body.accountId] Too big: expected string to have <=512 characters"],
				[{ accountId: "a", userId: "b" }, "[body] Unrecognized key: \"userId\""],
				[[], "[body] Invalid input: expected object, received array"],
			];
			for (const [json, message] of cases) {
				const res = await client.request("/unlink-account", { json });
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual({ code: "VALIDATION_ERROR", message });
			}
			expect(await t.snapshot()).toEqual(before);
		});

		test("403 SESSION_NOT_FRESH for an old session; 401 without a session", async () => {
			let ms = START;
			const t = await getTestInstance(dialect, { now: () => new Date(ms) });
			const { client, body } = await t.signUp();
			const gh = await addGithub(t, body.user.id);
			ms += 86_400_000;
			const stale = await client.request("/unlink-account", { json: { accountId: gh.id } });
			expect(stale.status).toBe(403);
			expect(await stale.json()).toEqual({ code: "SESSION_NOT_FRESH", message: "Session is not fresh" });
			const anon = await t.client().request("/unlink-account", { json: { accountId: gh.id } });
			expect(anon.status).toBe(401);
			expect(await anon.json()).toEqual({ code: "UNAUTHORIZED", message: "Unauthorized" });
			expect(await t.auth.$context.storage.count("account", { userId: body.user.id })).toBe(2);
		});
	});
}
