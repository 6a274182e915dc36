/**
 * A key as a session (`enableSessionForAPIKeys`, spec/plugins.md §7.4). A request that
 * carries `x-api-key` and no session token acts as the key's owner, so a leaked key is as
 * good as a login for everything a session may do — except growing its own power: it cannot
 * create or widen keys, and it never counts as a fresh sign-in, so it cannot register a
 * passkey or unlink an account (SECURITY.md rule 17). Bans reach keys too (rule 16).
 */
import { describe, expect, test } from "bun:test";
import { API_KEY_ERROR_CODES } from "@latchkey/core";
import { testDialects } from "../../testing/index.ts";
import { apiKeyTestInstance } from "./test-kit.ts";

const C = API_KEY_ERROR_CODES;

for (const dialect of await testDialects()) {
	describe(`api-key as a session [${dialect}]`, () => {
		test("GET /get-session with x-api-key answers { user, session } as the owner; no cookie, no session row", async () => {
			const k = await apiKeyTestInstance(dialect, { enableSessionForAPIKeys: true });
			const made = await k.api.createApiKey({ body: { userId: k.owner.id, expiresIn: 2 * 86_400 } });
			const before = await k.t.snapshot();
			const res = await k.withKey(made.key, "/get-session", { headers: { "user-agent": "ci-bot/1.0" } });
			expect(res.status).toBe(200);
			expect(res.headers.getSetCookie()).toEqual([]);
			const body = await res.json();
			// Better Auth sends `user` first here; JSON key order is not part of the contract.
			expect(Object.keys(body).sort()).toEqual(["session", "user"]);
			expect(body.user).toMatchObject({ id: k.owner.id });
			expect(body.session).toMatchObject({ id: made.id, token: made.key, userId: k.owner.id, userAgent: "ci-bot/1.0" });
			expect(new Date(body.session.expiresAt).getTime()).toBe(k.clock.ms + 2 * 86_400_000);
			expect(await k.t.snapshot()).toEqual(before);
			expect((await k.row(made.id))?.requestCount).toBe(1);
		});

		test("the header does nothing unless enableSessionForAPIKeys is on", async () => {
			const k = await apiKeyTestInstance(dialect);
			const made = await k.api.createApiKey({ body: { userId: k.owner.id } });
			const res = await k.withKey(made.key, "/get-session");
			expect(res.status).toBe(200);
			expect(await res.json()).toBeNull();
			expect((await k.row(made.id))?.requestCount).toBe(0);
		});

		test("configured header names are read in order", async () => {
			const k = await apiKeyTestInstance(dialect, { enableSessionForAPIKeys: true, apiKeyHeaders: ["x-service-key", "x-api-key"] });
			const made = await k.api.createApiKey({ body: { userId: k.owner.id } });
			for (const header of ["x-service-key", "x-api-key"]) {
				const body = await (await k.withKey(made.key, "/get-session", { header })).json();
				expect(body.user.id).toBe(k.owner.id);
			}
			expect(await (await k.withKey(made.key, "/get-session", { header: "authorization-key" })).json()).toBeNull();
		});

		test("refusals: short key 403, unknown 401, disabled 401, expired 401 (deleted), used up 429, rate limited 429", async () => {
			const k = await apiKeyTestInstance(dialect, { enableSessionForAPIKeys: true, rateLimit: { maxRequests: 1, timeWindow: 60_000 } });
			const expectRefusal = async (key: string, status: number, error: object) => {
				const res = await k.withKey(key, "/get-session");
				expect(res.status).toBe(status);
				expect(await res.json()).toEqual(error);
			};
			await expectRefusal("short", 403, C.INVALID_API_KEY);
			await expectRefusal("Q".repeat(64), 401, C.INVALID_API_KEY);
			await expectRefusal("Q".repeat(5_000), 401, C.INVALID_API_KEY);
			const disabled = await k.api.createApiKey({ body: { userId: k.owner.id } });
			await k.api.updateApiKey({ body: { userId: k.owner.id, keyId: disabled.id, enabled: false } });
			await expectRefusal(disabled.key, 401, C.KEY_DISABLED);
			const usedUp = await k.api.createApiKey({ body: { userId: k.owner.id, remaining: 0 } });
			await expectRefusal(usedUp.key, 429, C.USAGE_EXCEEDED);
			const limited = await k.api.createApiKey({ body: { userId: k.owner.id } });
			expect((await k.withKey(limited.key, "/get-session")).status).toBe(200);
			k.clock.advance(10_000);
			await expectRefusal(limited.key, 429, { code: "RATE_LIMITED", message: "Rate limit exceeded.", details: { tryAgainIn: 50_000 } });
			const expiring = await k.api.createApiKey({ body: { userId: k.owner.id, expiresIn: 86_400 } });
			k.clock.advance(86_400_001);
			await expectRefusal(expiring.key, 401, C.KEY_EXPIRED);
			expect(await k.row(expiring.id)).toBeNull();
		});

		test("a banned or deleted owner's key is refused", async () => {
			const k = await apiKeyTestInstance(dialect, { enableSessionForAPIKeys: true });
			const made = await k.api.createApiKey({ body: { userId: k.owner.id } });
			const storage = k.t.auth.$context.storage;
			await storage.update("user", { id: k.owner.id }, { banned: true, banExpires: new Date(k.clock.ms + 60_000) });
			const banned = await k.withKey(made.key, "/get-session");
			expect(banned.status).toBe(401);
			expect(await banned.json()).toEqual(C.USER_BANNED);
			// An expired ban no longer counts.
			k.clock.advance(60_001);
			expect((await k.withKey(made.key, "/get-session")).status).toBe(200);
			const orphan = await k.api.createApiKey({ body: { userId: "no-such-user" } });
			const res = await k.withKey(orphan.key, "/get-session");
			expect(res.status).toBe(401);
			expect(await res.json()).toEqual(C.INVALID_REFERENCE_ID_FROM_API_KEY);
		});

		test("session routes accept the key; fresh routes refuse it; it cannot create or widen keys", async () => {
			const k = await apiKeyTestInstance(dialect, { enableSessionForAPIKeys: true, rateLimit: { enabled: false } });
			const made = await k.api.createApiKey({ body: { userId: k.owner.id } });
			const accounts = await k.withKey(made.key, "/list-accounts");
			expect(accounts.status).toBe(200);
			expect((await accounts.json())[0]).toMatchObject({ providerId: "credential" });
			const list = await (await k.withKey(made.key, "/api-key/list")).json();
			expect(list.total).toBe(1);
			const fresh = await k.withKey(made.key, "/list-sessions");
			expect(fresh.status).toBe(403);
			expect((await fresh.json()).code).toBe("SESSION_NOT_FRESH");
			const before = await k.t.snapshot();
			const create = await k.withKey(made.key, "/api-key/create", { json: {} });
			expect(create.status).toBe(401);
			expect(await create.json()).toEqual(C.UNAUTHORIZED_SESSION);
			const update = await k.withKey(made.key, "/api-key/update", { json: { keyId: made.id, expiresIn: 300 * 86_400 } });
			expect(update.status).toBe(401);
			expect(await update.json()).toEqual(C.UNAUTHORIZED_SESSION);
			expect(await k.t.snapshot()).toEqual(before);
			expect((await k.row(made.id))?.expiresAt).toBeNull();
			// Revoking is within a key's authority.
			const del = await k.withKey(made.key, "/api-key/delete", { json: { keyId: made.id } });
			expect(await del.json()).toEqual({ success: true });
		});

		test("a session cookie wins over the header: the key is not spent", async () => {
			const k = await apiKeyTestInstance(dialect, { enableSessionForAPIKeys: true });
			const made = await k.api.createApiKey({ body: { userId: k.owner.id } });
			const res = await k.owner.client.request("/get-session", { headers: { "x-api-key": made.key } });
			expect((await res.json()).session.token).not.toBe(made.key);
			expect((await k.row(made.id))?.requestCount).toBe(0);
		});
	});
}
