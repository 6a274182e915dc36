import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { admin } from "../plugins/admin/index.ts";
import { TEST_ORIGIN, testDialects } from "../testing/index.ts";
import type { TestClient } from "../testing/index.ts";
import { APP_ORIGIN, followCallback, locationOf, OIDC_ID, signInWithOidc, socialInstance, startFlow, startProviders } from "./testing/social-test-kit.ts";
import type { Providers } from "./testing/social-test-kit.ts";

/**
 * Attacks on the OAuth callback (RFC 9700 §4; SECURITY.md rules 1–3). The state must be bound
 * to the browser that started the flow (else an attacker makes a victim finish the attacker's
 * sign-in: login CSRF), used once (else a leaked callback URL signs in again), and tied to its
 * provider and issuer (mix-up). Every failure is a 302 to the error URL with Better Auth's
 * `?error=` code, and creates no session.
 */

let providers: Providers & { close(): Promise<void> };
beforeAll(async () => {
	providers = await startProviders();
});
afterAll(() => providers.close());

/** Starts a flow and lets the provider approve it, without calling back yet. */
async function approved(client: TestClient, body: Record<string, unknown> = {}): Promise<URL> {
	const started = await startFlow(client, { provider: OIDC_ID, callbackURL: "/home", errorCallbackURL: "/err", ...body });
	return providers.op.authorize(started.body.url, "alice");
}

function pathAndQuery(response: Response): string {
	const url = locationOf(response);
	return url.pathname + url.search;
}

