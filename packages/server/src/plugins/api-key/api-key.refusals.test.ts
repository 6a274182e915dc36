/**
 * Refusals: who may do what with a key, and what input is accepted. Quotas, limits,
 * permissions and the owner are server-only (SECURITY.md rule 5), someone else's key must
 * look exactly like a missing one, and hostile input must end in `{ code, message }` with a
 * 4xx and no change to the database.
 */
import { describe, expect, test } from "bun:test";
import { API_KEY_ERROR_CODES } from "@latchkey/core";
import { testDialects } from "../../testing/index.ts";
import { apiKeyTestInstance } from "./test-kit.ts";

const C = API_KEY_ERROR_CODES;
const UNAUTHORIZED = { code: "UNAUTHORIZED", message: "Unauthorized" };

/** Awaits a `create` and checks its status and `{ code, message }` body. */
async function expectRefused(pending: Promise<{ status: number; body: unknown }>, status: number, error: { code: string; message: string }): Promise<void> {
	const { status: got, body } = await pending;
	expect({ status: got, body }).toEqual({ status, body: error });
}

for (const dialect of await testDialects()) {
	describe(`api-key refusals [${dialect}]`, () => {
		test("create: each server-only field from a client is 400 SERVER_ONLY_PROPERTY, userId is 401", async () => {
			const k = await apiKeyTestInstance(dialect);
			const before = await k.t.snapshot();
			const serverOnly = [{ remaining: 5 }, { remaining: 0 }, { refillAmount: 1 }, { refillInterval: 1000 }, { rateLimitMax: 100 }, { rateLimitTimeWindow: 1 }, { rateLimitEnabled: false }, { permissions: { a: ["b"] } }];
			for (const body of serverOnly) await expectRefused(k.create(k.owner, body), 400, C.SERVER_ONLY_PROPERTY);
			await expectRefused(k.create(k.owner, { userId: k.owner.id }), 401, C.UNAUTHORIZED_SESSION);
			// remaining: null is the default, so a client may send it.
			expect((await k.create(k.owner, { remaining: null })).status).toBe(200);
			// auth.api with headers counts as a client too (Better Auth's rule).
			const headers = { cookie: k.owner.client.jar.header() ?? "" };
			await expect(k.api.createApiKey({ headers, body: { remaining: 3 } })).rejects.toMatchObject({ statusCode: 400, body: C.SERVER_ONLY_PROPERTY });
			const other = await k.signUp();
			await expect(k.api.createApiKey({ headers, body: { userId: other.id } })).rejects.toMatchObject({ statusCode: 401, body: C.UNAUTHORIZED_SESSION });
			// One more user (`other`) and the one key made with `remaining: null`; nothing else.
			const grew = (n: number | undefined) => (n ?? 0) + 1;
			expect(await k.t.snapshot()).toEqual({ ...before, user: grew(before.user), session: grew(before.session), account: grew(before.account), apikey: 1 });
		});

		test("create without a session is 401 UNAUTHORIZED_SESSION, over HTTP and from auth.api without userId", async () => {
			const k = await apiKeyTestInstance(dialect);
			const res = await k.t.client().request("/api-key/create", { json: {} });
			expect(res.status).toBe(401);
			expect(await res.json()).toEqual(C.UNAUTHORIZED_SESSION);
			await expect(k.api.createApiKey({ body: {} })).rejects.toMatchObject({ statusCode: 401, body: C.UNAUTHORIZED_SESSION });
		});

		test("create: metadata, refill, expiry, prefix and name rules give their codes", async () => {
			const k = await apiKeyTestInstance(dialect, { requireName: true });
			const before = await k.t.snapshot();
			const cases: [Record<string, unknown>, { code: string; message: string }][] = [
				[{ name: "n", metadata: { a: 1 } }, C.METADATA_DISABLED],
				[{ name: "n", expiresIn: 60 }, C.EXPIRES_IN_IS_TOO_SMALL],
				[{ name: "n", expiresIn: 366 * 86_400 }, C.EXPIRES_IN_IS_TOO_LARGE],
				[{ name: "n", prefix: "p".repeat(33) }, C.INVALID_PREFIX_LENGTH],
				[{ name: "n".repeat(33) }, C.INVALID_NAME_LENGTH],
				[{}, C.NAME_REQUIRED],
				[{ name: "" }, C.NAME_REQUIRED],
			];
			for (const [body, error] of cases) await expectRefused(k.create(k.owner, body), 400, error);
			const server = (body: Record<string, unknown>) => k.api.createApiKey({ body: { userId: k.owner.id, name: "n", ...body } });
			await expect(server({ refillAmount: 5 })).rejects.toMatchObject({ body: C.REFILL_AMOUNT_AND_INTERVAL_REQUIRED });
			await expect(server({ refillInterval: 5 })).rejects.toMatchObject({ body: C.REFILL_INTERVAL_AND_AMOUNT_REQUIRED });
			const meta = await apiKeyTestInstance(dialect, { enableMetadata: true, keyExpiration: { disableCustomExpiresTime: true } });
			for (const metadata of ["text", 5, [1, 2]]) await expectRefused(meta.create(meta.owner, { metadata }), 400, C.INVALID_METADATA_TYPE);
			await expectRefused(meta.create(meta.owner, { expiresIn: 86_400 }), 400, C.KEY_DISABLED_EXPIRATION);
			expect(await k.t.snapshot()).toEqual(before);
		});

		test("update: server-only fields 400, no session 401, nothing to change 400, bad name 400", async () => {
			const k = await apiKeyTestInstance(dialect);
			const { body: key } = await k.create(k.owner, { name: "keep" });
			const update = (json: Record<string, unknown>) => k.owner.client.request("/api-key/update", { json: { keyId: key.id, ...json } });
			for (const field of [{ remaining: 5 }, { refillAmount: 1, refillInterval: 1 }, { rateLimitMax: 1 }, { rateLimitTimeWindow: 1 }, { rateLimitEnabled: true }, { permissions: { a: ["b"] } }]) {
				const res = await update(field);
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual(C.SERVER_ONLY_PROPERTY);
			}
			const noSession = await k.t.client().request("/api-key/update", { json: { keyId: key.id, name: "x" } });
			expect(noSession.status).toBe(401);
			expect(await noSession.json()).toEqual(C.UNAUTHORIZED_SESSION);
			const other = await k.signUp();
			const withUserId = await update({ userId: other.id, name: "x" });
			expect(withUserId.status).toBe(401);
			expect(await withUserId.json()).toEqual(C.UNAUTHORIZED_SESSION);
			const nothing = await update({});
			expect(nothing.status).toBe(400);
			expect(await nothing.json()).toEqual(C.NO_VALUES_TO_UPDATE);
			const longName = await update({ name: "x".repeat(33) });
			expect(longName.status).toBe(400);
			expect(await longName.json()).toEqual(C.INVALID_NAME_LENGTH);
			const small = await update({ expiresIn: 10 });
			expect(await small.json()).toEqual(C.EXPIRES_IN_IS_TOO_SMALL);
			await expect(k.api.updateApiKey({ body: { keyId: key.id, userId: k.owner.id, refillAmount: 2 } })).rejects.toMatchObject({ body: C.REFILL_AMOUNT_AND_INTERVAL_REQUIRED });
			await expect(k.api.updateApiKey({ body: { keyId: key.id, userId: k.owner.id, refillInterval: 2 } })).rejects.toMatchObject({ body: C.REFILL_INTERVAL_AND_AMOUNT_REQUIRED });
			await expect(k.api.updateApiKey({ body: { keyId: key.id, name: "x" } })).rejects.toMatchObject({ statusCode: 401, body: C.UNAUTHORIZED_SESSION });
			expect((await k.row(key.id))?.name).toBe("keep");
		});

		test("get, list and delete need a session (401 UNAUTHORIZED)", async () => {
			const k = await apiKeyTestInstance(dialect);
			const { body: key } = await k.create(k.owner);
			const anonymous = k.t.client();
			for (const [path, json] of [[`/api-key/get?id=${key.id}`, undefined], ["/api-key/list", undefined], ["/api-key/delete", { keyId: key.id }]] as const) {
				const res = await anonymous.request(path, json ? { json } : {});
				expect(res.status).toBe(401);
				expect(await res.json()).toEqual(UNAUTHORIZED);
			}
			expect(await k.row(key.id)).not.toBeNull();
		});

		test("owner isolation: another user's key id is 404 KEY_NOT_FOUND on get, update and delete, and absent from list", async () => {
			const k = await apiKeyTestInstance(dialect);
			const { body: key } = await k.create(k.owner, { name: "mine" });
			const mallory = await k.signUp();
			const before = await k.t.snapshot();
			const attempts = [
				mallory.client.request(`/api-key/get?id=${key.id}`),
				mallory.client.request("/api-key/update", { json: { keyId: key.id, enabled: false } }),
				mallory.client.request("/api-key/delete", { json: { keyId: key.id } }),
				mallory.client.request("/api-key/get?id=does-not-exist"),
			];
			for (const res of await Promise.all(attempts)) {
				expect(res.status).toBe(404);
				expect(await res.json()).toEqual(C.KEY_NOT_FOUND);
			}
			await expect(k.api.updateApiKey({ body: { keyId: key.id, userId: mallory.id, name: "stolen" } })).rejects.toMatchObject({ statusCode: 404, body: C.KEY_NOT_FOUND });
			expect(await (await mallory.client.request("/api-key/list")).json()).toEqual({ apiKeys: [], total: 0 });
			expect(await k.row(key.id)).toMatchObject({ name: "mine", enabled: true });
			expect(await k.t.snapshot()).toEqual(before);
		});

		test("delete by a banned user is 401 USER_BANNED", async () => {
			const k = await apiKeyTestInstance(dialect);
			const { body: key } = await k.create(k.owner);
			await k.t.auth.$context.storage.update("user", { id: k.owner.id }, { banned: true });
			const res = await k.owner.client.request("/api-key/delete", { json: { keyId: key.id } });
			expect(res.status).toBe(401);
			expect(await res.json()).toEqual(C.USER_BANNED);
			expect(await k.row(key.id)).not.toBeNull();
		});

		test("bad input: wrong types, missing fields, oversized and hostile strings are 400 and change nothing", async () => {
			const k = await apiKeyTestInstance(dialect, { enableMetadata: true });
			const { body: key } = await k.create(k.owner, { name: "safe" });
			const before = await k.t.snapshot();
			const post = (path: string, json: unknown) => k.owner.client.request(path, { json });
			const cases: [Promise<Response>, string][] = [
				[post("/api-key/create", { name: 5 }), "[body.name]"],
				[post("/api-key/create", { expiresIn: "86400" }), "[body.expiresIn]"],
				[post("/api-key/create", { expiresIn: 0 }), "[body.expiresIn]"],
				[post("/api-key/create", { prefix: "bad prefix!" }), "[body.prefix] Invalid prefix format"],
				[post("/api-key/create", { prefix: "'; DROP TABLE apikey; --" }), "[body.prefix]"],
				[post("/api-key/create", { prefix: "" }), "[body.prefix]"],
				[post("/api-key/create", { name: "x".repeat(5_000) }), "[body.name]"],
				[post("/api-key/create", { name: "nul\u0000" }), "[body.name]"],
				[post("/api-key/create", { metadata: { blob: "x".repeat(20_000) } }), "[body.metadata]"],
				[post("/api-key/create", "just a string"), "[body]"],
				[post("/api-key/update", { name: "x" }), "[body.keyId]"],
				[post("/api-key/update", { keyId: key.id, enabled: "yes" }), "[body.enabled]"],
				[post("/api-key/update", { keyId: ["a"] }), "[body.keyId]"],
				[post("/api-key/delete", {}), "[body.keyId]"],
				[post("/api-key/delete", { keyId: "k".repeat(10_000) }), "[body.keyId]"],
				[k.owner.client.request("/api-key/get"), "[query.id]"],
				[k.owner.client.request("/api-key/list?limit=-1"), "[query.limit]"],
				[k.owner.client.request("/api-key/list?limit=abc"), "[query.limit]"],
				[k.owner.client.request("/api-key/list?sortBy=key"), "[query.sortBy]"],
				[k.owner.client.request("/api-key/list?sortDirection=sideways"), "[query.sortDirection]"],
			];
			for (const [pending, prefix] of cases) {
				const res = await pending;
				expect(res.status).toBe(400);
				const body = await res.json();
				expect(body.code).toBe("VALIDATION_ERROR");
				expect(body.message.startsWith(prefix)).toBe(true);
				expect(Object.keys(body).sort()).toEqual(["code", "message"]);
			}
			// Hostile but well-formed strings are data, never SQL: stored and returned verbatim.
			const hostile = "'); DELETE FROM apikey; --";
			const sql = await k.owner.client.request(`/api-key/get?id=${encodeURIComponent(hostile)}`);
			expect(sql.status).toBe(404);
			expect(await k.t.snapshot()).toEqual(before);
			expect(await k.row(key.id)).toMatchObject({ name: "safe", enabled: true });
		});
	});
}
