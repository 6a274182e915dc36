/**
 * Cookie serialisation and parsing (spec/core.md §3.1–§3.3; SECURITY.md rule 11).
 *
 * Cookie attacks: a network attacker or a sibling subdomain plants a session cookie over
 * plain HTTP (session fixation, cookie tossing). The `__Secure-` prefix makes browsers
 * refuse any such cookie not set over HTTPS with `Secure`, so with an https base URL every
 * auth cookie carries both, and the server reads only the prefixed name. `HttpOnly` keeps
 * tokens from scripts; a malformed `Cookie` header must read as "absent", never crash.
 */
import { describe, expect, test } from "bun:test";
import { signValue } from "../crypto/sign.ts";
import { getTestInstance, TEST_SECRET } from "../testing/index.ts";
import { readCookie, serializeCookie } from "./cookie.ts";

// Close every instance after each test: the shared preload only disposes them at the very
// end of the run, and PostgreSQL allows 100 connections.

describe("serializeCookie", () => {
	test("attributes come in Better Auth's order", () => {
		const expires = new Date(Date.UTC(2030, 0, 2, 3, 4, 5));
		expect(
			serializeCookie("n", "v", { maxAge: 60, domain: "example.com", path: "/x", expires, httpOnly: true, secure: true, sameSite: "Lax", partitioned: true }),
		).toBe("n=v; Max-Age=60; Domain=example.com; Path=/x; Expires=Wed, 02 Jan 2030 03:04:05 GMT; HttpOnly; Secure; SameSite=Lax; Partitioned");
	});

	test("defaults: Path=/ only; the value is URI-encoded", () => {
		expect(serializeCookie("n", "")).toBe("n=; Path=/");
		expect(serializeCookie("n", "a.b+c/d=; e")).toBe("n=a.b%2Bc%2Fd%3D%3B%20e; Path=/");
	});

	test("Max-Age is floored, 0 is written, and more than 400 days is refused", () => {
		expect(serializeCookie("n", "v", { maxAge: 1.9 })).toBe("n=v; Max-Age=1; Path=/");
		expect(serializeCookie("n", "v", { maxAge: 0 })).toBe("n=v; Max-Age=0; Path=/");
		expect(serializeCookie("n", "v", { maxAge: 400 * 86_400 })).toBe(`n=v; Max-Age=${400 * 86_400}; Path=/`);
		expect(() => serializeCookie("n", "v", { maxAge: 400 * 86_400 + 1 })).toThrow("cookie Max-Age above 400 days");
	});

	test("SameSite=None and Partitioned force Secure", () => {
		expect(serializeCookie("n", "v", { sameSite: "None" })).toBe("n=v; Path=/; Secure; SameSite=None");
		expect(serializeCookie("n", "v", { partitioned: true })).toBe("n=v; Path=/; Secure; Partitioned");
		expect(serializeCookie("n", "v", { sameSite: "Strict" })).toBe("n=v; Path=/; SameSite=Strict");
	});
});

describe("readCookie", () => {
	test("finds one cookie by exact name and percent-decodes it", () => {
		const header = "a=1; better-auth.session_token=x.y%2Bz%3D; b=2";
		expect(readCookie(header, "better-auth.session_token")).toBe("x.y+z=");
		expect(readCookie(header, "a")).toBe("1");
		expect(readCookie(header, "b")).toBe("2");
		expect(readCookie(header, "session_token")).toBeNull();
		expect(readCookie(header, "better-auth.session")).toBeNull();
	});

	test("the first occurrence wins; whitespace around pairs is ignored", () => {
		expect(readCookie("n=first; n=second", "n")).toBe("first");
		expect(readCookie("  n =  v  ;m=w", "n")).toBe("v");
		expect(readCookie("n=a=b", "n")).toBe("a=b");
	});

	test("absent, empty and malformed headers read as absent", () => {
		expect(readCookie(null, "n")).toBeNull();
		expect(readCookie("", "n")).toBeNull();
		expect(readCookie(";;;", "n")).toBeNull();
		expect(readCookie("novalue; n", "n")).toBeNull();
		expect(readCookie("n=%E0%A4%A", "n")).toBeNull();
		expect(readCookie("n=", "n")).toBe("");
	});

	test("the fast paths (no escape, one trailing %3D) give what a full decode gives", () => {
		for (const raw of ["tok.sig%3D", "tok.sig", "%3D", "a%3Db%3D", "a%2Bb%3D", "abc%3d", "x%3", "q%E0%3D"]) {
			let full: string | null;
			try {
				full = decodeURIComponent(raw);
			} catch {
				full = null;
			}
			expect(readCookie(`n=${raw}`, "n")).toBe(full);
		}
	});

	test("a value-less pair before the wanted one does not confuse the scan", () => {
		expect(readCookie("flag; n=v", "n")).toBe("v");
		expect(readCookie("x; y=1; n=v", "n")).toBe("v");
	});
});