for (const dialect of await testDialects()) {
	describe(`OAuth callback security [${dialect}]`, () => {
		test("a callback without the browser's state cookie is state_mismatch and leaves the state usable by its owner", async () => {
			const t = await socialInstance(dialect, providers);
			const victim = t.client();
			const back = await approved(victim);
			const attacker = t.client();
			const refused = await followCallback(attacker, back);
			expect(refused.status).toBe(302);
			expect(pathAndQuery(refused)).toBe("/err?error=state_mismatch");
			expect(refused.headers.getSetCookie().some((c) => c.includes("session_token"))).toBe(false);
			expect(await t.auth.$context.storage.count("session", { userId: { op: "ne", value: "" } })).toBe(0);
			const ok = await followCallback(victim, back);
			expect(pathAndQuery(ok)).toBe("/home");
		});

		test("account.skipStateCookieCheck (Better Auth's escape hatch) accepts a callback without the cookie", async () => {
			const t = await socialInstance(dialect, providers, { account: { skipStateCookieCheck: true } });
			const back = await approved(t.client());
			expect(pathAndQuery(await followCallback(t.client(), back))).toBe("/home");
		});

		test("a forged state cookie (bad signature) is refused", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			const back = await approved(c);
			c.jar.cookies.set("better-auth.state", `${back.searchParams.get("state")}.${"A".repeat(43)}=`);
			expect(pathAndQuery(await followCallback(c, back))).toBe("/err?error=state_mismatch");
		});

		test("no state → state_not_found; unknown state → state_mismatch at the default error page", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			const none = await c.request(`/callback/${OIDC_ID}?code=abc`);
			expect(none.headers.get("location")).toBe(`${TEST_ORIGIN}/api/auth/error?error=state_not_found`);
			const unknown = await c.request(`/callback/${OIDC_ID}?code=abc&state=${"x".repeat(32)}`);
			expect(unknown.headers.get("location")).toBe(`${TEST_ORIGIN}/api/auth/error?error=state_mismatch`);
		});

		test("a replayed state (same cookie, same URL) is refused after its first use", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			const back = await approved(c);
			const stateCookie = c.jar.cookies.get("better-auth.state") ?? "";
			expect(pathAndQuery(await followCallback(c, back))).toBe("/home");
			c.jar.cookies.set("better-auth.state", stateCookie);
			const replay = await followCallback(c, back);
			expect(replay.headers.get("location")).toBe(`${TEST_ORIGIN}/api/auth/error?error=state_mismatch`);
			expect(await t.auth.$context.storage.count("session", { userId: { op: "ne", value: "" } })).toBe(1);
		});

		test("a replayed code under a fresh state is invalid_code (the provider refuses it)", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			const first = await approved(c);
			expect(pathAndQuery(await followCallback(c, first))).toBe("/home");
			const second = await approved(c);
			second.searchParams.set("code", first.searchParams.get("code") ?? "");
			expect(pathAndQuery(await followCallback(c, second))).toBe("/err?error=invalid_code");
			expect(await t.auth.$context.storage.count("session", { userId: { op: "ne", value: "" } })).toBe(1);
		});

		test("20 parallel callbacks with one state and code: exactly one session", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			const back = await approved(c);
			const results = await Promise.all(Array.from({ length: 20 }, () => followCallback(c, back)));
			const locations = results.map(pathAndQuery);
			expect(locations.filter((l) => l === "/home")).toHaveLength(1);
			expect(locations.filter((l) => l.includes("error=state_mismatch"))).toHaveLength(19);
			expect(await t.auth.$context.storage.count("session", { userId: { op: "ne", value: "" } })).toBe(1);
			expect(await t.auth.$context.storage.count("user", { id: { op: "ne", value: "" } })).toBe(1);
		});

		test("a wrong or missing iss (RFC 9207 mix-up defence) is issuer_mismatch", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			const back = await approved(c);
			back.searchParams.set("iss", "https://evil.example");
			expect(pathAndQuery(await followCallback(c, back))).toBe("/err?error=issuer_mismatch");
			const again = await approved(c);
			again.searchParams.delete("iss");
			expect(pathAndQuery(await followCallback(c, again))).toBe("/err?error=issuer_mismatch");
		});

		test("the provider's error is passed on; no code → no_code", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			const started = await startFlow(c, { provider: OIDC_ID, errorCallbackURL: "/err" });
			const state = new URL(started.body.url).searchParams.get("state");
			const denied = await c.request(`/callback/${OIDC_ID}?state=${state}&error=access_denied&error_description=User%20said%20no`);
			expect(pathAndQuery(denied)).toBe("/err?error=access_denied&error_description=User+said+no");
			const again = await startFlow(c, { provider: OIDC_ID, errorCallbackURL: "/err" });
			const state2 = new URL(again.body.url).searchParams.get("state");
			expect(pathAndQuery(await c.request(`/callback/${OIDC_ID}?state=${state2}`))).toBe("/err?error=no_code");
		});

		test("unknown provider → oauth_provider_not_found; a state made for one provider is refused at another", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			const back = await approved(c);
			const unknown = await c.request(`/callback/nope${back.search}`);
			expect(pathAndQuery(unknown)).toBe("/err?error=oauth_provider_not_found");
			const other = await approved(c);
			const crossed = await c.request(`/callback/google${other.search}`);
			expect(pathAndQuery(crossed)).toBe("/err?error=state_mismatch");
		});

		test("an expired state (over 10 minutes) is state_mismatch", async () => {
			let offsetMs = 0;
			const t = await socialInstance(dialect, providers, { now: () => new Date(Date.now() + offsetMs) });
			const c = t.client();
			const back = await approved(c);
			offsetMs = 11 * 60_000;
			expect(locationOf(await followCallback(c, back)).searchParams.get("error")).toBe("state_mismatch");
		});

		test("plugin hooks apply: a banned user is sent to the error URL with BANNED_USER and gets no session", async () => {
			const t = await socialInstance(dialect, providers, { plugins: [admin()] });
			const first = t.client();
			await signInWithOidc(first, providers, "alice");
			await t.auth.$context.storage.update("user", { email: "alice@example.com" }, { banned: true, banReason: "spam" });
			const sessions = await t.auth.$context.storage.count("session", { userId: { op: "ne", value: "" } });
			const res = await signInWithOidc(t.client(), providers, "alice", { errorCallbackURL: "/err" });
			expect(locationOf(res).pathname).toBe("/err");
			expect(locationOf(res).searchParams.get("error")).toBe("BANNED_USER");
			expect(res.headers.getSetCookie().some((c) => c.startsWith("better-auth.session_token=") && !c.includes("Max-Age=0"))).toBe(false);
			expect(await t.auth.$context.storage.count("session", { userId: { op: "ne", value: "" } })).toBe(sessions);
		});

		test("untrusted callbackURL / errorCallbackURL / newUserCallbackURL: 403 and nothing stored", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			const before = await t.snapshot();
			const cases: [Record<string, string>, string][] = [
				[{ callbackURL: "https://evil.example/cb" }, "INVALID_CALLBACK_URL"],
				[{ callbackURL: "//evil.example" }, "INVALID_CALLBACK_URL"],
				[{ callbackURL: "javascript:alert(1)" }, "INVALID_CALLBACK_URL"],
				[{ callbackURL: "/\\evil.example" }, "INVALID_CALLBACK_URL"],
				[{ errorCallbackURL: "https://evil.example" }, "INVALID_ERROR_CALLBACK_URL"],
				[{ newUserCallbackURL: "https:evil.example" }, "INVALID_NEW_USER_CALLBACK_URL"],
			];
			for (const [body, code] of cases) {
				const res = await c.request("/sign-in/social", { json: { provider: OIDC_ID, ...body } });
				expect(res.status).toBe(403);
				expect((await res.json()).code).toBe(code);
				expect(res.headers.getSetCookie()).toEqual([]);
			}
			// auth.api runs the same validator (the target would be followed later from the state).
			await expect(t.auth.api.signInSocial({ body: { provider: OIDC_ID, callbackURL: "https://evil.example" } })).rejects.toMatchObject({ statusCode: 403 });
			expect(await t.snapshot()).toEqual(before);
			const trusted = await c.request("/sign-in/social", { json: { provider: OIDC_ID, callbackURL: `${APP_ORIGIN}/x` } });
			expect(trusted.status).toBe(200);
		});
	});

	describe(`account linking by email [${dialect}]`, () => {
		async function localUser(t: Awaited<ReturnType<typeof socialInstance>>, verified: boolean): Promise<string> {
			const { body } = await t.signUp({ email: "alice@example.com" });
			if (verified) await t.auth.$context.storage.update("user", { id: body.user.id }, { emailVerified: true });
			return body.user.id;
		}

		test("provider email unverified → account_not_linked, no account, no session (no takeover)", async () => {
			const t = await socialInstance(dialect, providers);
			await localUser(t, true);
			const before = await t.snapshot();
			const c = t.client();
			const started = await startFlow(c, { provider: OIDC_ID, errorCallbackURL: "/err" });
			const res = await followCallback(c, await providers.op.authorize(started.body.url, "mallory"));
			expect(pathAndQuery(res)).toBe("/err?error=account_not_linked");
			expect(await t.snapshot()).toEqual(before);
			expect(await (await c.request("/get-session")).json()).toBeNull();
		});

		test("local email unverified → account_not_linked, even with a verified provider email", async () => {
			const t = await socialInstance(dialect, providers);
			await localUser(t, false);
			const before = await t.snapshot();
			const res = await signInWithOidc(t.client(), providers, "alice", { errorCallbackURL: "/err" });
			expect(pathAndQuery(res)).toBe("/err?error=account_not_linked");
			expect(await t.snapshot()).toEqual(before);
		});

		test("both verified → linked to the existing user", async () => {
			const t = await socialInstance(dialect, providers);
			const userId = await localUser(t, true);
			const c = t.client();
			expect(pathAndQuery(await signInWithOidc(c, providers, "alice"))).toBe("/home");
			const session = await (await c.request("/get-session")).json();
			expect(session.user.id).toBe(userId);
			expect((await t.auth.$context.storage.findMany("account", { userId })).map((a) => a.providerId).sort()).toEqual(["acme", "credential"]);
		});

		test("accountLinking.enabled: false → account_not_linked", async () => {
			const t = await socialInstance(dialect, providers, { account: { accountLinking: { enabled: false } } });
			await localUser(t, true);
			const res = await signInWithOidc(t.client(), providers, "alice", { errorCallbackURL: "/err" });
			expect(pathAndQuery(res)).toBe("/err?error=account_not_linked");
		});

		test("trustedProviders does not waive the provider's email verification (Latchkey's safe side)", async () => {
			const t = await socialInstance(dialect, providers, { account: { accountLinking: { trustedProviders: [OIDC_ID] } } });
			await localUser(t, true);
			const c = t.client();
			const started = await startFlow(c, { provider: OIDC_ID, errorCallbackURL: "/err" });
			const res = await followCallback(c, await providers.op.authorize(started.body.url, "mallory"));
			expect(pathAndQuery(res)).toBe("/err?error=account_not_linked");
		});
	});
}
