/**
 * Origin / CSRF checks over HTTP (spec/core.md §6.1, §6.3; SECURITY.md rules 12 and 14).
 *
 * Cross-site request forgery: a page on evil.example makes the victim's browser POST to
 * our routes, and the browser attaches the victim's cookies. `SameSite=Lax` stops most of
 * that, but not same-site subdomains, old browsers or top-level form posts, so every
 * state-changing request that carries cookies must also name a trusted Origin (or Referer).
 * `Origin: null` (sandboxed frames, some redirects) proves nothing and is refused.
 * Login CSRF is the cookieless variant: a cross-site form signs the victim into the
 * attacker's account, so sign-in and sign-up check fetch metadata and Origin even without
 * cookies. A bare server-to-server call (no cookie, no Origin, no fetch metadata) passes.
 * None of this depends on NODE_ENV: the tests run with the checks on.
 */
import { describe, expect, test } from "bun:test";
import { signValue } from "../crypto/sign.ts";
import { getTestInstance, TEST_ORIGIN, TEST_SECRET, testDialects } from "../testing/index.ts";
import type { TestInstance } from "../testing/index.ts";
import type { LatchkeyOptions } from "../context/options.ts";

// Close every instance after each test: the shared preload only disposes them at the very
// end of the run, and PostgreSQL allows 100 connections.

const INVALID_ORIGIN = { code: "INVALID_ORIGIN", message: "Invalid origin" };
const MISSING_ORIGIN = { code: "MISSING_OR_NULL_ORIGIN", message: "Missing or null Origin" };
const CROSS_SITE = {
	code: "CROSS_SITE_NAVIGATION_LOGIN_BLOCKED",
	message: "Cross-site navigation login blocked. This request appears to be a CSRF attack.",
};

type Instance = TestInstance<LatchkeyOptions>;

