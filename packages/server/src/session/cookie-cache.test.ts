/**
 * The `session_data` cookie cache (spec/core.md §3.5, §5.5; SECURITY.md rule 6).
 *
 * The cache lets a warm `get-session` answer without a database read, which means a
 * revoked session keeps "working" there until the cache expires. The attacks: forging or
 * editing the cache (changing the user, extending its life, grafting another user's cache
 * onto one's own token) must be refused by its signature and token binding; and routes that
 * act on authority (revoke-*, list-sessions) must read the database, so a revocation takes
 * effect on the very next sensitive request.
 */
import { describe, expect, test } from "bun:test";
import { hmacBase64Url } from "../crypto/sign.ts";
import { createContext } from "../context/create-context.ts";
import { getTestInstance, TEST_SECRET, testDialects } from "../testing/index.ts";
import type { TestClient } from "../testing/index.ts";
import { decodeCookieCache, encodeCookieCache } from "./cookie-cache.ts";

// Close every instance after each test: the shared preload only disposes them at the very
// end of the run, and PostgreSQL allows 100 connections.

const START = Date.parse("2030-01-01T00:00:00.000Z");

function manualClock(): { now: () => Date; advance: (seconds: number) => void } {
	let ms = START;
	return { now: () => new Date(ms), advance: (seconds) => void (ms += seconds * 1000) };
}

interface CachePayload {
	session: { session: Record<string, unknown>; user: Record<string, unknown>; updatedAt: number; version: string };
	expiresAt: number;
	signature: string;
}

const decode = (value: string): CachePayload => JSON.parse(Buffer.from(decodeURIComponent(value), "base64url").toString("utf8"));
const encode = (payload: CachePayload): string => Buffer.from(JSON.stringify(payload)).toString("base64url");

function cacheOf(c: TestClient): string {
	const value = c.jar.cookies.get("better-auth.session_data");
	if (!value) throw new Error("no session_data cookie");
	return value;
}

