/**
 * Bearer tokens (spec/core.md §4) and where a session token may come from.
 *
 * Attacks covered: a made-up or re-signed bearer must read as "not signed in" (never an
 * error, never someone else's session); with `requireSignature` a leaked raw token alone is
 * not enough; tokens are never taken from the URL or the body (SECURITY.md rule 11). The
 * Origin check is skipped for bearer-only requests on purpose: without a cookie there is no
 * ambient credential a cross-site page could ride on, so CSRF does not apply.
 */
import { describe, expect, test } from "bun:test";
import { signValue } from "../crypto/sign.ts";
import { getTestInstance, TEST_ORIGIN, TEST_SECRET, testDialects } from "../testing/index.ts";
import type { TestInstance } from "../testing/index.ts";
import type { LatchkeyOptions } from "../context/options.ts";

// Close every instance after each test: the shared preload only disposes them at the very
// end of the run, and PostgreSQL allows 100 connections.

function raw(t: TestInstance<LatchkeyOptions>, path: string, init: RequestInit = {}): Promise<Response> {
	return t.auth.handler(new Request(`${TEST_ORIGIN}/api/auth${path}`, init), { ip: "127.0.0.1" });
}

async function sessionWith(t: TestInstance<LatchkeyOptions>, authorization: string): Promise<{ token: string } | null> {
	const res = await raw(t, "/get-session", { headers: { authorization } });
	expect(res.status).toBe(200);
	const data = await res.json();
	return data ? data.session : null;
}