/** A POST with exactly these headers (no jar, no default Origin). */
function post(t: Instance, path: string, headers: Record<string, string>, json: unknown = {}): Promise<Response> {
	return t.auth.handler(
		new Request(`${TEST_ORIGIN}/api/auth${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(json) }),
		{ ip: "127.0.0.1" },
	);
}

async function session(t: Instance): Promise<{ cookie: string; token: string }> {
	const { body } = await t.signUp();
	return { token: body.token, cookie: `better-auth.session_token=${encodeURIComponent(signValue(TEST_SECRET, body.token))}` };
}

async function alive(t: Instance, token: string): Promise<boolean> {
	return (await t.auth.$context.storage.findOne("session", { token })) !== null;
}

const credentials = { email: "csrf@example.com", password: "password1234" };

for (const dialect of await testDialects()) {
	describe(`origin check on cookie requests [${dialect}]`, () => {
		test("a foreign Origin is refused with 403 INVALID_ORIGIN and nothing changes", async () => {
			const t = await getTestInstance(dialect);
			const { cookie, token } = await session(t);
			for (const origin of ["https://evil.example", "http://localhost:3001", "https://localhost:3000", "http://localhost:3000.evil.example"]) {
				const res = await post(t, "/sign-out", { cookie, origin });
				expect(res.status).toBe(403);
				expect(await res.json()).toEqual(INVALID_ORIGIN);
				expect(res.headers.getSetCookie()).toEqual([]);
			}
			expect(await alive(t, token)).toBe(true);
		});

		test("Origin: null, an empty Origin or none at all is refused with MISSING_OR_NULL_ORIGIN", async () => {
			const t = await getTestInstance(dialect);
			const { cookie, token } = await session(t);
			const variants: Record<string, string>[] = [{ origin: "null" }, { origin: "" }, {}, { origin: "null", referer: `${TEST_ORIGIN}/page` }, { referer: "not a url" }];
			for (const headers of variants) {
				const res = await post(t, "/revoke-sessions", { cookie, ...headers });
				expect(res.status).toBe(403);
				expect(await res.json()).toEqual(MISSING_ORIGIN);
			}
			expect(await alive(t, token)).toBe(true);
		});

		test("Origin: null with Sec-Fetch-Site: same-origin counts as our own origin", async () => {
			const t = await getTestInstance(dialect);
			const { cookie } = await session(t);
			const res = await post(t, "/revoke-other-sessions", { cookie, origin: "null", "sec-fetch-site": "same-origin" });
			expect(res.status).toBe(200);
		});

		test("no Origin: a trusted Referer passes, a foreign one is refused", async () => {
			const t = await getTestInstance(dialect);
			const { cookie } = await session(t);
			const ok = await post(t, "/revoke-other-sessions", { cookie, referer: `${TEST_ORIGIN}/settings?tab=security` });
			expect(ok.status).toBe(200);
			const bad = await post(t, "/revoke-other-sessions", { cookie, referer: "https://evil.example/page" });
			expect(bad.status).toBe(403);
			expect(await bad.json()).toEqual(INVALID_ORIGIN);
		});

		test("the check runs before validation and the handler, on every POST route", async () => {
			const t = await getTestInstance(dialect);
			const { cookie } = await session(t);
			const paths = ["/sign-out", "/revoke-session", "/revoke-sessions", "/revoke-other-sessions", "/get-session", "/sign-in/email", "/sign-up/email"];
			for (const path of paths) {
				const res = await post(t, path, { cookie, origin: "https://evil.example" }, { token: 42 });
				expect(res.status).toBe(403);
				expect(await res.json()).toEqual(INVALID_ORIGIN);
			}
		});

		test("GET requests are not origin-checked (they change nothing)", async () => {
			const t = await getTestInstance(dialect);
			const { cookie, token } = await session(t);
			const res = await t.auth.handler(new Request(`${TEST_ORIGIN}/api/auth/get-session`, { headers: { cookie, origin: "https://evil.example" } }));
			expect((await res.json()).session.token).toBe(token);
		});

		test("wildcard trusted origins: http://localhost:* and *.example.com", async () => {
			const t = await getTestInstance(dialect, { trustedOrigins: ["http://localhost:*", "*.example.com"] });
			const { cookie } = await session(t);
			for (const origin of ["http://localhost:5173", "http://localhost:3001", "https://app.example.com", "http://a.b.example.com"]) {
				const res = await post(t, "/revoke-other-sessions", { cookie, origin });
				expect(res.status).toBe(200);
			}
			for (const origin of ["http://localhost.evil.example:5173", "https://example.com", "https://example.com.evil.example", "https://evilexample.com", "https://localhost"]) {
				const res = await post(t, "/revoke-other-sessions", { cookie, origin });
				expect(res.status).toBe(403);
				expect(await res.json()).toEqual(INVALID_ORIGIN);
			}
		});

		test("trustedOrigins as a function of the request", async () => {
			const t = await getTestInstance(dialect, { trustedOrigins: (request) => (request?.headers.get("x-tenant") === "a" ? ["https://a.example"] : []) });
			const { cookie } = await session(t);
			expect((await post(t, "/revoke-other-sessions", { cookie, origin: "https://a.example", "x-tenant": "a" })).status).toBe(200);
			expect((await post(t, "/revoke-other-sessions", { cookie, origin: "https://a.example", "x-tenant": "b" })).status).toBe(403);
		});

		test("disableCSRFCheck skips the Origin check but still validates redirect targets", async () => {
			const t = await getTestInstance(dialect, { advanced: { disableCSRFCheck: true } });
			const { cookie } = await session(t);
			expect((await post(t, "/revoke-other-sessions", { cookie, origin: "https://evil.example" })).status).toBe(200);
			const res = await post(t, "/sign-out", { cookie, origin: "https://evil.example" }, { callbackURL: "https://evil.example" });
			expect(res.status).toBe(403);
			expect(await res.json()).toEqual({ code: "INVALID_CALLBACK_URL", message: "Invalid callbackURL" });
		});

		test("disableOriginCheck skips both", async () => {
			const t = await getTestInstance(dialect, { advanced: { disableOriginCheck: true } });
			const { cookie } = await session(t);
			const res = await post(t, "/sign-out", { cookie, origin: "https://evil.example" }, { callbackURL: "https://evil.example" });
			expect(res.status).toBe(200);
		});

		test("auth.api calls are server-side and skip the HTTP origin checks", async () => {
			const t = await getTestInstance(dialect);
			const { cookie } = await session(t);
			const result = await t.auth.api.revokeOtherSessions({ headers: { cookie, origin: "https://evil.example" }, body: {} });
			expect(result).toEqual({ status: true });
		});
	});

	describe(`login CSRF on sign-in and sign-up without cookies [${dialect}]`, () => {
		test("cross-site navigation is blocked with CROSS_SITE_NAVIGATION_LOGIN_BLOCKED", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp(credentials);
			const before = await t.snapshot();
			const headers = { "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate", "sec-fetch-dest": "document", origin: TEST_ORIGIN };
			const signIn = await post(t, "/sign-in/email", headers, credentials);
			expect(signIn.status).toBe(403);
			expect(await signIn.json()).toEqual(CROSS_SITE);
			expect(signIn.headers.getSetCookie()).toEqual([]);
			const signUp = await post(t, "/sign-up/email", headers, { name: "X", email: "x@example.com", password: "password1234" });
			expect(signUp.status).toBe(403);
			expect(await signUp.json()).toEqual(CROSS_SITE);
			expect(await t.snapshot()).toEqual(before);
		});

		test("fetch metadata forces the Origin check: missing → MISSING_OR_NULL_ORIGIN, foreign → INVALID_ORIGIN", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp(credentials);
			const missing = await post(t, "/sign-in/email", { "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors" }, credentials);
			expect(missing.status).toBe(403);
			expect(await missing.json()).toEqual(MISSING_ORIGIN);
			const destOnly = await post(t, "/sign-in/email", { "sec-fetch-dest": "empty" }, credentials);
			expect(await destOnly.json()).toEqual(MISSING_ORIGIN);
			const foreign = await post(t, "/sign-in/email", { "sec-fetch-site": "cross-site", "sec-fetch-mode": "cors", origin: "https://evil.example" }, credentials);
			expect(foreign.status).toBe(403);
			expect(await foreign.json()).toEqual(INVALID_ORIGIN);
			const ok = await post(t, "/sign-in/email", { "sec-fetch-site": "same-origin", "sec-fetch-mode": "cors", origin: TEST_ORIGIN }, credentials);
			expect(ok.status).toBe(200);
		});

		test("a foreign Origin or Referer without fetch metadata is checked too", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp(credentials);
			const origin = await post(t, "/sign-in/email", { origin: "https://evil.example" }, credentials);
			expect(origin.status).toBe(403);
			expect(await origin.json()).toEqual(INVALID_ORIGIN);
			const referer = await post(t, "/sign-in/email", { referer: "https://evil.example/login" }, credentials);
			expect(referer.status).toBe(403);
			expect(await referer.json()).toEqual(INVALID_ORIGIN);
			const nullOrigin = await post(t, "/sign-up/email", { origin: "null" }, { name: "N", email: "n@example.com", password: "password1234" });
			expect(nullOrigin.status).toBe(403);
			expect(await nullOrigin.json()).toEqual(MISSING_ORIGIN);
		});

		test("a bare server-to-server POST (no Origin, no cookie, no fetch metadata) is allowed", async () => {
			const t = await getTestInstance(dialect);
			const up = await post(t, "/sign-up/email", {}, { name: "S", email: "s2s@example.com", password: "password1234" });
			expect(up.status).toBe(200);
			const signIn = await post(t, "/sign-in/email", {}, { email: "s2s@example.com", password: "password1234" });
			expect(signIn.status).toBe(200);
		});

		test("other routes without cookies are not origin-checked", async () => {
			const t = await getTestInstance(dialect);
			const res = await post(t, "/sign-out", { origin: "https://evil.example", "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" });
			expect(res.status).toBe(200);
		});

		test("form-encoded cross-site login posts are blocked as well", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp(credentials);
			const res = await t.auth.handler(
				new Request(`${TEST_ORIGIN}/api/auth/sign-in/email`, {
					method: "POST",
					headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" },
					body: new URLSearchParams(credentials).toString(),
				}),
			);
			expect(res.status).toBe(403);
			expect(await res.json()).toEqual(CROSS_SITE);
		});
	});
}