describe("cookies over HTTP", () => {
	const signUpRequest = (origin: string): Request =>
		new Request(`${origin}/api/auth/sign-up/email`, {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: JSON.stringify({ name: "S", email: `s${Math.random()}@example.com`, password: "password1234" }),
		});

	test("an https baseURL gives __Secure- names and the Secure attribute, and only those names are read", async () => {
		const origin = "https://auth.example.com";
		const t = await getTestInstance("sqlite", { baseURL: origin, session: { cookieCache: { enabled: true } } });
		const res = await t.auth.handler(signUpRequest(origin));
		expect(res.status).toBe(200);
		const { token } = await res.json();
		const cookies = res.headers.getSetCookie();
		expect(cookies[0]).toBe(`__Secure-better-auth.session_token=${encodeURIComponent(signValue(TEST_SECRET, token))}; Max-Age=604800; Path=/; HttpOnly; Secure; SameSite=Lax`);
		expect(cookies[1]).toMatch(/^__Secure-better-auth\.session_data=[^;]+; Max-Age=300; Path=\/; HttpOnly; Secure; SameSite=Lax$/);

		const signed = encodeURIComponent(signValue(TEST_SECRET, token));
		const read = async (cookie: string) =>
			(await t.auth.handler(new Request(`${origin}/api/auth/get-session`, { headers: { cookie } }))).json();
		expect((await read(`__Secure-better-auth.session_token=${signed}`)).session.token).toBe(token);
		expect(await read(`better-auth.session_token=${signed}`)).toBeNull();

		const out = await t.auth.handler(new Request(`${origin}/api/auth/sign-out`, { method: "POST", headers: { origin } }));
		expect(out.headers.getSetCookie()).toEqual([
			"__Secure-better-auth.session_token=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax",
			"__Secure-better-auth.session_data=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax",
			"__Secure-better-auth.dont_remember=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax",
		]);
	});

	test("useSecureCookies forces the prefix on http; cookiePrefix renames every cookie", async () => {
		const forced = await getTestInstance("sqlite", { advanced: { useSecureCookies: true } });
		const a = await forced.auth.handler(signUpRequest("http://localhost:3000"));
		expect(a.headers.getSetCookie()[0]).toMatch(/^__Secure-better-auth\.session_token=[^;]+; Max-Age=604800; Path=\/; HttpOnly; Secure; SameSite=Lax$/);

		const renamed = await getTestInstance("sqlite", { advanced: { cookiePrefix: "myapp", useSecureCookies: false } });
		const b = await renamed.auth.handler(signUpRequest("http://localhost:3000"));
		expect(b.headers.getSetCookie()[0]).toMatch(/^myapp\.session_token=[^;]+; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax$/);
		const { token } = await b.json();
		const cookie = `myapp.session_token=${encodeURIComponent(signValue(TEST_SECRET, token))}`;
		const session = await (await renamed.auth.handler(new Request("http://localhost:3000/api/auth/get-session", { headers: { cookie } }))).json();
		expect(session.session.token).toBe(token);
	});

	test("every cookie is its own Set-Cookie header", async () => {
		const t = await getTestInstance("sqlite");
		const res = await t.auth.handler(new Request("http://localhost:3000/api/auth/sign-out", { method: "POST" }));
		expect(res.headers.getSetCookie()).toHaveLength(3);
		for (const line of res.headers.getSetCookie()) expect(line.match(/Path=/g)).toHaveLength(1);
	});
});
