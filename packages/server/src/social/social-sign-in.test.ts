import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { cmp } from "../storage/storage.ts";
import { TEST_ORIGIN, testDialects } from "../testing/index.ts";
import { startGithubStandIn } from "./testing/github-stand-in.ts";
import { startOidcProvider } from "./testing/oidc-test-provider.ts";
import { APP_ORIGIN, followCallback, locationOf, OIDC_ID, REDIRECT_URIS, signInWithOidc, socialInstance, startFlow } from "./testing/social-test-kit.ts";
import type { Providers } from "./testing/social-test-kit.ts";

/**
 * Social sign-in end to end over HTTP (spec/core.md §9.28, §9.29): a real OpenID Connect
 * provider (oidc-provider) and a GitHub stand-in on loopback, the redirect dance driven by
 * hand, then the session read back through `/get-session`.
 */

let providers: Providers;
beforeAll(async () => {
	const op = await startOidcProvider({ redirectUris: REDIRECT_URIS });
	op.accounts.set("alice", { email: "Alice@Example.com", email_verified: true, name: "Alice Liddell", picture: "https://img.example/alice.png" });
	op.accounts.set("bob", { email: "bob@example.com", email_verified: false, name: "Bob" });
	const gh = startGithubStandIn({
		id: 4242,
		login: "octo",
		name: "Octo Cat",
		avatar_url: "https://avatars.example/octo.png",
		emails: [
			{ email: "octo-public@example.com", primary: false, verified: false },
			{ email: "Octo@Example.com", primary: true, verified: true },
		],
	});
	providers = { op, gh };
});
afterAll(async () => {
	providers.gh.close();
	await providers.op.close();
});

