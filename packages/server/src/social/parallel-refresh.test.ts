import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { testDialects } from "../testing/index.ts";
import type { TestClient } from "../testing/index.ts";
import { followCallback, socialInstance, startFlow, startProviders } from "./testing/social-test-kit.ts";
import type { Providers } from "./testing/social-test-kit.ts";

/**
 * The GitHub stand-in rotates refresh tokens and refuses a used one, as GitHub does. Parallel
 * calls that need a refresh must share it rather than race with the same refresh token: the
 * losers of such a race would fail, and a real provider may revoke the whole token family.
 */

let providers: Providers & { close(): Promise<void> };
beforeAll(async () => {
	providers = await startProviders();
});
afterAll(() => providers.close());

const PARALLEL = 20;

async function githubAccount(client: TestClient): Promise<string> {
	const started = await startFlow(client, { provider: "github" });
	await followCallback(client, await providers.gh.authorize(started.body.url));
	const accounts: { id: string; providerId: string }[] = await (await client.request("/list-accounts")).json();
	const found = accounts.find((a) => a.providerId === "github");
	if (!found) throw new Error("no github account");
	return found.id;
}

for (const dialect of await testDialects()) {
	describe(`parallel token refreshes [${dialect}]`, () => {
		test(`${PARALLEL} parallel get-access-token calls on an expired token: one refresh, one token for all`, async () => {
			let offsetMs = 0;
			const t = await socialInstance(dialect, providers, { now: () => new Date(Date.now() + offsetMs) });
			const c = t.client();
			const accountId = await githubAccount(c);
			const before = await t.auth.$context.storage.findOne("account", { id: accountId });
			offsetMs = 9 * 3600_000; // past the stand-in's 8-hour access tokens
			const answers = await Promise.all(Array.from({ length: PARALLEL }, () => c.request("/get-access-token", { json: { accountId } })));
			expect(answers.map((a) => a.status)).toEqual(Array(PARALLEL).fill(200));
			const tokens = new Set(await Promise.all(answers.map(async (a) => (await a.json()).accessToken as string)));
			expect(tokens.size).toBe(1);
			const [token] = [...tokens];
			expect(token).not.toBe(before?.accessToken);
			const after = await t.auth.$context.storage.findOne("account", { id: accountId });
			expect(after?.accessToken).toBe(token ?? "");
			// The rotated refresh token was stored and still works.
			expect(after?.refreshToken).not.toBe(before?.refreshToken);
			expect((await c.request("/refresh-token", { json: { accountId } })).status).toBe(200);
		});

		test(`${PARALLEL} parallel refresh-token calls each refresh with the newest refresh token`, async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			const accountId = await githubAccount(c);
			const answers = await Promise.all(Array.from({ length: PARALLEL }, () => c.request("/refresh-token", { json: { accountId } })));
			expect(answers.map((a) => a.status)).toEqual(Array(PARALLEL).fill(200));
			const refreshTokens = new Set(await Promise.all(answers.map(async (a) => (await a.json()).refreshToken as string)));
			expect(refreshTokens.size).toBe(PARALLEL);
			const stored = await t.auth.$context.storage.findOne("account", { id: accountId });
			expect(refreshTokens.has(stored?.refreshToken ?? "")).toBe(true);
		});
	});
}
