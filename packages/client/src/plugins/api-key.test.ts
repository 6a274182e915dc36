import { beforeEach, describe, expect, test } from "bun:test";
import { apiKeyRoutes } from "@latchkey/core";
import { apiKey, username } from "@latchkey/server";
import { getTestInstance } from "@latchkey/server/testing";
import { createInProcessClient } from "../testing/in-process.ts";
import { API_KEY_ROUTE_METHODS, apiKeyClient } from "./api-key.ts";

let instance: Awaited<ReturnType<typeof getTestInstance>>;
beforeEach(async () => {
	instance = await getTestInstance("sqlite", { plugins: [username(), apiKey({ enableSessionForAPIKeys: true })] });
});

test("the zod-free runtime table matches the api-key contracts exactly", () => {
	const fromContracts = Object.fromEntries(Object.entries(apiKeyRoutes).map(([key, c]) => [key, { name: c.name, method: c.method, path: c.path }]));
	expect(API_KEY_ROUTE_METHODS as unknown).toEqual(fromContracts);
});

describe("apiKeyClient against the real server", () => {
	test("create, list, get, update and delete go out with their methods and typed answers", async () => {
		const { client, requests } = createInProcessClient(instance, { plugins: [apiKeyClient()] });
		await client.signUp.email({ name: "Ada", email: "ada@example.com", password: "password1234" });
		const created = await client.apiKey.create({ name: "ci", prefix: "lk_" });
		if (created.error) throw new Error(created.error.code);
		expect(created.data.key).toMatch(/^lk_[a-zA-Z]{64}$/);
		const listed = await client.apiKey.list({ query: { limit: 10 } });
		expect(listed.data).toMatchObject({ total: 1, limit: 10, apiKeys: [{ id: created.data.id, name: "ci" }] });
		const got = await client.apiKey.get({ query: { id: created.data.id } });
		expect(got.data?.start).toBe(created.data.key.slice(0, 6));
		const updated = await client.apiKey.update({ keyId: created.data.id, enabled: false });
		expect(updated.data?.enabled).toBe(false);
		const deleted = await client.apiKey.delete({ keyId: created.data.id });
		expect(deleted).toEqual({ data: { success: true }, error: null });
		expect(requests.map((r) => `${r.method} ${r.url.pathname}`).slice(1)).toEqual([
			"POST /api/auth/api-key/create",
			"GET /api/auth/api-key/list",
			"GET /api/auth/api-key/get",
			"POST /api/auth/api-key/update",
			"POST /api/auth/api-key/delete",
		]);
	});

	test("refusals come back as { code, message, status } and the codes are on $ERROR_CODES", async () => {
		const { client } = createInProcessClient(instance, { plugins: [apiKeyClient()] });
		const anonymous = await client.apiKey.create({ name: "x" });
		expect(anonymous.error).toMatchObject({ status: 401, code: "UNAUTHORIZED_SESSION" });
		await client.signUp.email({ name: "Bo", email: "bo@example.com", password: "password1234" });
		const serverOnly = await client.apiKey.create({ remaining: 3 });
		expect(serverOnly.error).toMatchObject({ status: 400, ...client.$ERROR_CODES.SERVER_ONLY_PROPERTY });
		const missing = await client.apiKey.get({ query: { id: "nope" } });
		expect(missing.error?.code).toBe(client.$ERROR_CODES.KEY_NOT_FOUND.code);
		expect(client.$ERROR_CODES.RATE_LIMIT_EXCEEDED).toEqual({ code: "RATE_LIMIT_EXCEEDED", message: "Rate limit exceeded." });
	});

	test("a key sent as x-api-key makes getSession answer as its owner", async () => {
		const owner = createInProcessClient(instance, { plugins: [apiKeyClient()] });
		await owner.client.signUp.email({ name: "Cy", email: "cy@example.com", password: "password1234" });
		const created = await owner.client.apiKey.create({});
		if (created.error) throw new Error(created.error.code);
		const bot = createInProcessClient(instance, { plugins: [apiKeyClient()], cookies: false });
		const session = await bot.client.getSession({ fetchOptions: { headers: { "x-api-key": created.data.key } } });
		expect(session.data?.user.email).toBe("cy@example.com");
	});
});
