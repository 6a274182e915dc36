import { describe, expect, test } from "bun:test";
import { API_KEY_ERROR_CODES } from "@latchkey/core";
import { createHash } from "node:crypto";
import { testDialects } from "../../testing/index.ts";
import { apiKeyTestInstance } from "./test-kit.ts";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

for (const dialect of await testDialects()) {
	describe(`api-key routes [${dialect}]`, () => {
		test("create answers the key once, stores only its SHA-256 and Better Auth's defaults", async () => {
			const k = await apiKeyTestInstance(dialect);
			const res = await k.owner.client.request("/api-key/create", { json: { name: "ci", prefix: "ba_" } });
			expect(res.status).toBe(200);
			expect(res.headers.get("cache-control")).toBe("no-store");
			const body = await res.json();
			expect(body.key).toMatch(/^ba_[a-zA-Z]{64}$/);
			expect(body).toMatchObject({
				name: "ci",
				prefix: "ba_",
				start: body.key.slice(0, 6),
				configId: "default",
				referenceId: k.owner.id,
				enabled: true,
				rateLimitEnabled: true,
				rateLimitTimeWindow: 86_400_000,
				rateLimitMax: 10,
				requestCount: 0,
				remaining: null,
				refillAmount: null,
				refillInterval: null,
				lastRefillAt: null,
				lastRequest: null,
				expiresAt: null,
				metadata: null,
				permissions: null,
			});
			expect(body.createdAt).toMatch(ISO);
			const row = await k.row(body.id);
			const digest = createHash("sha256").update(body.key).digest("base64url");
			expect(row?.key).toBe(digest);
			expect(row?.key).toHaveLength(43);
			expect(JSON.stringify(row)).not.toContain(body.key);
		});

		test("keys without a prefix are 64 letters; defaultPrefix, key length and start length are configurable", async () => {
			const plain = await apiKeyTestInstance(dialect);
			const { body } = await plain.create(plain.owner);
			expect(body.key).toMatch(/^[a-zA-Z]{64}$/);
			expect(body.prefix).toBeNull();
			const custom = await apiKeyTestInstance(dialect, { defaultPrefix: "lk-", defaultKeyLength: 40, startingCharactersConfig: { charactersLength: 10 } });
			const made = await custom.create(custom.owner);
			expect(made.body.key).toMatch(/^lk-[a-zA-Z]{40}$/);
			expect(made.body).toMatchObject({ prefix: "lk-", start: made.body.key.slice(0, 10) });
			const hidden = await apiKeyTestInstance(dialect, { startingCharactersConfig: { shouldStore: false } });
			expect((await hidden.create(hidden.owner)).body.start).toBeNull();
		});

		test("expiresIn (seconds), defaultExpiresIn, metadata and default permissions are stored", async () => {
			const k = await apiKeyTestInstance(dialect, {
				enableMetadata: true,
				keyExpiration: { defaultExpiresIn: 2 * 86_400 },
				permissions: { defaultPermissions: (id) => ({ files: ["read"], owner: [id] }) },
			});
			const withExpiry = await k.create(k.owner, { expiresIn: 86_400, metadata: { plan: "pro", n: 1 } });
			expect(withExpiry.status).toBe(200);
			expect(new Date(String(withExpiry.body.expiresAt)).getTime()).toBe(k.clock.ms + 86_400_000);
			expect(withExpiry.body.metadata).toEqual({ plan: "pro", n: 1 });
			expect(withExpiry.body.permissions).toEqual({ files: ["read"], owner: [k.owner.id] });
			const byDefault = await k.create(k.owner);
			expect(new Date(String(byDefault.body.expiresAt)).getTime()).toBe(k.clock.ms + 2 * 86_400_000);
			const row = await k.row(withExpiry.body.id);
			expect(row?.metadata).toBe('{"plan":"pro","n":1}');
		});

		test("the server creates keys for a userId with quotas, limits and permissions", async () => {
			const k = await apiKeyTestInstance(dialect);
			const made = await k.api.createApiKey({
				body: { userId: k.owner.id, remaining: 5, refillAmount: 5, refillInterval: 60_000, rateLimitMax: 3, rateLimitTimeWindow: 1_000, rateLimitEnabled: false, permissions: { files: ["read", "write"] } },
			});
			expect(made).toMatchObject({ referenceId: k.owner.id, remaining: 5, refillAmount: 5, refillInterval: 60_000, rateLimitMax: 3, rateLimitTimeWindow: 1_000, rateLimitEnabled: false, permissions: { files: ["read", "write"] } });
			expect(made.key).toHaveLength(64);
		});

		test("get returns the key without its secret; list gives { apiKeys, total } with paging and order", async () => {
			const k = await apiKeyTestInstance(dialect);
			const names = ["a-key", "c-key", "b-key"];
			const made = [];
			for (const name of names) {
				made.push((await k.create(k.owner, { name })).body);
				k.clock.advance(1_000);
			}
			const first = made[0];
			if (!first) throw new Error("no key");
			const get = await k.owner.client.request(`/api-key/get?id=${first.id}`);
			expect(get.status).toBe(200);
			const got = await get.json();
			expect(got).not.toHaveProperty("key");
			expect(got).toMatchObject({ id: first.id, name: "a-key", start: first.start });

			const all = await (await k.owner.client.request("/api-key/list")).json();
			expect(Object.keys(all)).toEqual(["apiKeys", "total"]);
			expect(all.total).toBe(3);
			expect(all.apiKeys.map((key: { name: string }) => key.name)).toEqual(names);
			for (const key of all.apiKeys) expect(key).not.toHaveProperty("key");

			const page = await (await k.owner.client.request("/api-key/list?limit=1&offset=1&sortBy=name&sortDirection=desc")).json();
			expect(page).toEqual({ apiKeys: [expect.objectContaining({ name: "b-key" })], total: 3, limit: 1, offset: 1 });
			const other = await (await k.owner.client.request("/api-key/list?configId=other")).json();
			expect(other).toEqual({ apiKeys: [], total: 0 });
			const org = await (await k.owner.client.request("/api-key/list?organizationId=org1")).json();
			expect(org).toEqual({ apiKeys: [], total: 0 });
		});

		test("update changes name, enabled and expiry; the server also sets quotas and permissions", async () => {
			const k = await apiKeyTestInstance(dialect, { enableMetadata: true });
			const { body: key } = await k.create(k.owner, { name: "old" });
			const res = await k.owner.client.request("/api-key/update", { json: { keyId: key.id, name: "new", enabled: false, expiresIn: 7 * 86_400, metadata: { a: 1 } } });
			expect(res.status).toBe(200);
			const updated = await res.json();
			expect(updated).toMatchObject({ id: key.id, name: "new", enabled: false, metadata: { a: 1 } });
			expect(updated).not.toHaveProperty("key");
			expect(new Date(updated.expiresAt).getTime()).toBe(k.clock.ms + 7 * 86_400_000);
			const cleared = await (await k.owner.client.request("/api-key/update", { json: { keyId: key.id, expiresIn: null } })).json();
			expect(cleared.expiresAt).toBeNull();

			const server = await k.api.updateApiKey({ body: { keyId: key.id, userId: k.owner.id, remaining: 9, refillAmount: 9, refillInterval: 1_000, rateLimitMax: 50, permissions: { a: ["b"] } } });
			expect(server).toMatchObject({ remaining: 9, refillAmount: 9, refillInterval: 1_000, rateLimitMax: 50, permissions: { a: ["b"] } });
			const noPermissions = await k.api.updateApiKey({ body: { keyId: key.id, userId: k.owner.id, permissions: null } });
			expect(noPermissions.permissions).toBeNull();
			expect((await k.row(key.id))?.permissions).toBeNull();
		});

		test("with metadata disabled, update ignores metadata (and so has nothing to update)", async () => {
			const k = await apiKeyTestInstance(dialect);
			const { body: key } = await k.create(k.owner);
			const res = await k.owner.client.request("/api-key/update", { json: { keyId: key.id, metadata: { a: 1 } } });
			expect(res.status).toBe(400);
			expect(await res.json()).toEqual(API_KEY_ERROR_CODES.NO_VALUES_TO_UPDATE);
		});

		test("delete removes the key and answers { success: true }", async () => {
			const k = await apiKeyTestInstance(dialect);
			const { body: key } = await k.create(k.owner);
			const res = await k.owner.client.request("/api-key/delete", { json: { keyId: key.id } });
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({ success: true });
			expect(await k.row(key.id)).toBeNull();
			const again = await k.owner.client.request("/api-key/delete", { json: { keyId: key.id } });
			expect(again.status).toBe(404);
			expect(await again.json()).toEqual(API_KEY_ERROR_CODES.KEY_NOT_FOUND);
		});

		test("expired keys are swept on plugin calls at most every 10 s, and at once by deleteAllExpiredApiKeys", async () => {
			const k = await apiKeyTestInstance(dialect);
			const storage = k.t.auth.$context.storage;
			const expire = (id: string) => storage.update("apikey", { id }, { expiresAt: new Date(k.clock.ms - 1) });
			const keep = await k.api.createApiKey({ body: { userId: k.owner.id } });
			const first = await k.api.createApiKey({ body: { userId: k.owner.id, expiresIn: 86_400 } });
			await expire(first.id);
			// The creates swept moments ago: within 10 s nothing is swept again…
			k.clock.advance(9_000);
			await k.owner.client.request("/api-key/list");
			expect(await k.row(first.id)).not.toBeNull();
			// …after 10 s the next plugin call sweeps.
			k.clock.advance(1_001);
			await k.owner.client.request("/api-key/list");
			expect(await k.row(first.id)).toBeNull();
			const second = await k.api.createApiKey({ body: { userId: k.owner.id, expiresIn: 86_400 } });
			await expire(second.id);
			// The server-only sweep ignores the throttle.
			expect(await k.api.deleteAllExpiredApiKeys()).toEqual({ success: true, error: null });
			expect(await k.row(second.id)).toBeNull();
			expect(await k.row(keep.id)).not.toBeNull();
		});
	});
}