for (const dialect of await testDialects()) {
	describe(`bearer tokens [${dialect}]`, () => {
		test("sign-up and sign-in expose set-auth-token with the decoded signed value", async () => {
			const t = await getTestInstance(dialect);
			const c = t.client();
			const up = await c.request("/sign-up/email", { json: { name: "B", email: "bearer@example.com", password: "password1234" } });
			const upBody = await up.json();
			expect(up.headers.get("set-auth-token")).toBe(signValue(TEST_SECRET, upBody.token));
			expect(up.headers.get("access-control-expose-headers")).toBe("set-auth-token");

			const res = await t.client().request("/sign-in/email", { json: { email: "bearer@example.com", password: "password1234" } });
			const { token } = await res.json();
			const header = res.headers.get("set-auth-token") ?? "";
			expect(header).toBe(signValue(TEST_SECRET, token));
			expect(header).toMatch(/^[a-zA-Z0-9]{32}\.[A-Za-z0-9+/]{43}=$/);
			expect(res.headers.get("access-control-expose-headers")).toBe("set-auth-token");
		});

		test("no set-auth-token when no session cookie is written (plain reads, failures, sign-out)", async () => {
			const t = await getTestInstance(dialect);
			const { client } = await t.signUp({ email: "quiet@example.com", password: "password1234" });
			const read = await client.request("/get-session");
			expect(read.headers.get("set-auth-token")).toBeNull();
			const wrong = await t.client().request("/sign-in/email", { json: { email: "quiet@example.com", password: "wrong-password" } });
			expect(wrong.status).toBe(401);
			expect(wrong.headers.get("set-auth-token")).toBeNull();
			const out = await client.request("/sign-out", { json: {} });
			expect(out.headers.get("set-auth-token")).toBeNull();
			expect(out.headers.get("access-control-expose-headers")).toBeNull();
		});

		test("raw, signed and URL-encoded signed tokens all work; the scheme is case-insensitive", async () => {
			const t = await getTestInstance(dialect);
			const { body } = await t.signUp();
			const signed = signValue(TEST_SECRET, body.token);
			for (const authorization of [`Bearer ${body.token}`, `Bearer ${signed}`, `Bearer ${encodeURIComponent(signed)}`, `bearer ${signed}`, `BEARER  ${body.token} `]) {
				expect((await sessionWith(t, authorization))?.token).toBe(body.token);
			}
		});

		test("invalid bearers read as unauthenticated, never as an error", async () => {
			const t = await getTestInstance(dialect);
			const { body } = await t.signUp();
			const signedElsewhere = signValue("some-other-secret-at-least-32-characters", body.token);
			const invalid = [
				`Bearer ${signedElsewhere}`,
				`Bearer ${body.token}.${"A".repeat(43)}=`,
				`Bearer ${body.token}.`,
				`Bearer ${"x".repeat(32)}`,
				"Bearer %E0%A4%A.x",
				"Bearer ",
				"Bearer",
				`Basic ${body.token}`,
				body.token,
				`Bearer ${"a".repeat(10_000)}`,
			];
			for (const authorization of invalid) expect(await sessionWith(t, authorization)).toBeNull();
			// A protected route answers 401, not 500.
			const res = await raw(t, "/revoke-sessions", { method: "POST", headers: { authorization: `Bearer ${signedElsewhere}` } });
			expect(res.status).toBe(401);
			expect(await res.json()).toEqual({ code: "UNAUTHORIZED", message: "Unauthorized" });
		});

		test("an invalid bearer is ignored and the cookie still counts; a valid bearer wins over the cookie", async () => {
			const t = await getTestInstance(dialect);
			const alice = await t.signUp();
			const bob = await t.signUp();
			const cookie = `better-auth.session_token=${encodeURIComponent(signValue(TEST_SECRET, alice.body.token))}`;
			const ignored = await raw(t, "/get-session", { headers: { cookie, authorization: "Bearer junk.junk" } });
			expect((await ignored.json()).session.token).toBe(alice.body.token);
			const wins = await raw(t, "/get-session", { headers: { cookie, authorization: `Bearer ${bob.body.token}` } });
			expect((await wins.json()).session.token).toBe(bob.body.token);
		});

		test("requireSignature refuses a raw token but accepts the signed one", async () => {
			const t = await getTestInstance(dialect, { bearer: { requireSignature: true } });
			const { body } = await t.signUp();
			expect(await sessionWith(t, `Bearer ${body.token}`)).toBeNull();
			expect((await sessionWith(t, `Bearer ${signValue(TEST_SECRET, body.token)}`))?.token).toBe(body.token);
		});

		test("bearer disabled: the header is ignored and no set-auth-token is sent", async () => {
			const t = await getTestInstance(dialect, { bearer: { enabled: false } });
			const c = t.client();
			const res = await c.request("/sign-up/email", { json: { name: "N", email: "nobearer@example.com", password: "password1234" } });
			expect(res.headers.get("set-auth-token")).toBeNull();
			const { token } = await res.json();
			expect(await sessionWith(t, `Bearer ${signValue(TEST_SECRET, token)}`)).toBeNull();
		});

		test("a bearer-only POST skips the Origin check; the same request with a cookie does not", async () => {
			const t = await getTestInstance(dialect);
			const { body } = await t.signUp();
			const other = await t.signUp({ email: "second@example.com" });
			const headers = { authorization: `Bearer ${body.token}`, origin: "https://evil.example", "content-type": "application/json" };
			const bearerOnly = await raw(t, "/revoke-other-sessions", { method: "POST", headers, body: "{}" });
			expect(bearerOnly.status).toBe(200);
			expect(await bearerOnly.json()).toEqual({ status: true });

			const cookie = `better-auth.session_token=${encodeURIComponent(signValue(TEST_SECRET, other.body.token))}`;
			const withCookie = await raw(t, "/revoke-other-sessions", { method: "POST", headers: { ...headers, cookie }, body: "{}" });
			expect(withCookie.status).toBe(403);
			expect(await withCookie.json()).toEqual({ code: "INVALID_ORIGIN", message: "Invalid origin" });
		});

		test("sign-out with a bearer deletes that session", async () => {
			const t = await getTestInstance(dialect);
			const { body } = await t.signUp();
			const res = await raw(t, "/sign-out", { method: "POST", headers: { authorization: `Bearer ${body.token}` } });
			expect(res.status).toBe(200);
			expect(await t.auth.$context.storage.findOne("session", { token: body.token })).toBeNull();
			expect(await sessionWith(t, `Bearer ${body.token}`)).toBeNull();
		});

		test("tokens are never read from the query string or the body", async () => {
			const t = await getTestInstance(dialect);
			const { body } = await t.signUp();
			const signed = encodeURIComponent(signValue(TEST_SECRET, body.token));
			const viaQuery = await raw(t, `/get-session?token=${body.token}&session_token=${signed}&better-auth.session_token=${signed}`);
			expect(await viaQuery.json()).toBeNull();
			const viaBody = await raw(t, "/get-session", {
				method: "POST",
				headers: { "content-type": "application/json" },
				body: JSON.stringify({ token: body.token, "better-auth.session_token": signValue(TEST_SECRET, body.token) }),
			});
			expect(await viaBody.json()).toBeNull();
		});
	});
}
