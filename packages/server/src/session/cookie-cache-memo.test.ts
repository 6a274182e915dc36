/**
 * The memo of verified cookie caches (session/cookie-cache-memo.ts). It skips the signature
 * check on a warm read, so the risks are: serving something the full check would refuse
 * (a forged or edited cache), serving past an expiry, serving an older cache version after
 * the client received a newer one (a renamed user), and one request's edits leaking into the
 * next. Each test below would fail if the memo did one of these.
 */
import { describe, expect, test } from "bun:test";
import { createContext } from "../context/create-context.ts";
import { hmacBase64Url } from "../crypto/sign.ts";
import { getTestInstance, TEST_SECRET } from "../testing/index.ts";
import { CookieCacheMemo, cookieCacheMemo } from "./cookie-cache-memo.ts";
import { decodeCookieCache, encodeCookieCache } from "./cookie-cache.ts";
import type { SessionAndUser } from "./types.ts";

const START = Date.parse("2030-01-01T00:00:00.000Z");
const TOKEN = "t".repeat(32);

function sample(name = "N"): SessionAndUser {
	return {
		session: { id: "s1", token: TOKEN, userId: "u1", expiresAt: new Date(START + 1_000_000), createdAt: new Date(START), updatedAt: new Date(START), ipAddress: "", userAgent: "" },
		user: { id: "u1", name, email: "n@example.com", emailVerified: false, image: null, createdAt: new Date(START), updatedAt: new Date(START) },
	} as unknown as SessionAndUser;
}

describe("CookieCacheMemo", () => {
	const value = `${"a".repeat(100)}${"S".repeat(64)}`;

	test("a hit needs the same token, the same length and the same tail, before the expiry", () => {
		const memo = new CookieCacheMemo();
		memo.set(TOKEN, value, sample(), START + 10);
		expect(memo.get(TOKEN, value, START)?.user.name).toBe("N");
		expect(memo.get("u".repeat(32), value, START)).toBeNull();
		expect(memo.get(TOKEN, `${value}x`, START)).toBeNull();
		expect(memo.get(TOKEN, `${value.slice(0, -1)}T`, START)).toBeNull();
		expect(memo.get(TOKEN, `b${value.slice(1)}`, START)?.user.name).toBe("N");
		expect(memo.get(TOKEN, value, START + 10)).toBeNull();
		// An expired entry is dropped, not kept for later.
		expect(memo.get(TOKEN, value, START)).toBeNull();
	});

	test("hands out copies: a caller's edits never reach the next caller", () => {
		const memo = new CookieCacheMemo();
		const data = sample();
		memo.set(TOKEN, value, data, START + 10);
		data.user.name = "edited before";
		const first = memo.get(TOKEN, value, START);
		if (!first) throw new Error("expected a hit");
		first.user.name = "edited after";
		first.session.userId = "someone else";
		const second = memo.get(TOKEN, value, START);
		expect(second?.user.name).toBe("N");
		expect(second?.session.userId).toBe("u1");
	});

	test("keeps at most 1000 entries, dropping the oldest", () => {
		const memo = new CookieCacheMemo();
		for (let i = 0; i <= 1000; i++) memo.set(`token-${i}`, value, sample(), START + 10);
		expect(memo.get("token-0", value, START)).toBeNull();
		expect(memo.get("token-1", value, START)).not.toBeNull();
		expect(memo.get("token-1000", value, START)).not.toBeNull();
	});
});

describe("decodeCookieCache with the memo", () => {
	const auth = createContext({ secret: TEST_SECRET, database: ":memory:", session: { cookieCache: { enabled: true } }, now: () => new Date(START) });

	test("remembers a verified cache, and a renamed user's new cache is decoded afresh", () => {
		const first = encodeCookieCache(auth, sample("Before")) as string;
		expect(decodeCookieCache(auth, first, TOKEN)?.user.name).toBe("Before");
		expect(cookieCacheMemo(auth).get(TOKEN, first, START)?.user.name).toBe("Before");
		const second = encodeCookieCache(auth, sample("After!")) as string;
		expect(second.length).toBe(first.length);
		expect(decodeCookieCache(auth, second, TOKEN)?.user.name).toBe("After!");
		expect(decodeCookieCache(auth, first, TOKEN)?.user.name).toBe("Before");
	});

	test("never remembers what the full check refuses", () => {
		const payload = { session: { ...sample("Mallory"), updatedAt: START, version: "1" }, expiresAt: START + 1000 };
		const forged = Buffer.from(JSON.stringify({ ...payload, signature: "A".repeat(43) })).toString("base64url");
		expect(decodeCookieCache(auth, forged, TOKEN)).toBeNull();
		expect(cookieCacheMemo(auth).get(TOKEN, forged, START)).toBeNull();
		expect(decodeCookieCache(auth, forged, TOKEN)).toBeNull();
	});

	test("a valid cache whose signature is not its last field is served but not remembered", () => {
		const inner = { ...JSON.parse(JSON.stringify(sample("Reordered"))), updatedAt: START, version: "1" };
		inner.session.token = "r".repeat(32);
		const expiresAt = START + 1000;
		const signature = hmacBase64Url(TEST_SECRET, JSON.stringify({ ...inner, expiresAt }));
		const value = Buffer.from(JSON.stringify({ signature, session: inner, expiresAt })).toString("base64url");
		expect(decodeCookieCache(auth, value, "r".repeat(32))?.user.name).toBe("Reordered");
		expect(cookieCacheMemo(auth).get("r".repeat(32), value, START)).toBeNull();
	});
});

test("over HTTP: after update-user the new cache is served, not the remembered one", async () => {
	const t = await getTestInstance("sqlite", { session: { cookieCache: { enabled: true } } });
	const { client } = await t.signUp({ name: "Old Name" });
	for (let i = 0; i < 2; i++) expect((await (await client.request("/get-session")).json()).user.name).toBe("Old Name");
	expect((await client.request("/update-user", { json: { name: "New Name" } })).status).toBe(200);
	for (let i = 0; i < 2; i++) expect((await (await client.request("/get-session")).json()).user.name).toBe("New Name");
});
