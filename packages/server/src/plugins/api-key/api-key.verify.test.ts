/**
 * Verification spends a key: uses (`remaining`), refills and the per-key rate limit are
 * counters an attacker can race. Each use must be decided and written atomically (SECURITY.md
 * rule 1): 200 parallel uses of a key with 100 uses left give exactly 100 successes, and a
 * burst cannot pass the rate limit. Time is driven by the instance's `now` option.
 */
import { describe, expect, test } from "bun:test";
import { API_KEY_ERROR_CODES } from "@latchkey/core";
import { testDialects } from "../../testing/index.ts";
import { apiKeyTestInstance } from "./test-kit.ts";

const RATE_LIMITED = { code: "RATE_LIMITED", message: "Rate limit exceeded." };

for (const dialect of await testDialects()) {
	describe(`api-key verifyApiKey [${dialect}]`, () => {
		test("a valid key answers { valid: true, error: null, key } and counts the request", async () => {
			const k = await apiKeyTestInstance(dialect);
			const made = await k.api.createApiKey({ body: { userId: k.owner.id } });
			const result = await k.api.verifyApiKey({ body: { key: made.key } });
			expect(result.valid).toBe(true);
			expect(result.error).toBeNull();
			expect(result.key).toMatchObject({ id: made.id, requestCount: 1, referenceId: k.owner.id });
			expect(result.key).not.toHaveProperty("key");
			expect(result.key?.lastRequest?.getTime()).toBe(k.clock.ms);
		});

		test("each refusal has its code; expired and used-up keys are deleted", async () => {
			const k = await apiKeyTestInstance(dialect);
			const refused = async (key: string, permissions?: Record<string, string[]>) => {
				const result = await k.api.verifyApiKey({ body: { key, ...(permissions ? { permissions } : {}) } });
				expect(result.valid).toBe(false);
				expect(result.key).toBeNull();
				return result.error;
			};
			expect(await refused("x".repeat(64))).toEqual(API_KEY_ERROR_CODES.INVALID_API_KEY);

			const disabled = await k.api.createApiKey({ body: { userId: k.owner.id } });
			await k.api.updateApiKey({ body: { userId: k.owner.id, keyId: disabled.id, enabled: false } });
			expect(await refused(disabled.key)).toEqual(API_KEY_ERROR_CODES.KEY_DISABLED);

			const expiring = await k.api.createApiKey({ body: { userId: k.owner.id, expiresIn: 86_400 } });
			k.clock.advance(86_400_001);
			expect(await refused(expiring.key)).toEqual(API_KEY_ERROR_CODES.KEY_EXPIRED);
			expect(await k.row(expiring.id)).toBeNull();

			const usedUp = await k.api.createApiKey({ body: { userId: k.owner.id, remaining: 0 } });
			expect(await refused(usedUp.key)).toEqual(API_KEY_ERROR_CODES.USAGE_EXCEEDED);
			expect(await k.row(usedUp.id)).toBeNull();
		});

		test("a banned or deleted owner's key is refused before a use is spent", async () => {
			const k = await apiKeyTestInstance(dialect);
			const made = await k.api.createApiKey({ body: { userId: k.owner.id, remaining: 3 } });
			await k.t.auth.$context.storage.update("user", { id: k.owner.id }, { banned: true });
			expect((await k.api.verifyApiKey({ body: { key: made.key } })).error).toEqual(API_KEY_ERROR_CODES.USER_BANNED);
			const orphan = await k.api.createApiKey({ body: { userId: "deleted-user" } });
			expect((await k.api.verifyApiKey({ body: { key: orphan.key } })).error).toEqual(API_KEY_ERROR_CODES.INVALID_REFERENCE_ID_FROM_API_KEY);
			expect(await k.row(made.id)).toMatchObject({ remaining: 3, requestCount: 0 });
		});

		test("permissions are checked with the access-control model", async () => {
			const k = await apiKeyTestInstance(dialect);
			const scoped = await k.api.createApiKey({ body: { userId: k.owner.id, permissions: { files: ["read", "write"], repo: ["read"] }, rateLimitEnabled: false } });
			const bare = await k.api.createApiKey({ body: { userId: k.owner.id, rateLimitEnabled: false } });
			const check = (key: string, permissions: Record<string, string[]>) => k.api.verifyApiKey({ body: { key, permissions } });
			expect((await check(scoped.key, { files: ["read"] })).valid).toBe(true);
			expect((await check(scoped.key, { files: ["read", "write"], repo: ["read"] })).valid).toBe(true);
			expect((await check(scoped.key, { files: ["delete"] })).error).toEqual(API_KEY_ERROR_CODES.KEY_NOT_FOUND);
			expect((await check(scoped.key, { billing: ["read"] })).error).toEqual(API_KEY_ERROR_CODES.KEY_NOT_FOUND);
			expect((await check(bare.key, { files: ["read"] })).error).toEqual(API_KEY_ERROR_CODES.KEY_NOT_FOUND);
			expect((await k.api.verifyApiKey({ body: { key: bare.key } })).valid).toBe(true);
		});

		test("remaining counts down to 0 and then refuses with 429 USAGE_EXCEEDED", async () => {
			const k = await apiKeyTestInstance(dialect);
			const made = await k.api.createApiKey({ body: { userId: k.owner.id, remaining: 2, rateLimitEnabled: false } });
			expect((await k.api.verifyApiKey({ body: { key: made.key } })).key?.remaining).toBe(1);
			expect((await k.api.verifyApiKey({ body: { key: made.key } })).key?.remaining).toBe(0);
			expect((await k.api.verifyApiKey({ body: { key: made.key } })).error).toEqual(API_KEY_ERROR_CODES.USAGE_EXCEEDED);
		});

		test("refill: refillAmount is restored once refillInterval has passed since the last refill", async () => {
			const k = await apiKeyTestInstance(dialect);
			const made = await k.api.createApiKey({ body: { userId: k.owner.id, remaining: 1, refillAmount: 3, refillInterval: 60_000, rateLimitEnabled: false } });
			expect((await k.api.verifyApiKey({ body: { key: made.key } })).key?.remaining).toBe(0);
			// Used up, but a refill is configured: refused without being deleted.
			expect((await k.api.verifyApiKey({ body: { key: made.key } })).error).toEqual(API_KEY_ERROR_CODES.USAGE_EXCEEDED);
			expect(await k.row(made.id)).not.toBeNull();
			k.clock.advance(60_000);
			expect((await k.api.verifyApiKey({ body: { key: made.key } })).valid).toBe(false);
			k.clock.advance(1);
			const refilled = await k.api.verifyApiKey({ body: { key: made.key } });
			expect(refilled.key).toMatchObject({ remaining: 2 });
			expect(refilled.key?.lastRefillAt?.getTime()).toBe(k.clock.ms);
			// The next refill counts from lastRefillAt.
			k.clock.advance(30_000);
			expect((await k.api.verifyApiKey({ body: { key: made.key } })).key?.remaining).toBe(1);
		});

		test("rate limit: rateLimitMax uses per window, 429 RATE_LIMITED with details.tryAgainIn, then a new window", async () => {
			const k = await apiKeyTestInstance(dialect, { rateLimit: { maxRequests: 3, timeWindow: 60_000 } });
			const made = await k.api.createApiKey({ body: { userId: k.owner.id } });
			for (let i = 1; i <= 3; i++) {
				expect((await k.api.verifyApiKey({ body: { key: made.key } })).key?.requestCount).toBe(i);
				k.clock.advance(1_000);
			}
			const denied = await k.api.verifyApiKey({ body: { key: made.key } });
			// The window runs from the last counted use (Better Auth's rule): 60 s − 1 s.
			expect(denied.error).toEqual({ ...RATE_LIMITED, details: { tryAgainIn: 59_000 } });
			expect((await k.row(made.id))?.requestCount).toBe(3);
			k.clock.advance(59_001);
			expect((await k.api.verifyApiKey({ body: { key: made.key } })).key?.requestCount).toBe(1);
		});

		test("a rate-limited use does not burn a remaining use", async () => {
			const k = await apiKeyTestInstance(dialect, { rateLimit: { maxRequests: 1, timeWindow: 60_000 } });
			const made = await k.api.createApiKey({ body: { userId: k.owner.id, remaining: 5 } });
			expect((await k.api.verifyApiKey({ body: { key: made.key } })).key?.remaining).toBe(4);
			expect((await k.api.verifyApiKey({ body: { key: made.key } })).error?.code).toBe("RATE_LIMITED");
			expect((await k.row(made.id))?.remaining).toBe(4);
		});

		test("rate limiting can be off per key or for the whole plugin", async () => {
			const perKey = await apiKeyTestInstance(dialect, { rateLimit: { maxRequests: 1 } });
			const free = await perKey.api.createApiKey({ body: { userId: perKey.owner.id, rateLimitEnabled: false } });
			for (let i = 0; i < 3; i++) expect((await perKey.api.verifyApiKey({ body: { key: free.key } })).valid).toBe(true);
			const off = await apiKeyTestInstance(dialect, { rateLimit: { enabled: false, maxRequests: 1 } });
			const key = await off.api.createApiKey({ body: { userId: off.owner.id } });
			for (let i = 0; i < 3; i++) expect((await off.api.verifyApiKey({ body: { key: key.key } })).valid).toBe(true);
			expect((await off.row(key.id))?.lastRequest?.getTime()).toBe(off.clock.ms);
		});

		test("200 parallel uses of a key with remaining 100: exactly 100 succeed", async () => {
			const k = await apiKeyTestInstance(dialect);
			const made = await k.api.createApiKey({ body: { userId: k.owner.id, remaining: 100, rateLimitEnabled: false } });
			const results = await Promise.all(Array.from({ length: 200 }, () => k.api.verifyApiKey({ body: { key: made.key } })));
			expect(results.filter((r) => r.valid)).toHaveLength(100);
			const codes = new Set(results.filter((r) => !r.valid).map((r) => r.error?.code));
			// Losers see the quota spent, or the key already deleted by an earlier loser.
			for (const code of codes) expect(["USAGE_EXCEEDED", "INVALID_API_KEY"]).toContain(code ?? "");
			const row = await k.row(made.id);
			if (row) expect(row.remaining).toBe(0);
		}, 30_000);

		test("a parallel burst cannot pass the rate limit", async () => {
			const k = await apiKeyTestInstance(dialect, { rateLimit: { maxRequests: 7, timeWindow: 60_000 } });
			const made = await k.api.createApiKey({ body: { userId: k.owner.id } });
			const results = await Promise.all(Array.from({ length: 40 }, () => k.api.verifyApiKey({ body: { key: made.key } })));
			expect(results.filter((r) => r.valid)).toHaveLength(7);
			expect(results.filter((r) => r.error?.code === "RATE_LIMITED")).toHaveLength(33);
			expect((await k.row(made.id))?.requestCount).toBe(7);
		}, 30_000);

		test("over HTTP, /api-key/verify and /api-key/delete-all-expired-api-keys are 404 with an empty body", async () => {
			const k = await apiKeyTestInstance(dialect);
			const made = await k.api.createApiKey({ body: { userId: k.owner.id } });
			for (const path of ["/api-key/verify", "/api-key/delete-all-expired-api-keys"]) {
				const res = await k.owner.client.request(path, { json: { key: made.key } });
				expect(res.status).toBe(404);
				expect(await res.text()).toBe("");
			}
			expect((await k.row(made.id))?.requestCount).toBe(0);
		});
	});
}
