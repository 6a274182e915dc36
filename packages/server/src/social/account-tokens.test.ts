import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { testDialects } from "../testing/index.ts";
import type { TestClient } from "../testing/index.ts";
import { followCallback, OIDC_ID, signInWithOidc, socialInstance, startFlow, startProviders } from "./testing/social-test-kit.ts";
import type { Providers } from "./testing/social-test-kit.ts";

/**
 * Provider tokens after sign-in (spec/core.md §9.27): `/get-access-token` (refreshes when the
 * token is about to expire), `/refresh-token` (always refreshes), `/account-info` (the
 * provider's profile). These hand out credentials for another service, so they act only on
 * the caller's own accounts and answer `Cache-Control: no-store`.
 */

let providers: Providers & { close(): Promise<void> };
beforeAll(async () => {
	providers = await startProviders();
});
afterAll(() => providers.close());

async function accountIdOf(client: TestClient, providerId: string): Promise<string> {
	const accounts: { id: string; providerId: string }[] = await (await client.request("/list-accounts")).json();
	const found = accounts.find((a) => a.providerId === providerId);
	if (!found) throw new Error(`no ${providerId} account`);
	return found.id;
}

async function userinfoSub(accessToken: string): Promise<string | null> {
	const res = await fetch(`${providers.op.issuer}/me`, { headers: { authorization: `Bearer ${accessToken}` } });
	return res.ok ? (await res.json()).sub : null;
}

