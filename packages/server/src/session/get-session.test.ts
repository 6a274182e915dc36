/**
 * `GET|POST /get-session`: reading, expiring and sliding sessions (spec/core.md §3.3,
 * §5.3, §9.6).
 *
 * Attacks covered here: a forged or re-signed session cookie (tampered signature, a cookie
 * signed with another secret, a bare token pasted into the cookie) must read as "no
 * session" and must not even clear the victim's real cookies; an expired session must stop
 * working at once and its row must go; a cached answer must never be served from a shared
 * cache (`no-store`).
 */
import { describe, expect, test } from "bun:test";
import { signValue } from "../crypto/sign.ts";
import { getTestInstance, TEST_ORIGIN, TEST_SECRET, testDialects } from "../testing/index.ts";
import type { TestInstance } from "../testing/index.ts";
import type { LatchkeyOptions } from "../context/options.ts";

// Close every instance after each test: the shared preload only disposes them at the very
// end of the run, and PostgreSQL allows 100 connections.

const START = Date.parse("2030-01-01T00:00:00.000Z");
const DAY = 86_400;

/** A clock the test moves by hand. */
function manualClock(): { now: () => Date; advance: (seconds: number) => void } {
	let ms = START;
	return { now: () => new Date(ms), advance: (seconds) => void (ms += seconds * 1000) };
}

/** A request with exactly the given headers (no default Origin, no jar). */
function raw(t: TestInstance<LatchkeyOptions>, path: string, init: RequestInit = {}): Promise<Response> {
	return t.auth.handler(new Request(`${TEST_ORIGIN}/api/auth${path}`, init), { ip: "127.0.0.1" });
}

const cookieOf = (token: string): string => `better-auth.session_token=${encodeURIComponent(signValue(TEST_SECRET, token))}`;

const CLEARED = [
	"better-auth.session_token=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
	"better-auth.session_data=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
	"better-auth.dont_remember=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
];

