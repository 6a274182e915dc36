import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { SignJWT } from "jose";
import { testDialects } from "../testing/index.ts";
import { OIDC_ID, socialInstance, startProviders } from "./testing/social-test-kit.ts";
import type { Providers } from "./testing/social-test-kit.ts";

/**
 * `idToken` sign-in (spec/core.md §9.28): an app that already holds an ID token (One Tap, a
 * native SDK) posts it. Anyone can post a string, so the token must be signed by the
 * provider's key (its JWKS), name the provider as issuer and this app as audience, be
 * unexpired, and carry the nonce the app chose when one is given: otherwise a token minted
 * for another app or another sign-in would open this one.
 */

let providers: Providers & { close(): Promise<void> };
beforeAll(async () => {
	providers = await startProviders();
});
afterAll(() => providers.close());

function claims(extra: Record<string, unknown> = {}): Record<string, unknown> {
	return { iss: providers.op.issuer, aud: providers.op.clientId, sub: "alice", email: "alice@example.com", email_verified: true, name: "Alice Liddell", ...extra };
}

for (const dialect of await testDialects()) {
	describe(`idToken sign-in [${dialect}]`, () => {
		test("a valid ID token signs in: { redirect: false, token, user } and session cookies", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			const token = await providers.op.signIdToken(claims({ nonce: "n-123" }));
			const res = await c.request("/sign-in/social", { json: { provider: OIDC_ID, idToken: { token, nonce: "n-123", accessToken: "at-1" } } });
			expect(res.status).toBe(200);
			expect(res.headers.get("cache-control")).toBe("no-store");
			const body = await res.json();
			expect(body).toMatchObject({ redirect: false, user: { email: "alice@example.com", name: "Alice Liddell", emailVerified: true } });
			expect(body.token).toMatch(/^[A-Za-z0-9]{32}$/);
			expect(body.url).toBeUndefined();
			const session = await (await c.request("/get-session")).json();
			expect(session.user.id).toBe(body.user.id);
			const account = await t.auth.$context.storage.findOne("account", { userId: body.user.id });
			expect(account).toMatchObject({ providerId: OIDC_ID, accountId: "alice", idToken: token });
		});

		test("refused tokens: 401 INVALID_TOKEN and nothing written", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			const before = await t.snapshot();
			const now = Math.floor(Date.now() / 1000);
			const forged = await new SignJWT(claims()).setProtectedHeader({ alg: "HS256" }).setIssuedAt().setExpirationTime("5m").sign(new TextEncoder().encode("x".repeat(32)));
			const cases: [string, { token: string; nonce?: string }][] = [
				["expired", { token: await providers.op.signIdToken(claims(), { issuedAt: now - 3600, expiresInSeconds: 600 }) }],
				["wrong issuer", { token: await providers.op.signIdToken(claims({ iss: "https://evil.example" })) }],
				["wrong audience", { token: await providers.op.signIdToken(claims({ aud: "another-app" })) }],
				["nonce mismatch", { token: await providers.op.signIdToken(claims({ nonce: "theirs" })), nonce: "mine" }],
				["nonce expected, none in token", { token: await providers.op.signIdToken(claims()), nonce: "mine" }],
				["nonce in token, none sent", { token: await providers.op.signIdToken(claims({ nonce: "theirs" })) }],
				["HS256 forgery", { token: forged }],
				["not a JWT", { token: "not.a.jwt" }],
				["tampered payload", { token: (await providers.op.signIdToken(claims())).replace(/\.[^.]+\./, `.${Buffer.from(JSON.stringify(claims({ sub: "root" }))).toString("base64url")}.`) }],
			];
			for (const [name, idToken] of cases) {
				const res = await c.request("/sign-in/social", { json: { provider: OIDC_ID, idToken } });
				expect({ name, status: res.status, body: await res.json() }).toEqual({ name, status: 401, body: { code: "INVALID_TOKEN", message: "Invalid token" } });
			}
			expect(await t.snapshot()).toEqual(before);
		});

		test("a provider without ID-token support → 404 ID_TOKEN_NOT_SUPPORTED; unknown provider → 404 PROVIDER_NOT_FOUND", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			const gh = await c.request("/sign-in/social", { json: { provider: "github", idToken: { token: "a.b.c" } } });
			expect(gh.status).toBe(404);
			expect(await gh.json()).toEqual({ code: "ID_TOKEN_NOT_SUPPORTED", message: "id_token not supported" });
			const nope = await c.request("/sign-in/social", { json: { provider: "nope", idToken: { token: "a.b.c" } } });
			expect(nope.status).toBe(404);
			expect(await nope.json()).toEqual({ code: "PROVIDER_NOT_FOUND", message: "Provider not found" });
		});

		test("no email in the token → 401 USER_EMAIL_NOT_FOUND; an unverified email that matches a user → 401 OAUTH_LINK_ERROR", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			const noEmail = await providers.op.signIdToken({ iss: providers.op.issuer, aud: providers.op.clientId, sub: "ghost" });
			const res = await c.request("/sign-in/social", { json: { provider: OIDC_ID, idToken: { token: noEmail } } });
			expect(res.status).toBe(401);
			expect((await res.json()).code).toBe("USER_EMAIL_NOT_FOUND");

			const { body } = await t.signUp({ email: "alice@example.com" });
			await t.auth.$context.storage.update("user", { id: body.user.id }, { emailVerified: true });
			const before = await t.snapshot();
			const imposter = await providers.op.signIdToken(claims({ sub: "mallory", email_verified: false }));
			const refused = await c.request("/sign-in/social", { json: { provider: OIDC_ID, idToken: { token: imposter } } });
			expect(refused.status).toBe(401);
			expect(await refused.json()).toEqual({ code: "OAUTH_LINK_ERROR", message: "account not linked" });
			expect(await t.snapshot()).toEqual(before);
		});

		test("disableIdTokenSignIn turns the flow off for a provider", async () => {
			const t = await socialInstance(dialect, providers, {
				socialProviders: { oidc: [{ id: OIDC_ID, issuer: providers.op.issuer, clientId: providers.op.clientId, clientSecret: providers.op.clientSecret, disableIdTokenSignIn: true }] },
			});
			const res = await t.client().request("/sign-in/social", { json: { provider: OIDC_ID, idToken: { token: await providers.op.signIdToken(claims()) } } });
			expect(res.status).toBe(404);
		});
	});
}
