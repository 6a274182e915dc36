import { beforeEach, describe, expect, test } from "bun:test";
import { passkeyRoutes } from "@latchkey/core";
import { passkey, username } from "@latchkey/server";
import { getTestInstance } from "@latchkey/server/testing";
import { createInProcessClient } from "../testing/in-process.ts";
import type { ClientPlugin } from "../types.ts";
import { PASSKEY_ROUTE_METHODS, passkeyClient } from "./passkey.ts";

let instance: Awaited<ReturnType<typeof getTestInstance>>;
beforeEach(async () => {
	instance = await getTestInstance("sqlite", { plugins: [username(), passkey()] });
});

test("the zod-free runtime table matches the passkey contracts exactly", () => {
	const fromContracts = Object.fromEntries(Object.entries(passkeyRoutes).map(([key, c]) => [key, { name: c.name, method: c.method, path: c.path }]));
	expect(PASSKEY_ROUTE_METHODS as unknown).toEqual(fromContracts);
});

describe("passkeyClient against the real server (no WebAuthn in Bun: ceremonies stop in the browser step)", () => {
	test("routes go out with their methods; list is empty for a new user", async () => {
		const { client, requests } = createInProcessClient(instance, { plugins: [passkeyClient()] });
		await client.signUp.email({ name: "Pat", email: "pat@example.com", password: "password1234" });
		const list = await client.passkey.listUserPasskeys();
		expect(list).toEqual({ data: [], error: null });
		const missing = await client.passkey.deletePasskey({ id: "nope" });
		expect(missing.error).toMatchObject({ status: 404, code: "PASSKEY_NOT_FOUND" });
		expect(requests.map((r) => `${r.method} ${r.url.pathname}`).slice(-2)).toEqual(["GET /api/auth/passkey/list-user-passkeys", "POST /api/auth/passkey/delete-passkey"]);
		expect(client.$ERROR_CODES.CHALLENGE_NOT_FOUND).toEqual({ code: "CHALLENGE_NOT_FOUND", message: "Challenge not found" });
	});

	test("addPasskey asks for options with the query, then reports the browser failure without verifying", async () => {
		const { client, requests } = createInProcessClient(instance, { plugins: [passkeyClient()] });
		await client.signUp.email({ name: "Pat", email: "pat@example.com", password: "password1234" });
		const result = await client.passkey.addPasskey({ name: "Laptop", authenticatorAttachment: "platform" });
		expect(result).toEqual({ data: null, error: { code: "UNKNOWN_ERROR", message: "Unknown error", status: 400, statusText: "BAD_REQUEST" } });
		const last = requests.at(-1);
		expect(`${last?.method} ${last?.url.pathname}`).toBe("GET /api/auth/passkey/generate-register-options");
		expect(Object.fromEntries(last?.url.searchParams ?? [])).toEqual({ name: "Laptop", authenticatorAttachment: "platform" });
	});

	test("a server refusal comes back as the error and stops the ceremony", async () => {
		const { client, requests } = createInProcessClient(instance, { plugins: [passkeyClient()] });
		const result = await client.passkey.addPasskey();
		expect(result.data).toBeNull();
		expect(result.error).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
		expect(requests).toHaveLength(1);
	});

	test("signIn.passkey fetches options, and signIn.email still reaches its route", async () => {
		const { client, requests } = createInProcessClient(instance, { plugins: [passkeyClient()] });
		const result = await client.signIn.passkey();
		expect(result.error?.code).toBe("UNKNOWN_ERROR");
		expect(requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(["GET /api/auth/passkey/generate-authenticate-options"]);
		const email = await client.signIn.email({ email: "none@example.com", password: "password1234" });
		expect(email.error?.status).toBe(401);
	});
});

test("plugin actions merge by path and answer before the route proxy", async () => {
	const calls: string[] = [];
	const a = { id: "a", routes: {}, getActions: () => ({ signIn: { alpha: async () => calls.push("alpha") } }) } satisfies ClientPlugin;
	const b = { id: "b", routes: {}, getActions: () => ({ signIn: { beta: async () => calls.push("beta") }, tools: { nested: { gamma: async () => calls.push("gamma") } } }) } satisfies ClientPlugin;
	const { client, requests } = createInProcessClient(instance, { plugins: [a, b] });
	await client.signIn.alpha();
	await client.signIn.beta();
	await client.tools.nested.gamma();
	expect(calls).toEqual(["alpha", "beta", "gamma"]);
	expect(requests).toHaveLength(0);
	// Inherited names of the action tree (`constructor`, `toString`) are not actions: they stay route paths.
	const signIn = client.signIn as unknown as Record<string, unknown>;
	expect(signIn.constructor).not.toBe(Object);
	expect(signIn.toString).not.toBe(Object.prototype.toString);
});
