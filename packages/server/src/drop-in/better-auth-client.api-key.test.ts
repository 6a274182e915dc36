import { describe, expect, test } from "bun:test";
import { API_KEY_ERROR_CODES as PUBLISHED_CODES, apiKeyClient } from "@better-auth/api-key/client";
import { API_KEY_ERROR_CODES } from "@latchkey/core";
import { createAuthClient } from "better-auth/client";
import { apiKey } from "../plugins/api-key/index.ts";
import { username } from "../plugins/username/index.ts";
import { CookieJar, TEST_ORIGIN, getTestInstance, testDialects } from "../testing/index.ts";

/**
 * The drop-in proof for API keys: the published `better-auth@1.7.6` client with
 * `apiKeyClient()` from `@better-auth/api-key@1.7.5`, unmodified, against our server.
 */

/** The published client with `apiKeyClient()`, fetching in process through a cookie jar. */
function createApiKeyDropInClient(handler: (request: Request) => Promise<Response>) {
	const jar = new CookieJar();
	const requests: Request[] = [];
	const customFetchImpl = jar.wrap(
		(request) => {
			requests.push(request.clone());
			return handler(request);
		},
		{ origin: TEST_ORIGIN },
	);
	return { client: createAuthClient({ baseURL: TEST_ORIGIN, plugins: [apiKeyClient()], fetchOptions: { customFetchImpl } }), requests };
}

test("our API_KEY_ERROR_CODES match the published plugin's, code for code and word for word", () => {
	const published = Object.fromEntries(Object.entries(PUBLISHED_CODES).map(([key, value]) => [key, { code: value.code, message: value.message }]));
	const ours: Record<string, { code: string; message: string }> = { ...API_KEY_ERROR_CODES };
	expect(ours).toEqual(published);
});

for (const dialect of await testDialects()) {
	describe(`Better Auth client: api-key [${dialect}]`, () => {
		test("create, list, get, update and delete through authClient.apiKey", async () => {
			const t = await getTestInstance(dialect, { plugins: [username(), apiKey()] });
			const { client, requests } = createApiKeyDropInClient((request) => t.auth.handler(request, { ip: "127.0.0.1" }));
			await client.signUp.email({ name: "Kim", email: "kim@example.com", password: "password1234" });

			const created = await client.apiKey.create({ name: "deploy", prefix: "ba_" });
			expect(created.error).toBeNull();
			if (!created.data) throw new Error("no key");
			expect(created.data.key).toMatch(/^ba_[a-zA-Z]{64}$/);
			expect(created.data.start).toBe(created.data.key.slice(0, 6));
			expect(created.data.createdAt).toBeInstanceOf(Date);

			const listed = await client.apiKey.list();
			expect(listed.error).toBeNull();
			expect(listed.data?.total).toBe(1);
			expect(listed.data?.apiKeys[0]).toMatchObject({ id: created.data.id, name: "deploy" });

			const got = await client.apiKey.get({ query: { id: created.data.id } });
			expect(got.data).toMatchObject({ id: created.data.id, prefix: "ba_", enabled: true });
			expect(got.data).not.toHaveProperty("key");

			const updated = await client.apiKey.update({ keyId: created.data.id, name: "renamed", enabled: false });
			expect(updated.data).toMatchObject({ name: "renamed", enabled: false });

			const refused = await client.apiKey.create({ remaining: 5 });
			expect(refused.error).toMatchObject({ status: 400, code: "SERVER_ONLY_PROPERTY" });

			const deleted = await client.apiKey.delete({ keyId: created.data.id });
			expect(deleted.data).toEqual({ success: true });
			const gone = await client.apiKey.get({ query: { id: created.data.id } });
			expect(gone.error).toMatchObject({ status: 404, code: "KEY_NOT_FOUND", message: "API Key not found" });

			expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`).slice(1)).toEqual([
				"POST /api/auth/api-key/create",
				"GET /api/auth/api-key/list",
				"GET /api/auth/api-key/get",
				"POST /api/auth/api-key/update",
				"POST /api/auth/api-key/create",
				"POST /api/auth/api-key/delete",
				"GET /api/auth/api-key/get",
			]);
		});

		test("a request with x-api-key is answered as the key's owner", async () => {
			const t = await getTestInstance(dialect, { plugins: [username(), apiKey({ enableSessionForAPIKeys: true })] });
			const owner = createApiKeyDropInClient((request) => t.auth.handler(request, { ip: "127.0.0.1" }));
			const signUp = await owner.client.signUp.email({ name: "Lee", email: "lee@example.com", password: "password1234" });
			const created = await owner.client.apiKey.create({ name: "bot" });
			if (!created.data) throw new Error("no key");

			// A separate client with no cookies: only the key identifies it.
			const bot = createApiKeyDropInClient((request) => t.auth.handler(request, { ip: "127.0.0.1" }));
			const session = await bot.client.getSession({ fetchOptions: { headers: { "x-api-key": created.data.key } } });
			expect(session.error).toBeNull();
			expect(session.data?.user).toMatchObject({ id: signUp.data?.user.id, email: "lee@example.com" });
			expect(session.data?.session.id).toBe(created.data.id);
			const keys = await bot.client.apiKey.list({ fetchOptions: { headers: { "x-api-key": created.data.key } } });
			expect(keys.data?.apiKeys.map((k) => k.name)).toEqual(["bot"]);
			const wrong = await bot.client.getSession({ fetchOptions: { headers: { "x-api-key": "Z".repeat(64) } } });
			expect(wrong.error).toMatchObject({ status: 401, code: "INVALID_API_KEY" });
		});
	});
}