for (const dialect of await testDialects()) {
	describe(`social sign-in [${dialect}]`, () => {
		test("start: authorize URL with state, PKCE S256, nonce, exact redirect URI; state row and signed state cookie", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			const { status, body, response } = await startFlow(c, { provider: OIDC_ID, callbackURL: `${APP_ORIGIN}/home`, scopes: ["offline_access"], loginHint: "alice" });
			expect(status).toBe(200);
			expect(body.redirect).toBe(true);
			expect(response.headers.get("location")).toBe(body.url);
			const url = new URL(body.url);
			expect(url.origin + url.pathname).toBe(`${providers.op.issuer}/auth`);
			const q = url.searchParams;
			expect(q.get("response_type")).toBe("code");
			expect(q.get("client_id")).toBe(providers.op.clientId);
			expect(q.get("redirect_uri")).toBe(`${TEST_ORIGIN}/api/auth/callback/${OIDC_ID}`);
			expect(q.get("state")).toMatch(/^[A-Za-z0-9_-]{32}$/);
			expect(q.get("code_challenge_method")).toBe("S256");
			expect(q.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
			expect(q.get("nonce")).toMatch(/^[A-Za-z0-9_-]{32}$/);
			expect(q.get("scope")?.split(" ")).toEqual(["openid", "email", "profile", "offline_access"]);
			expect(q.get("login_hint")).toBe("alice");
			const cookie = response.headers.getSetCookie().find((line) => line.startsWith("better-auth.state="));
			expect(cookie).toMatch(new RegExp(`^better-auth\\.state=${q.get("state")}\\.[A-Za-z0-9%]+; Max-Age=300; Path=/; HttpOnly; SameSite=Lax$`));
			const row = await t.auth.$context.storage.findOne("verification", { identifier: `auth-state:${q.get("state")}` });
			const data = JSON.parse(row?.value ?? "{}");
			expect(data).toMatchObject({ callbackURL: `${APP_ORIGIN}/home`, oauthState: q.get("state"), idTokenNonce: q.get("nonce") });
			expect(data.codeVerifier).toMatch(/^[A-Za-z0-9_-]{128}$/);
			expect(row?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 590_000);
		});

		test("disableRedirect: no Location, redirect false; callbackURL defaults to the base URL origin", async () => {
			const t = await socialInstance(dialect, providers);
			const { body, response } = await startFlow(t.client(), { provider: OIDC_ID, disableRedirect: true });
			expect(body.redirect).toBe(false);
			expect(response.headers.get("location")).toBeNull();
			const state = new URL(body.url).searchParams.get("state");
			const row = await t.auth.$context.storage.findOne("verification", { identifier: `auth-state:${state}` });
			expect(JSON.parse(row?.value ?? "{}").callbackURL).toBe(TEST_ORIGIN);
		});

		test("OIDC code flow: new user → newUserCallbackURL, session cookie, tokens on the account; second sign-in → callbackURL, same user", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			const res = await signInWithOidc(c, providers, "alice", { newUserCallbackURL: "/welcome", scopes: ["offline_access"] });
			expect(res.status).toBe(302);
			expect(res.headers.get("location")).toBe("/welcome");
			const cookies = res.headers.getSetCookie();
			expect(cookies[0]).toMatch(/^better-auth\.state=; Max-Age=0/);
			expect(cookies.some((line) => /^better-auth\.session_token=[^;]+; Max-Age=604800/.test(line))).toBe(true);
			const session = await (await c.request("/get-session")).json();
			expect(session.user).toMatchObject({ email: "alice@example.com", name: "Alice Liddell", emailVerified: true, image: "https://img.example/alice.png" });
			const account = await t.auth.$context.storage.findOne("account", { userId: session.user.id });
			expect(account).toMatchObject({ providerId: OIDC_ID, accountId: "alice" });
			expect(account?.accessToken).toBeString();
			expect(account?.refreshToken).toBeString();
			expect(account?.idToken?.split(".")).toHaveLength(3);
			expect(account?.accessTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now());
			// The granted scopes (oidc-provider grants offline_access only with prompt=consent).
			expect(account?.scope?.split(",").sort()).toEqual(["email", "openid", "profile"]);
			// No state row is left behind.
			expect(await t.auth.$context.storage.count("verification", { identifier: cmp.startsWith("auth-state:") })).toBe(0);

			const again = t.client();
			const second = await signInWithOidc(again, providers, "alice");
			expect(locationOf(second).href).toBe(`${APP_ORIGIN}/home`);
			const other = await (await again.request("/get-session")).json();
			expect(other.user.id).toBe(session.user.id);
			expect(other.session.token).not.toBe(session.session.token);
			expect(await t.auth.$context.storage.count("user", { email: "alice@example.com" })).toBe(1);
			expect(await t.auth.$context.storage.count("account", { userId: session.user.id })).toBe(1);
		});

		test("account.updateAccountOnSignIn: false keeps the first tokens", async () => {
			const t = await socialInstance(dialect, providers, { account: { updateAccountOnSignIn: false } });
			await signInWithOidc(t.client(), providers, "alice");
			const first = await t.auth.$context.storage.findOne("account", { accountId: "alice" });
			await signInWithOidc(t.client(), providers, "alice");
			const second = await t.auth.$context.storage.findOne("account", { accountId: "alice" });
			expect(second?.accessToken).toBe(first?.accessToken ?? "");
			const updating = await socialInstance(dialect, providers);
			await signInWithOidc(updating.client(), providers, "alice");
			const a = await updating.auth.$context.storage.findOne("account", { accountId: "alice" });
			await signInWithOidc(updating.client(), providers, "alice");
			const b = await updating.auth.$context.storage.findOne("account", { accountId: "alice" });
			expect(b?.accessToken).not.toBe(a?.accessToken ?? "");
		});

		test("list-accounts shows the provider account with its scopes, never its tokens", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			await signInWithOidc(c, providers, "alice");
			const accounts = await (await c.request("/list-accounts")).json();
			expect(accounts).toHaveLength(1);
			expect(accounts[0]).toMatchObject({ providerId: OIDC_ID, accountId: "alice" });
			expect(accounts[0].scopes).toEqual(expect.arrayContaining(["openid", "email"]));
			expect(JSON.stringify(accounts)).not.toContain("accessToken");
		});

		test("encryptOAuthTokens stores ciphertext that decrypts to a token the provider accepts", async () => {
			const t = await socialInstance(dialect, providers, { account: { encryptOAuthTokens: true } });
			const c = t.client();
			await signInWithOidc(c, providers, "alice");
			const account = await t.auth.$context.storage.findOne("account", { providerId: OIDC_ID, accountId: "alice" });
			expect(account?.accessToken).toMatch(/^[0-9a-f]{80,}$/);
			expect(account?.refreshToken).toMatch(/^[0-9a-f]{80,}$/);
			const res = await c.request("/get-access-token", { json: { accountId: account?.id } });
			expect(res.status).toBe(200);
			const body = await res.json();
			expect(body.accessToken).not.toBe(account?.accessToken);
			const userinfo = await fetch(`${providers.op.issuer}/me`, { headers: { authorization: `Bearer ${body.accessToken}` } });
			expect((await userinfo.json()).sub).toBe("alice");
		});

		test("google provider pointed at the test issuer: Google's extra parameters and a working sign-in", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			const started = await startFlow(c, { provider: "google", callbackURL: "/dash" });
			expect(new URL(started.body.url).searchParams.get("include_granted_scopes")).toBe("true");
			const back = await providers.op.authorize(started.body.url, "alice");
			const res = await followCallback(c, back);
			expect(res.headers.get("location")).toBe("/dash");
			const session = await (await c.request("/get-session")).json();
			const account = await t.auth.$context.storage.findOne("account", { userId: session.user.id });
			expect(account).toMatchObject({ providerId: "google", accountId: "alice" });
		});

		test("a generic provider configured by discoveryUrl; an unreachable issuer fails before any state is stored", async () => {
			const op = providers.op;
			const t = await socialInstance(dialect, providers, {
				socialProviders: {
					oidc: [
						{ id: OIDC_ID, discoveryUrl: `${op.issuer}/.well-known/openid-configuration`, clientId: op.clientId, clientSecret: op.clientSecret },
						{ id: "down", issuer: "http://127.0.0.1:1", clientId: "x", clientSecret: "y" },
					],
				},
			});
			const c = t.client();
			const res = await signInWithOidc(c, providers, "alice");
			expect(res.status).toBe(302);
			expect((await (await c.request("/get-session")).json()).user.email).toBe("alice@example.com");
			const before = await t.snapshot();
			const down = await c.request("/sign-in/social", { json: { provider: "down" } });
			expect(down.status).toBe(503);
			expect(await down.json()).toEqual({ code: "SERVICE_UNAVAILABLE", message: "Service temporarily unavailable" });
			expect(await t.snapshot()).toEqual(before);
		});

		test("GitHub (OAuth 2): primary verified email from /user/emails, numeric id as account id", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			const started = await startFlow(c, { provider: "github", callbackURL: "/gh" });
			const url = new URL(started.body.url);
			expect(url.searchParams.get("scope")).toBe("read:user user:email");
			expect(url.searchParams.get("nonce")).toBeNull();
			const res = await followCallback(c, await providers.gh.authorize(started.body.url));
			expect(res.status).toBe(302);
			expect(res.headers.get("location")).toBe("/gh");
			const session = await (await c.request("/get-session")).json();
			expect(session.user).toMatchObject({ email: "octo@example.com", name: "Octo Cat", emailVerified: true });
			const account = await t.auth.$context.storage.findOne("account", { userId: session.user.id });
			expect(account).toMatchObject({ providerId: "github", accountId: "4242", scope: "read:user,user:email" });
		});

		test("an unverified provider email creates an unverified user", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			await signInWithOidc(c, providers, "bob");
			const session = await (await c.request("/get-session")).json();
			expect(session.user).toMatchObject({ email: "bob@example.com", emailVerified: false });
		});

		test("requireEmailVerification: an unverified provider email gets no session, and a verification email", async () => {
			const sent: string[] = [];
			const op = providers.op;
			const t = await socialInstance(dialect, providers, {
				emailVerification: { sendVerificationEmail: async ({ user }) => void sent.push(user.email) },
				socialProviders: { oidc: [{ id: OIDC_ID, issuer: op.issuer, clientId: op.clientId, clientSecret: op.clientSecret, requireEmailVerification: true }] },
			});
			const c = t.client();
			const res = await signInWithOidc(c, providers, "bob", { errorCallbackURL: "/err" });
			expect(locationOf(res).pathname + locationOf(res).search).toBe("/err?error=email_not_verified");
			expect(await (await c.request("/get-session")).json()).toBeNull();
			expect(sent).toEqual(["bob@example.com"]);
			expect(await t.auth.$context.storage.count("user", { email: "bob@example.com" })).toBe(1);
			// Again: the user exists now, still unverified.
			expect(locationOf(await signInWithOidc(t.client(), providers, "bob", { errorCallbackURL: "/err" })).searchParams.get("error")).toBe("email_not_verified");
			const idToken = await op.signIdToken({ iss: op.issuer, aud: op.clientId, sub: "bob", email: "bob@example.com", email_verified: false });
			const direct = await c.request("/sign-in/social", { json: { provider: OIDC_ID, idToken: { token: idToken } } });
			expect(direct.status).toBe(403);
			expect(await direct.json()).toEqual({ code: "EMAIL_NOT_VERIFIED", message: "Email not verified" });
			// A verified provider email signs in as usual.
			expect(locationOf(await signInWithOidc(t.client(), providers, "alice")).href).toBe(`${APP_ORIGIN}/home`);
		});

		test("mapProfileToUser and overrideUserInfoOnSignIn shape the user", async () => {
			let suffix = "one";
			const t = await socialInstance(dialect, providers, {
				socialProviders: {
					oidc: [
						{
							id: OIDC_ID,
							issuer: providers.op.issuer,
							clientId: providers.op.clientId,
							clientSecret: providers.op.clientSecret,
							mapProfileToUser: (profile) => ({ name: `${String(profile.name)} (${suffix})` }),
							overrideUserInfoOnSignIn: true,
						},
					],
				},
			});
			await signInWithOidc(t.client(), providers, "alice");
			suffix = "two";
			const c = t.client();
			await signInWithOidc(c, providers, "alice");
			const session = await (await c.request("/get-session")).json();
			expect(session.user.name).toBe("Alice Liddell (two)");
		});

		test("disableSignUp → signup_disabled; disableImplicitSignUp needs requestSignUp", async () => {
			const base = { issuer: providers.op.issuer, clientId: providers.op.clientId, clientSecret: providers.op.clientSecret };
			const closed = await socialInstance(dialect, providers, { socialProviders: { oidc: [{ id: OIDC_ID, ...base, disableSignUp: true }] } });
			const before = await closed.snapshot();
			const res = await signInWithOidc(closed.client(), providers, "alice", { errorCallbackURL: "/oops" });
			expect(locationOf(res).pathname + locationOf(res).search).toBe("/oops?error=signup_disabled");
			expect(await closed.snapshot()).toEqual(before);

			const implicit = await socialInstance(dialect, providers, { socialProviders: { oidc: [{ id: OIDC_ID, ...base, disableImplicitSignUp: true }] } });
			const refused = await signInWithOidc(implicit.client(), providers, "alice");
			expect(locationOf(refused).searchParams.get("error")).toBe("signup_disabled");
			const allowed = await signInWithOidc(implicit.client(), providers, "alice", { requestSignUp: true });
			expect(locationOf(allowed).href).toBe(`${APP_ORIGIN}/home`);
		});

		test("the Better Auth form_post callback: POST /callback/:id redirects to the GET with the merged parameters", async () => {
			const t = await socialInstance(dialect, providers);
			const res = await t.client().request(`/callback/${OIDC_ID}?state=fromquery`, {
				method: "POST",
				body: "code=abc&state=frombody&user=%7B%7D",
				headers: { "content-type": "application/x-www-form-urlencoded" },
			});
			expect(res.status).toBe(302);
			const location = new URL(res.headers.get("location") ?? "");
			expect(location.origin + location.pathname).toBe(`${TEST_ORIGIN}/api/auth/callback/${OIDC_ID}`);
			expect(Object.fromEntries(location.searchParams)).toEqual({ code: "abc", state: "fromquery", user: "{}" });
		});
	});
}