for (const dialect of await testDialects()) {
	describe(`account tokens [${dialect}]`, () => {
		test("get-access-token answers the stored token while valid, and refreshes it once it expires", async () => {
			let offsetMs = 0;
			const t = await socialInstance(dialect, providers, { now: () => new Date(Date.now() + offsetMs) });
			const c = t.client();
			await signInWithOidc(c, providers, "alice");
			const accountId = await accountIdOf(c, OIDC_ID);
			const first = await c.request("/get-access-token", { json: { accountId } });
			expect(first.status).toBe(200);
			expect(first.headers.get("cache-control")).toBe("no-store");
			const body = await first.json();
			expect(body.scopes.sort()).toEqual(["email", "openid", "profile"]);
			expect(body.idToken.split(".")).toHaveLength(3);
			expect(new Date(body.accessTokenExpiresAt).getTime()).toBeGreaterThan(Date.now());
			expect(await userinfoSub(body.accessToken)).toBe("alice");
			const stored = await t.auth.$context.storage.findOne("account", { id: accountId });

			offsetMs = 2 * 3600_000;
			const refreshed = await (await c.request("/get-access-token", { json: { accountId } })).json();
			expect(refreshed.accessToken).not.toBe(body.accessToken);
			expect(await userinfoSub(refreshed.accessToken)).toBe("alice");
			const row = await t.auth.$context.storage.findOne("account", { id: accountId });
			expect(row?.accessToken).toBe(refreshed.accessToken);
			expect(row?.accessTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now() + offsetMs);
			// oidc-provider does not rotate a confidential client's refresh token: the stored one stays.
			expect(row?.refreshToken).toBe(stored?.refreshToken ?? "");
		});

		test("refresh-token forces a refresh_token grant and stores the rotated tokens", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			await signInWithOidc(c, providers, "alice");
			const accountId = await accountIdOf(c, OIDC_ID);
			const before = await t.auth.$context.storage.findOne("account", { id: accountId });
			const res = await c.request("/refresh-token", { json: { accountId } });
			expect(res.status).toBe(200);
			expect(res.headers.get("cache-control")).toBe("no-store");
			const body = await res.json();
			expect(body).toMatchObject({ providerId: OIDC_ID, accountId, scope: before?.scope });
			expect(body.accessToken).not.toBe(before?.accessToken);
			expect(body.refreshToken).toBeString();
			const after = await t.auth.$context.storage.findOne("account", { id: accountId });
			expect(after?.accessToken).toBe(body.accessToken);
			expect(after?.refreshToken).toBe(body.refreshToken);
			// The stored refresh token still works for the next refresh.
			expect((await c.request("/refresh-token", { json: { accountId } })).status).toBe(200);
		});

		test("account-info returns the provider's profile for the caller's own account", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			await signInWithOidc(c, providers, "alice");
			const accountId = await accountIdOf(c, OIDC_ID);
			const res = await c.request(`/account-info?accountId=${accountId}`);
			expect(res.status).toBe(200);
			expect(await res.json()).toMatchObject({
				user: { id: "alice", email: "alice@example.com", name: "Alice Liddell", emailVerified: true },
				data: { sub: "alice", email: "alice@example.com" },
				account: { id: accountId, providerId: OIDC_ID, accountId: "alice" },
			});
		});

		test("GitHub: tokens, refresh with rotation, account-info through the stand-in", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			const started = await startFlow(c, { provider: "github" });
			await followCallback(c, await providers.gh.authorize(started.body.url));
			const accountId = await accountIdOf(c, "github");
			const refreshed = await (await c.request("/refresh-token", { json: { accountId } })).json();
			expect(refreshed.accessToken).toStartWith("gho_");
			expect(refreshed.refreshToken).toStartWith("ghr_");
			const info = await (await c.request(`/account-info?accountId=${accountId}`)).json();
			expect(info.user).toMatchObject({ id: "4242", email: "octo@example.com", emailVerified: true });
			expect(info.data.login).toBe("octo");
		});

		test("errors: 401 without a session (empty body), strict selector, other users' accounts, credential accounts", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			await signInWithOidc(c, providers, "alice");
			const accountId = await accountIdOf(c, OIDC_ID);
			const anonymous = t.client();
			for (const [path, init] of [
				["/get-access-token", { json: { accountId } }],
				["/refresh-token", { json: { accountId } }],
				[`/account-info?accountId=${accountId}`, {}],
			] as const) {
				const res = await anonymous.request(path, init);
				expect(res.status).toBe(401);
				expect(await res.text()).toBe("");
			}
			const stranger = await t.signUp();
			const theirs = await stranger.client.request("/get-access-token", { json: { accountId } });
			expect(theirs.status).toBe(400);
			expect(await theirs.json()).toEqual({ code: "ACCOUNT_NOT_FOUND", message: "Account not found" });
			// Even naming the owner's userId over HTTP does not help: the session decides.
			const named = await stranger.client.request("/get-access-token", { json: { accountId, userId: "whatever" } });
			expect((await named.json()).code).toBe("ACCOUNT_NOT_FOUND");
			const legacy = await c.request("/get-access-token", { json: { providerId: OIDC_ID } });
			expect(legacy.status).toBe(400);
			expect((await legacy.json()).code).toBe("VALIDATION_ERROR");
			const cookie = await c.request("/get-access-token", { json: { useAccountCookie: true } });
			expect((await cookie.json()).code).toBe("ACCOUNT_NOT_FOUND");

			const credentialId = await accountIdOf(stranger.client, "credential");
			const credential = await stranger.client.request("/get-access-token", { json: { accountId: credentialId } });
			expect(await credential.json()).toEqual({ code: "PROVIDER_NOT_SUPPORTED", message: "Provider credential is not supported." });
			expect((await (await stranger.client.request("/refresh-token", { json: { accountId: credentialId } })).json()).code).toBe("PROVIDER_NOT_SUPPORTED");
			expect((await (await stranger.client.request(`/account-info?accountId=${credentialId}`)).json()).code).toBe("PROVIDER_NOT_CONFIGURED");
		});

		test("errors from the provider side: no refresh token, a refused refresh, a useless access token", async () => {
			let offsetMs = 0;
			const t = await socialInstance(dialect, providers, { now: () => new Date(Date.now() + offsetMs) });
			const c = t.client();
			await signInWithOidc(c, providers, "alice");
			const accountId = await accountIdOf(c, OIDC_ID);
			const storage = t.auth.$context.storage;
			const body = (res: Response) => res.json() as Promise<{ code: string; message: string }>;

			await storage.update("account", { id: accountId }, { refreshToken: "not-a-real-refresh-token" });
			expect(await body(await c.request("/refresh-token", { json: { accountId } }))).toEqual({ code: "FAILED_TO_REFRESH_ACCESS_TOKEN", message: "Failed to refresh access token" });
			offsetMs = 2 * 3600_000;
			expect(await body(await c.request("/get-access-token", { json: { accountId } }))).toEqual({ code: "FAILED_TO_GET_ACCESS_TOKEN", message: "Failed to get a valid access token" });

			await storage.update("account", { id: accountId }, { refreshToken: null, accessToken: "bogus", accessTokenExpiresAt: null });
			expect(await body(await c.request("/refresh-token", { json: { accountId } }))).toEqual({ code: "REFRESH_TOKEN_NOT_FOUND", message: "Refresh token not found" });
			const info = await c.request(`/account-info?accountId=${accountId}`);
			expect(info.status).toBe(401);
			expect((await body(info)).code).toBe("FAILED_TO_GET_USER_INFO");
			await storage.update("account", { id: accountId }, { accessToken: null });
			expect((await body(await c.request(`/account-info?accountId=${accountId}`))).code).toBe("ACCESS_TOKEN_NOT_FOUND");
		});

		test("auth.api: a server call may name userId; without session or userId → USER_ID_OR_SESSION_REQUIRED", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			await signInWithOidc(c, providers, "alice");
			const accountId = await accountIdOf(c, OIDC_ID);
			const row = await t.auth.$context.storage.findOne("account", { id: accountId });
			const result = await t.auth.api.getAccessToken({ body: { accountId, userId: row?.userId } });
			expect(result.accessToken).toBe(row?.accessToken ?? "");
			await expect(t.auth.api.getAccessToken({ body: { accountId } })).rejects.toMatchObject({ statusCode: 400, body: { code: "USER_ID_OR_SESSION_REQUIRED" } });
		});
	});
}