for (const dialect of await testDialects()) {
	describe(`cookie cache [${dialect}]`, () => {
		test("sign-in sets session_data in Better Auth's compact format, signed with the secret", async () => {
			const clock = manualClock();
			const t = await getTestInstance(dialect, { now: clock.now, session: { cookieCache: { enabled: true } } });
			await t.signUp({ email: "cache@example.com", password: "password1234" });
			const c = t.client();
			const res = await c.request("/sign-in/email", { json: { email: "cache@example.com", password: "password1234" } });
			const { token } = await res.json();
			const cookies = res.headers.getSetCookie();
			expect(cookies).toHaveLength(2);
			expect(cookies[0]).toStartWith("better-auth.session_token=");
			expect(cookies[1]).toMatch(/^better-auth\.session_data=[A-Za-z0-9_-]+; Max-Age=300; Path=\/; HttpOnly; SameSite=Lax$/);

			const payload = decode(cacheOf(c));
			expect(Object.keys(payload)).toEqual(["session", "expiresAt", "signature"]);
			expect(payload.expiresAt).toBe(START + 300_000);
			expect(payload.session.updatedAt).toBe(START);
			expect(payload.session.version).toBe("1");
			expect(payload.session.session.token).toBe(token);
			expect(payload.session.user.email).toBe("cache@example.com");
			expect(payload.signature).toBe(hmacBase64Url(TEST_SECRET, JSON.stringify({ ...payload.session, expiresAt: payload.expiresAt })));
			expect(payload.signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
		});

		test("a warm get-session answers from the cache until maxAge; disableCookieCache and sensitive routes see the database", async () => {
			const clock = manualClock();
			const t = await getTestInstance(dialect, { now: clock.now, session: { cookieCache: { enabled: true, maxAge: 60 } } });
			const { client, body } = await t.signUp();
			// The row disappears behind the cache's back (e.g. revoked from another device).
			expect(await t.auth.$context.storage.delete("session", { token: body.token })).toBe(1);

			const cached = await client.request("/get-session");
			expect(cached.status).toBe(200);
			expect(cached.headers.get("cache-control")).toBe("no-store");
			const data = await cached.json();
			expect(data.session.token).toBe(body.token);
			expect(data.user.id).toBe(body.user.id);

			// Sensitive routes go to the database: 401, and the dead session's cookies are cleared.
			const cookie = client.jar.header() ?? "";
			for (const path of ["/revoke-session", "/revoke-sessions", "/revoke-other-sessions"]) {
				const res = await client.request(path, { headers: { cookie }, json: path === "/revoke-session" ? { token: body.token } : {} });
				expect(res.status).toBe(401);
				expect(await res.json()).toEqual({ code: "UNAUTHORIZED", message: "Unauthorized" });
				expect(res.headers.getSetCookie().map((c) => c.split(";")[0])).toEqual([
					"better-auth.session_token=",
					"better-auth.session_data=",
					"better-auth.dont_remember=",
				]);
			}
			expect((await client.request("/list-sessions", { headers: { cookie } })).status).toBe(401);

			// A browser that still holds the cookies keeps getting cached answers until maxAge.
			const stale = t.client({ headers: { cookie } });
			clock.advance(59);
			expect(await (await stale.request("/get-session")).json()).not.toBeNull();
			clock.advance(1);
			const expired = await stale.request("/get-session");
			expect(await expired.json()).toBeNull();
		});

		test("disableCookieCache on a deleted row clears all three cookies", async () => {
			const t = await getTestInstance(dialect, { session: { cookieCache: { enabled: true } } });
			const { client, body } = await t.signUp();
			await t.auth.$context.storage.delete("session", { token: body.token });
			const res = await client.request("/get-session?disableCookieCache=true");
			expect(await res.json()).toBeNull();
			expect(res.headers.getSetCookie().map((c) => c.split(";")[0])).toEqual([
				"better-auth.session_token=",
				"better-auth.session_data=",
				"better-auth.dont_remember=",
			]);
			expect(client.jar.cookies.size).toBe(0);
		});

		test("sensitive routes re-issue the cache from the database; clearing keeps the spec's cookie order", async () => {
			const t = await getTestInstance(dialect, { session: { cookieCache: { enabled: true } } });
			const { client } = await t.signUp();
			const others = await client.request("/revoke-other-sessions", { json: {} });
			expect(others.headers.getSetCookie().map((c) => c.slice(0, c.indexOf("=")))).toEqual(["better-auth.session_data"]);
			const all = await client.request("/revoke-sessions", { json: {} });
			expect(all.headers.getSetCookie()).toEqual([
				"better-auth.session_token=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
				"better-auth.session_data=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
				"better-auth.dont_remember=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
			]);
		});

		test("a tampered cache is ignored and the database answers", async () => {
			const t = await getTestInstance(dialect, { session: { cookieCache: { enabled: true } } });
			const { client } = await t.signUp({ name: "Real Name" });
			const payload = decode(cacheOf(client));
			const variants: CachePayload[] = [
				{ ...payload, session: { ...payload.session, user: { ...payload.session.user, name: "Mallory" } } },
				{ ...payload, expiresAt: payload.expiresAt + 1 },
				{ ...payload, signature: `${payload.signature.slice(0, -1)}${payload.signature.endsWith("A") ? "B" : "A"}` },
				{ ...payload, signature: "" },
			];
			for (const variant of variants) {
				client.jar.cookies.set("better-auth.session_data", encode(variant));
				const res = await client.request("/get-session");
				expect((await res.json()).user.name).toBe("Real Name");
			}
			client.jar.cookies.set("better-auth.session_data", "not base64 json!");
			expect((await (await client.request("/get-session")).json()).user.name).toBe("Real Name");
		});

		test("another user's valid cache cannot be grafted onto one's own token", async () => {
			const t = await getTestInstance(dialect, { session: { cookieCache: { enabled: true } } });
			const alice = await t.signUp({ name: "Alice" });
			const bob = await t.signUp({ name: "Bob" });
			bob.client.jar.cookies.set("better-auth.session_data", cacheOf(alice.client));
			const res = await bob.client.request("/get-session");
			expect((await res.json()).user.name).toBe("Bob");
		});

		test("a cache without its session_token cookie is worthless", async () => {
			const t = await getTestInstance(dialect, { session: { cookieCache: { enabled: true } } });
			const { client } = await t.signUp();
			client.jar.cookies.delete("better-auth.session_token");
			const res = await client.request("/get-session");
			expect(await res.json()).toBeNull();
		});

		test("after the cache expires, the database read re-issues a fresh cache", async () => {
			const clock = manualClock();
			const t = await getTestInstance(dialect, { now: clock.now, session: { cookieCache: { enabled: true, maxAge: 60 } } });
			const { client } = await t.signUp();
			clock.advance(61);
			const res = await client.request("/get-session");
			expect(await res.json()).not.toBeNull();
			const cookies = res.headers.getSetCookie();
			expect(cookies).toHaveLength(1);
			expect(cookies[0]).toMatch(/^better-auth\.session_data=[^;]+; Max-Age=60; Path=\/; HttpOnly; SameSite=Lax$/);
			expect(decode(cacheOf(client)).expiresAt).toBe(START + 121_000);
		});

		test("a refresh re-issues session_token and session_data together", async () => {
			const clock = manualClock();
			const t = await getTestInstance(dialect, { now: clock.now, session: { cookieCache: { enabled: true } } });
			const { client } = await t.signUp();
			clock.advance(86_400);
			const res = await client.request("/get-session");
			const names = res.headers.getSetCookie().map((c) => c.slice(0, c.indexOf("=")));
			expect(names).toEqual(["better-auth.session_token", "better-auth.session_data"]);
			expect(decode(cacheOf(client)).session.session.expiresAt).toBe(new Date(START + 86_400_000 + 604_800_000).toISOString());
		});
	});
}

describe("cookie cache codec", () => {
	const auth = createContext({ secret: TEST_SECRET, database: ":memory:", session: { cookieCache: { enabled: true } }, now: () => new Date(START) });
	const session = {
		id: "s1",
		token: "t".repeat(32),
		userId: "u1",
		expiresAt: new Date(START + 1000_000),
		createdAt: new Date(START),
		updatedAt: new Date(START),
		ipAddress: "",
		userAgent: "",
	};
	const user = { id: "u1", name: "N", email: "n@example.com", emailVerified: false, image: null, createdAt: new Date(START), updatedAt: new Date(START), username: null, displayUsername: null };

	test("round-trips dates and refuses a different token", () => {
		const value = encodeCookieCache(auth, { session, user });
		expect(value).not.toBeNull();
		const back = decodeCookieCache(auth, value as string, session.token);
		expect(back?.session.expiresAt).toEqual(session.expiresAt);
		expect(back?.user.createdAt).toEqual(user.createdAt);
		expect(decodeCookieCache(auth, value as string, "u".repeat(32))).toBeNull();
	});

	test("refuses another version, a past session expiry, and junk", () => {
		const signed = (p: CachePayload["session"], expiresAt: number): string =>
			encode({ session: p, expiresAt, signature: hmacBase64Url(TEST_SECRET, JSON.stringify({ ...p, expiresAt })) });
		const base = { session: { ...session }, user: { ...user }, updatedAt: START, version: "1" } as unknown as CachePayload["session"];
		expect(decodeCookieCache(auth, signed(base, START + 1000), session.token)).not.toBeNull();
		expect(decodeCookieCache(auth, signed({ ...base, version: "2" }, START + 1000), session.token)).toBeNull();
		expect(decodeCookieCache(auth, signed(base, START), session.token)).toBeNull();
		const stale = { ...base, session: { ...base.session, expiresAt: new Date(START).toISOString() } };
		expect(decodeCookieCache(auth, signed(stale, START + 1000), session.token)).toBeNull();
		for (const junk of ["", "e30", "bnVsbA", "W10", Buffer.from('{"session":1,"expiresAt":"x","signature":2}').toString("base64url")]) {
			expect(decodeCookieCache(auth, junk, session.token)).toBeNull();
		}
	});

	test("a cache that would exceed the cookie size limit is skipped", () => {
		const big = { ...user, name: "x".repeat(5000) };
		expect(encodeCookieCache(auth, { session, user: big })).toBeNull();
	});
});
