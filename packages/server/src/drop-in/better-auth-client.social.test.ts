import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { followCallback, OIDC_ID, socialInstance, startProviders } from "../social/testing/social-test-kit.ts";
import type { Providers } from "../social/testing/social-test-kit.ts";
import { TEST_ORIGIN, testDialects } from "../testing/index.ts";
import { createDropInClient, followLink, SESSION_COOKIE, waitFor } from "./create-drop-in-client.ts";

/**
 * The drop-in proof for social sign-in (spec/core.md §9.27–§9.30): the published Better Auth
 * client (`better-auth@1.7.6`) starts `signIn.social` against Latchkey, a real OpenID Connect
 * provider (oidc-provider on loopback) approves, the callback sets the session, and the
 * client's session atom and token helpers work unchanged.
 */

let providers: Providers & { close(): Promise<void> };
beforeAll(async () => {
	providers = await startProviders();
});
afterAll(() => providers.close());

for (const dialect of await testDialects()) {
	describe(`Better Auth client: social sign-in [${dialect}]`, () => {
		test("signIn.social → provider → callback → useSession, listAccounts, getAccessToken, accountInfo", async () => {
			const t = await socialInstance(dialect, providers);
			const { client, jar } = createDropInClient(t);
			const unsubscribe = client.useSession.listen(() => {});
			try {
				const { data, error } = await client.signIn.social({ provider: OIDC_ID, callbackURL: "/dashboard", newUserCallbackURL: "/welcome" });
				expect(error).toBeNull();
				expect(data?.redirect).toBe(true);
				const url = data && "url" in data ? data.url : undefined;
				expect(url).toStartWith(`${providers.op.issuer}/auth?`);
				expect(jar.cookies.has("better-auth.state")).toBe(true);

				const back = await providers.op.authorize(url ?? "", "alice");
				const landed = await followLink(client, back.href);
				expect(landed).toEqual({ status: 302, location: "/welcome" });
				expect(jar.cookies.has(SESSION_COOKIE)).toBe(true);
				expect(jar.cookies.has("better-auth.state")).toBe(false);

				const session = await client.getSession();
				expect(session.data?.user).toMatchObject({ email: "alice@example.com", name: "Alice Liddell", emailVerified: true });
				await client.useSession.get().refetch();
				await waitFor(() => client.useSession.get().data?.user.email === "alice@example.com");

				const accounts = await client.listAccounts();
				const account = accounts.data?.find((a) => a.providerId === OIDC_ID);
				expect(account?.accountId).toBe("alice");
				const token = await client.getAccessToken({ accountId: account?.id ?? "" });
				expect(token.error).toBeNull();
				expect(token.data?.accessToken).toBeString();
				expect(token.data?.accessTokenExpiresAt).toBeInstanceOf(Date);
				const info = await client.accountInfo({ query: { accountId: account?.id ?? "" } });
				expect(info.data?.user).toMatchObject({ email: "alice@example.com", emailVerified: true });
			} finally {
				unsubscribe();
			}
		});

		test("linkSocial links a provider to the signed-in user; errors come back as { error: { code, status } }", async () => {
			const t = await socialInstance(dialect, providers);
			const { client } = createDropInClient(t);
			await client.signUp.email({ name: "Alice", email: "alice@example.com", password: "password1234" });
			const { data, error } = await client.linkSocial({ provider: OIDC_ID, callbackURL: "/settings" });
			expect(error).toBeNull();
			const back = await providers.op.authorize(data?.url ?? "", "alice");
			expect(await followLink(client, back.href)).toEqual({ status: 302, location: "/settings" });
			const accounts = await client.listAccounts();
			expect(accounts.data?.map((a) => a.providerId).sort()).toEqual(["acme", "credential"]);

			const unknown = await client.signIn.social({ provider: "nope" as typeof OIDC_ID });
			expect(unknown.error).toMatchObject({ status: 404, code: "PROVIDER_NOT_FOUND", message: "Provider not found" });
			const evil = await client.signIn.social({ provider: OIDC_ID, callbackURL: "https://evil.example/" });
			expect(evil.error).toMatchObject({ status: 403, code: "INVALID_CALLBACK_URL" });
		});

		test("a callback replayed in another browser does not sign it in", async () => {
			const t = await socialInstance(dialect, providers);
			const victim = createDropInClient(t);
			const { data } = await victim.client.signIn.social({ provider: OIDC_ID, callbackURL: "/dashboard", errorCallbackURL: "/oops" });
			const back = await providers.op.authorize(data && "url" in data ? (data.url ?? "") : "", "alice");
			const attacker = t.client();
			const res = await followCallback(attacker, back);
			expect(res.headers.get("location")).toBe("/oops?error=state_mismatch");
			expect(await (await attacker.request("/get-session")).json()).toBeNull();
			expect(back.origin).toBe(TEST_ORIGIN);
		});
	});
}