for (const dialect of await testDialects()) {
	describe(`get-session: reading [${dialect}]`, () => {
		test("no cookie: 200 null with no-store headers, on GET and POST", async () => {
			const t = await getTestInstance(dialect);
			for (const method of ["GET", "POST"]) {
				const res = await raw(t, "/get-session", { method });
				expect(res.status).toBe(200);
				expect(await res.text()).toBe("null");
				expect(res.headers.get("content-type")).toBe("application/json");
				expect(res.headers.get("cache-control")).toBe("no-store");
				expect(res.headers.get("pragma")).toBe("no-cache");
				expect(res.headers.getSetCookie()).toEqual([]);
			}
		});

		test("a valid cookie gives the session (token included) and the user, on GET and POST", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp({ email: "reader@example.com", name: "Reader" });
			for (const method of ["GET", "POST"]) {
				const res = await client.request("/get-session", { method });
				expect(res.status).toBe(200);
				expect(res.headers.get("cache-control")).toBe("no-store");
				expect(res.headers.get("pragma")).toBe("no-cache");
				const data = await res.json();
				expect(Object.keys(data.session).sort()).toEqual(["createdAt", "expiresAt", "id", "ipAddress", "token", "updatedAt", "userAgent", "userId"]);
				expect(data.session.token).toBe(body.token);
				expect(data.session.userId).toBe(body.user.id);
				expect(data.session.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
				expect(data.user).toMatchObject({ id: body.user.id, email: "reader@example.com", name: "Reader", emailVerified: false });
				// Nothing was due: a plain read writes no cookie.
				expect(res.headers.getSetCookie()).toEqual([]);
			}
		});

		test("forged cookies read as no session and leave the real cookies alone", async () => {
			const t = await getTestInstance(dialect);
			const { body } = await t.signUp();
			const signed = signValue(TEST_SECRET, body.token);
			const flipped = `${signed.slice(0, -2)}${signed.at(-2) === "A" ? "B" : "A"}=`;
			const forged = [
				`better-auth.session_token=${encodeURIComponent(flipped)}`,
				`better-auth.session_token=${encodeURIComponent(signValue("another-secret-of-at-least-32-characters", body.token))}`,
				`better-auth.session_token=${body.token}`,
				`better-auth.session_token=${body.token}.`,
				`better-auth.session_token=${encodeURIComponent(`${body.token}.${"A".repeat(43)}`)}`,
				"better-auth.session_token=%E0%A4%A",
			];
			for (const cookie of forged) {
				const res = await raw(t, "/get-session", { headers: { cookie } });
				expect(res.status).toBe(200);
				expect(await res.text()).toBe("null");
				expect(res.headers.getSetCookie()).toEqual([]);
			}
			expect(await t.auth.$context.storage.findOne("session", { token: body.token })).not.toBeNull();
		});

		test("the legacy cookie name better-auth.session-token is read", async () => {
			const t = await getTestInstance(dialect);
			const { body } = await t.signUp();
			const cookie = `better-auth.session-token=${encodeURIComponent(signValue(TEST_SECRET, body.token))}`;
			const res = await raw(t, "/get-session", { headers: { cookie } });
			expect((await res.json()).session.token).toBe(body.token);
		});

		test("a signed token with no session row: null and the cookies are cleared", async () => {
			const t = await getTestInstance(dialect);
			const res = await raw(t, "/get-session", { headers: { cookie: cookieOf("x".repeat(32)) } });
			expect(await res.json()).toBeNull();
			expect(res.headers.getSetCookie()).toEqual(CLEARED);
		});

		test("query flags are validated as strings; an unknown flag is ignored", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp();
			const res = await client.request("/get-session?unknown=1&disableRefresh=");
			expect((await res.json()).session.token).toBe(body.token);
		});
	});

	describe(`get-session: expiry and refresh [${dialect}]`, () => {
		test("an expired session: null, cookies cleared in order, row deleted", async () => {
			const clock = manualClock();
			const t = await getTestInstance(dialect, { now: clock.now });
			const { client, body } = await t.signUp();
			clock.advance(7 * DAY + 1);
			const res = await client.request("/get-session");
			expect(res.status).toBe(200);
			expect(await res.json()).toBeNull();
			expect(res.headers.getSetCookie()).toEqual(CLEARED);
			expect(await t.auth.$context.storage.findOne("session", { token: body.token })).toBeNull();
		});

		test("the exact expiry instant already counts as expired", async () => {
			const clock = manualClock();
			const t = await getTestInstance(dialect, { now: clock.now, session: { disableSessionRefresh: true } });
			const { client } = await t.signUp();
			clock.advance(7 * DAY - 1);
			expect(await (await client.request("/get-session")).json()).not.toBeNull();
			clock.advance(1);
			expect(await (await client.request("/get-session")).json()).toBeNull();
		});

		test("before updateAge nothing is written; after it expiresAt slides and the cookie is re-sent", async () => {
			const clock = manualClock();
			const t = await getTestInstance(dialect, { now: clock.now });
			const { client, body } = await t.signUp();
			const storage = t.auth.$context.storage;
			const original = await storage.findOne("session", { token: body.token });
			expect(original?.expiresAt.getTime()).toBe(START + 7 * DAY * 1000);

			clock.advance(DAY - 1);
			const early = await client.request("/get-session");
			expect(early.headers.getSetCookie()).toEqual([]);
			expect((await early.json()).session.expiresAt).toBe(new Date(START + 7 * DAY * 1000).toISOString());
			expect(await storage.findOne("session", { token: body.token })).toEqual(original);

			clock.advance(1);
			const due = await client.request("/get-session");
			const refreshedAt = START + DAY * 1000;
			const data = await due.json();
			expect(data.session.expiresAt).toBe(new Date(refreshedAt + 7 * DAY * 1000).toISOString());
			expect(data.session.updatedAt).toBe(new Date(refreshedAt).toISOString());
			expect(due.headers.getSetCookie()).toEqual([`${cookieOf(body.token)}; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax`]);
			const row = await storage.findOne("session", { token: body.token });
			expect(row?.expiresAt.getTime()).toBe(refreshedAt + 7 * DAY * 1000);
			expect(row?.createdAt.getTime()).toBe(START);

			// Just refreshed: the next read writes nothing.
			const again = await client.request("/get-session");
			expect(again.headers.getSetCookie()).toEqual([]);
		});

		test("custom expiresIn and updateAge drive the window", async () => {
			const clock = manualClock();
			const t = await getTestInstance(dialect, { now: clock.now, session: { expiresIn: 3600, updateAge: 600 } });
			const { client, body } = await t.signUp();
			clock.advance(599);
			expect((await client.request("/get-session")).headers.getSetCookie()).toEqual([]);
			clock.advance(1);
			const res = await client.request("/get-session");
			expect(res.headers.getSetCookie()[0]).toBe(`${cookieOf(body.token)}; Max-Age=3600; Path=/; HttpOnly; SameSite=Lax`);
			expect((await res.json()).session.expiresAt).toBe(new Date(START + 600_000 + 3_600_000).toISOString());
		});

		test("?disableRefresh (any value, even 'false') and disableSessionRefresh prevent the write", async () => {
			const clock = manualClock();
			const t = await getTestInstance(dialect, { now: clock.now });
			const { client, body } = await t.signUp();
			clock.advance(2 * DAY);
			for (const query of ["?disableRefresh=true", "?disableRefresh=false", "?disableRefresh=0", "?disableRefresh=1&disableRefresh=2"]) {
				const res = await client.request(`/get-session${query}`);
				expect(res.headers.getSetCookie()).toEqual([]);
				expect((await res.json()).session.expiresAt).toBe(new Date(START + 7 * DAY * 1000).toISOString());
			}
			const row = await t.auth.$context.storage.findOne("session", { token: body.token });
			expect(row?.expiresAt.getTime()).toBe(START + 7 * DAY * 1000);

			const off = await getTestInstance(dialect, { now: clock.now, session: { disableSessionRefresh: true } });
			const other = await off.signUp();
			clock.advance(2 * DAY);
			const res = await other.client.request("/get-session");
			expect(res.headers.getSetCookie()).toEqual([]);
		});

		test("a rememberMe:false session never slides while its dont_remember marker is sent", async () => {
			const clock = manualClock();
			const t = await getTestInstance(dialect, { now: clock.now });
			await t.signUp({ email: "forget@example.com", password: "password1234" });
			const c = t.client();
			const signIn = await c.request("/sign-in/email", { json: { email: "forget@example.com", password: "password1234", rememberMe: false } });
			const { token } = await signIn.json();
			expect(c.jar.cookies.has("better-auth.dont_remember")).toBe(true);
			clock.advance(3600);
			const res = await c.request("/get-session");
			expect(res.headers.getSetCookie()).toEqual([]);
			expect((await res.json()).session.expiresAt).toBe(new Date(START + DAY * 1000).toISOString());
			const row = await t.auth.$context.storage.findOne("session", { token });
			expect(row?.expiresAt.getTime()).toBe(START + DAY * 1000);
			// One day later it is simply over.
			clock.advance(DAY);
			expect(await (await c.request("/get-session")).json()).toBeNull();
		});

		test("a forged dont_remember marker is ignored (the session slides as usual)", async () => {
			const clock = manualClock();
			const t = await getTestInstance(dialect, { now: clock.now });
			const { body } = await t.signUp();
			clock.advance(DAY);
			const res = await raw(t, "/get-session", { headers: { cookie: `${cookieOf(body.token)}; better-auth.dont_remember=true` } });
			expect(res.headers.getSetCookie()).toHaveLength(1);
		});

		test("?disableCookieCache=false still counts as true (reads the database)", async () => {
			const t = await getTestInstance(dialect, { session: { cookieCache: { enabled: true } } });
			const { client, body } = await t.signUp();
			await t.auth.$context.storage.delete("session", { token: body.token });
			// The cache alone would still answer…
			expect(await (await client.request("/get-session")).json()).not.toBeNull();
			// …but any value of the flag goes to the database, where the row is gone.
			const res = await client.request("/get-session?disableCookieCache=false");
			expect(await res.json()).toBeNull();
			expect(res.headers.getSetCookie()).toEqual(CLEARED);
		});

		test("refresh happens inside session-requiring routes too, and survives their errors", async () => {
			const clock = manualClock();
			const t = await getTestInstance(dialect, { now: clock.now });
			const { client, body } = await t.signUp();
			clock.advance(2 * DAY);
			// list-sessions needs a fresh session: 403, yet the slid cookie is carried.
			const res = await client.request("/list-sessions");
			expect(res.status).toBe(403);
			expect(await res.json()).toEqual({ code: "SESSION_NOT_FRESH", message: "Session is not fresh" });
			expect(res.headers.getSetCookie()).toEqual([`${cookieOf(body.token)}; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax`]);
		});

		test("a session revoked between read and refresh: 401 FAILED_TO_GET_SESSION, cookies cleared", async () => {
			const clock = manualClock();
			const t = await getTestInstance(dialect, { now: clock.now });
			const { client } = await t.signUp();
			clock.advance(DAY);
			const storage = t.auth.$context.storage;
			// Simulate the race: the row is gone by the time the refresh writes.
			storage.update = async () => null;
			const res = await client.request("/get-session");
			expect(res.status).toBe(401);
			expect(await res.json()).toEqual({ code: "FAILED_TO_GET_SESSION", message: "Failed to get session" });
			expect(res.headers.getSetCookie()).toEqual(CLEARED);
		});

		test("auth.api.getSession reads the same headers and reports no-store", async () => {
			const t = await getTestInstance(dialect);
			const { body } = await t.signUp();
			const result = await t.auth.api.getSession({ headers: { cookie: cookieOf(body.token) }, returnHeaders: true });
			expect(result.response?.session.token).toBe(body.token);
			expect(result.headers.get("cache-control")).toBe("no-store");
			expect(await t.auth.api.getSession({ headers: {} })).toBeNull();
		});
	});
}
