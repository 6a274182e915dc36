import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { testDialects } from "../testing/index.ts";
import type { TestClient } from "../testing/index.ts";
import { followCallback, locationOf, OIDC_ID, signInWithOidc, socialInstance, startFlow, startProviders } from "./testing/social-test-kit.ts";
import type { Providers } from "./testing/social-test-kit.ts";

/**
 * `POST /link-social` (spec/core.md §9.30): a signed-in user attaches a provider account. The
 * dangerous outcome is attaching an account that already belongs to someone else (account
 * theft) or one whose email the provider does not vouch for; both are refused.
 */

let providers: Providers & { close(): Promise<void> };
beforeAll(async () => {
	providers = await startProviders();
});
afterAll(() => providers.close());

async function linkVia(client: TestClient, login: string, body: Record<string, unknown> = {}): Promise<Response> {
	const started = await startFlow(client, { provider: OIDC_ID, callbackURL: "/settings", errorCallbackURL: "/err", ...body }, "/link-social");
	if (started.status !== 200) throw new Error(`link-social: ${started.status}`);
	return followCallback(client, await providers.op.authorize(started.body.url, login));
}

function pathAndQuery(response: Response): string {
	const url = locationOf(response);
	return url.pathname + url.search;
}

for (const dialect of await testDialects()) {
	describe(`link-social [${dialect}]`, () => {
		test("redirect flow: the account joins the signed-in user; the session is not replaced", async () => {
			const t = await socialInstance(dialect, providers);
			const { client, body } = await t.signUp({ email: "alice@example.com" });
			const token = client.jar.cookies.get("better-auth.session_token");
			const started = await startFlow(client, { provider: OIDC_ID, callbackURL: "/settings" }, "/link-social");
			expect(started.status).toBe(200);
			expect(started.body.redirect).toBe(true);
			const state = new URL(started.body.url).searchParams.get("state");
			const row = await t.auth.$context.storage.findOne("verification", { identifier: `auth-state:${state}` });
			expect(JSON.parse(row?.value ?? "{}").link).toEqual({ userId: body.user.id, email: "alice@example.com" });
			const res = await followCallback(client, await providers.op.authorize(started.body.url, "alice"));
			expect(pathAndQuery(res)).toBe("/settings");
			expect(res.headers.getSetCookie().some((c) => c.startsWith("better-auth.session_token"))).toBe(false);
			expect(client.jar.cookies.get("better-auth.session_token")).toBe(token);
			const accounts = await (await client.request("/list-accounts")).json();
			expect(accounts.map((a: { providerId: string }) => a.providerId).sort()).toEqual(["acme", "credential"]);
			// Signing in with the provider now reaches the same user.
			const other = t.client();
			await signInWithOidc(other, providers, "alice");
			expect((await (await other.request("/get-session")).json()).user.id).toBe(body.user.id);
		});

		test("a link finished after signing out (or in a browser signed in as someone else) is refused", async () => {
			const t = await socialInstance(dialect, providers);
			const { client } = await t.signUp({ email: "alice@example.com" });
			const started = await startFlow(client, { provider: OIDC_ID, callbackURL: "/settings", errorCallbackURL: "/err" }, "/link-social");
			const back = await providers.op.authorize(started.body.url, "alice");
			expect((await client.request("/sign-out", { json: {} })).status).toBe(200);
			const before = await t.snapshot();
			expect(pathAndQuery(await followCallback(client, back))).toBe("/err?error=unable_to_link_account");
			expect(await t.snapshot()).toEqual({ ...before, verification: (before.verification ?? 0) - 1 });
		});

		test("without a session: 401 UNAUTHORIZED, nothing stored", async () => {
			const t = await socialInstance(dialect, providers);
			const before = await t.snapshot();
			const res = await t.client().request("/link-social", { json: { provider: OIDC_ID } });
			expect(res.status).toBe(401);
			expect((await res.json()).code).toBe("UNAUTHORIZED");
			expect(await t.snapshot()).toEqual(before);
		});

		test("an account already linked to another user → account_already_linked_to_different_user", async () => {
			const t = await socialInstance(dialect, providers, { account: { accountLinking: { allowDifferentEmails: true } } });
			await signInWithOidc(t.client(), providers, "alice");
			const { client } = await t.signUp({ email: "thief@example.com" });
			const before = await t.snapshot();
			const res = await linkVia(client, "alice");
			expect(pathAndQuery(res)).toBe("/err?error=account_already_linked_to_different_user");
			expect(await t.snapshot()).toEqual(before);
		});

		test("a different email → email_does_not_match, unless allowDifferentEmails", async () => {
			const t = await socialInstance(dialect, providers);
			const { client } = await t.signUp({ email: "carol@example.com" });
			expect(pathAndQuery(await linkVia(client, "alice"))).toBe("/err?error=email_does_not_match");
			const open = await socialInstance(dialect, providers, { account: { accountLinking: { allowDifferentEmails: true } } });
			const carol = await open.signUp({ email: "carol@example.com" });
			expect(pathAndQuery(await linkVia(carol.client, "alice"))).toBe("/settings");
		});

		test("accountLinking.updateUserInfoOnLink copies the provider's name", async () => {
			const t = await socialInstance(dialect, providers, { account: { accountLinking: { updateUserInfoOnLink: true } } });
			const { client, body } = await t.signUp({ email: "alice@example.com", name: "A." });
			expect(pathAndQuery(await linkVia(client, "alice"))).toBe("/settings");
			expect((await t.auth.$context.storage.findOne("user", { id: body.user.id }))?.name).toBe("Alice Liddell");
		});

		test("an unverified provider email → unable_to_link_account", async () => {
			const t = await socialInstance(dialect, providers);
			const { client } = await t.signUp({ email: "alice@example.com" });
			expect(pathAndQuery(await linkVia(client, "mallory"))).toBe("/err?error=unable_to_link_account");
		});

		test("idToken flow: { url: '', status: true, redirect: false }; 409, 401 LINKING_NOT_ALLOWED, 401 LINKING_DIFFERENT_EMAILS_NOT_ALLOWED", async () => {
			const t = await socialInstance(dialect, providers);
			const op = providers.op;
			const token = (sub: string, email: string, verified = true) => op.signIdToken({ iss: op.issuer, aud: op.clientId, sub, email, email_verified: verified });
			const alice = await t.signUp({ email: "alice@example.com" });
			const ok = await alice.client.request("/link-social", { json: { provider: OIDC_ID, idToken: { token: await token("alice", "alice@example.com") } } });
			expect(ok.status).toBe(200);
			expect(await ok.json()).toEqual({ url: "", status: true, redirect: false });

			const other = await t.signUp({ email: "other@example.com" });
			const cases: [string, number, string][] = [
				[await token("alice", "other@example.com"), 409, "SOCIAL_ACCOUNT_ALREADY_LINKED"],
				[await token("fresh", "other@example.com", false), 401, "LINKING_NOT_ALLOWED"],
				[await token("fresh", "someone@example.com"), 401, "LINKING_DIFFERENT_EMAILS_NOT_ALLOWED"],
			];
			const before = await t.snapshot();
			for (const [idToken, status, code] of cases) {
				const res = await other.client.request("/link-social", { json: { provider: OIDC_ID, idToken: { token: idToken } } });
				expect({ status: res.status, code: (await res.json()).code }).toEqual({ status, code });
			}
			expect(await t.snapshot()).toEqual(before);
		});
	});
}
