/**
 * The redirect validator and trusted-origin matching (spec/core.md §6.1 step B, §6.3;
 * SECURITY.md rule 3).
 *
 * Open redirect: an attacker sends a victim a genuine link to our sign-in with
 * `callbackURL=https://evil.example`, and after signing in the victim lands on a phishing
 * copy (or, with OAuth, hands it a code). Browsers and servers parse "relative" URLs in
 * different ways, so `//evil.com`, `/\evil.com`, `https:evil.com`, tabs, control characters
 * and percent-encoded separators all have to be refused, and `javascript:` / `data:` must
 * never be a redirect target at all.
 */
import { describe, expect, test } from "bun:test";
import { getTestInstance, TEST_ORIGIN, testDialects } from "../testing/index.ts";
import { isSafeRedirect, matchesTrustedOrigin } from "./trusted-origins.ts";

// Close every instance after each test: the shared preload only disposes them at the very
// end of the run, and PostgreSQL allows 100 connections.

const TRUSTED = [TEST_ORIGIN, "https://app.example.com", "myapp://callback", "exp://", "pinned://host/cb"];

describe("isSafeRedirect", () => {
	const safe = [
		"/dashboard",
		"/",
		"/a/b?c=d#e",
		"/dashboard?next=%2Fsettings",
		"/search?q=a%5Cb",
		"/path//with/double/slash",
		`${TEST_ORIGIN}/dashboard`,
		`${TEST_ORIGIN}`,
		"https://app.example.com/x?y=1",
		"HTTPS://APP.EXAMPLE.COM/x",
		"myapp://callback",
		"myapp://callback/done?x=1",
		"exp://192.168.1.2:8081/--/auth",
		"pinned://host/cb/done",
		"myapp://callback/../elsewhere",
	];
	const unsafe = [
		"",
		"//evil.com",
		"///evil.com",
		"/\\evil.com",
		"/\\/evil.com",
		"\\\\evil.com",
		"https:evil.com",
		"https:/evil.com",
		"http://evil.com",
		"https://evil.com/dashboard",
		"https://app.example.com.evil.com",
		"https://app.example.com@evil.com",
		"http://app.example.com",
		"https://app.example.com:8443",
		"javascript:alert(1)",
		"JaVaScRiPt:alert(1)",
		" javascript:alert(1)",
		"java\tscript:alert(1)",
		"data:text/html,<script>alert(1)</script>",
		"vbscript:msgbox",
		"file:///etc/passwd",
		"/%2F%2Fevil.com",
		"/%2f%2fevil.com",
		"/%5Cevil.com",
		"/%5cevil.com",
		"/x/%2e%2e%2f%2e%2e%2fevil",
		"\t/evil",
		"/\tevil",
		"/\t/evil.com",
		"/\n/evil.com",
		"/\r\n/evil.com",
		"/\u0000evil",
		"/\u007fevil",
		"/\u0085evil",
		" /dashboard",
		"dashboard",
		"evil.com",
		"myapp://callbackevil",
		"pinned://host/cb/../evil",
		"pinned://host/cb%2F..%2F..%2Fevil",
		"pinned://host/cbx",
		"pinned://other/cb",
		"myapp://evil",
		"otherapp://callback",
		"?next=/x",
		"#frag",
	];

	for (const target of safe) {
		test(`accepts ${JSON.stringify(target)}`, () => {
			expect(isSafeRedirect(target, TRUSTED)).toBe(true);
		});
	}
	for (const target of unsafe) {
		test(`refuses ${JSON.stringify(target)}`, () => {
			expect(isSafeRedirect(target, TRUSTED)).toBe(false);
		});
	}

	test("a wildcard origin pattern allows its subdomains only", () => {
		const trusted = ["https://*.example.com", "http://localhost:*"];
		expect(isSafeRedirect("https://a.example.com/x", trusted)).toBe(true);
		expect(isSafeRedirect("http://localhost:5173/cb", trusted)).toBe(true);
		expect(isSafeRedirect("https://example.com.evil.com/x", trusted)).toBe(false);
		expect(isSafeRedirect("https://evil.com/a.example.com", trusted)).toBe(false);
		expect(isSafeRedirect("http://localhost.evil.com:5173", trusted)).toBe(false);
	});
});

describe("matchesTrustedOrigin", () => {
	test("exact origins compare scheme, host and port", () => {
		expect(matchesTrustedOrigin("https://a.example", ["https://a.example"])).toBe(true);
		expect(matchesTrustedOrigin("https://a.example", ["https://a.example/"])).toBe(true);
		expect(matchesTrustedOrigin("http://a.example", ["https://a.example"])).toBe(false);
		expect(matchesTrustedOrigin("https://a.example:444", ["https://a.example"])).toBe(false);
		expect(matchesTrustedOrigin("https://b.a.example", ["https://a.example"])).toBe(false);
		expect(matchesTrustedOrigin("https://a.example", [])).toBe(false);
		expect(matchesTrustedOrigin("https://a.example", ["not a url"])).toBe(false);
	});

	test("host-only wildcards match the host; `?` matches one character", () => {
		expect(matchesTrustedOrigin("https://x.example.com", ["*.example.com"])).toBe(true);
		expect(matchesTrustedOrigin("http://x.example.com", ["*.example.com"])).toBe(true);
		expect(matchesTrustedOrigin("https://example.com", ["*.example.com"])).toBe(false);
		expect(matchesTrustedOrigin("https://xexample.com", ["*.example.com"])).toBe(false);
		expect(matchesTrustedOrigin("https://app1.example.com", ["https://app?.example.com"])).toBe(true);
		expect(matchesTrustedOrigin("https://app12.example.com", ["https://app?.example.com"])).toBe(false);
		// Regex metacharacters in a pattern are literal.
		expect(matchesTrustedOrigin("https://aXexample.com", ["https://a.example.com"])).toBe(false);
		expect(matchesTrustedOrigin("https://xaXexample.com", ["*a.example.com"])).toBe(false);
	});

	test("custom schemes compare scheme, authority and a path prefix", () => {
		expect(matchesTrustedOrigin("myapp://callback", ["myapp://callback"])).toBe(true);
		expect(matchesTrustedOrigin("myapp://callback/sub", ["myapp://callback"])).toBe(true);
		expect(matchesTrustedOrigin("myapp://callbackevil", ["myapp://callback"])).toBe(false);
		expect(matchesTrustedOrigin("myapp://host/cb/../evil", ["myapp://host/cb"])).toBe(false);
		expect(matchesTrustedOrigin("myapp://host/cb/x", ["myapp://host/cb"])).toBe(true);
		expect(matchesTrustedOrigin("MYAPP://CALLBACK", ["myapp://callback"])).toBe(true);
		expect(matchesTrustedOrigin("exp://10.0.0.1:8081", ["exp://"])).toBe(true);
		expect(matchesTrustedOrigin("other://callback", ["myapp://callback"])).toBe(false);
	});
});

for (const dialect of await testDialects()) {
	describe(`redirect targets over HTTP [${dialect}]`, () => {
		const credentials = { email: "redirect@example.com", password: "password1234" };

		test("sign-in with callbackURL http://evil.com → 403 INVALID_CALLBACK_URL, no session created", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp(credentials);
			const before = await t.snapshot();
			for (const callbackURL of ["http://evil.com", "//evil.com/x", "/\\evil.com", "https:evil.com", "javascript:alert(1)", "/%2F%2Fevil.com"]) {
				const res = await t.client().request("/sign-in/email", { json: { ...credentials, callbackURL } });
				expect(res.status).toBe(403);
				expect(await res.json()).toEqual({ code: "INVALID_CALLBACK_URL", message: "Invalid callbackURL" });
				expect(res.headers.getSetCookie()).toEqual([]);
			}
			expect(await t.snapshot()).toEqual(before);
		});

		test("a non-string callbackURL → 400 `Invalid callbackURL: expected a string` without a code", async () => {
			const t = await getTestInstance(dialect);
			for (const callbackURL of [42, ["/a"], { href: "/a" }, true]) {
				const res = await t.client().request("/sign-in/email", { json: { ...credentials, callbackURL } });
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual({ message: "Invalid callbackURL: expected a string" });
			}
		});

		test("callbackURL in the query string is checked too, and redirectTo / errorCallbackURL / newUserCallbackURL have their own codes", async () => {
			const t = await getTestInstance(dialect);
			const query = await t.client().request("/sign-out?callbackURL=https://evil.com", { json: {} });
			expect(query.status).toBe(403);
			expect(await query.json()).toEqual({ code: "INVALID_CALLBACK_URL", message: "Invalid callbackURL" });
			const cases: [string, string, string][] = [
				["redirectTo", "INVALID_REDIRECT_URL", "Invalid redirectURL"],
				["errorCallbackURL", "INVALID_ERROR_CALLBACK_URL", "Invalid errorCallbackURL"],
				["newUserCallbackURL", "INVALID_NEW_USER_CALLBACK_URL", "Invalid newUserCallbackURL"],
			];
			for (const [field, code, message] of cases) {
				const res = await t.client().request("/sign-out", { json: { [field]: "https://evil.com" } });
				expect(res.status).toBe(403);
				expect(await res.json()).toEqual({ code, message });
				const typed = await t.client().request("/sign-out", { json: { [field]: 1 } });
				expect(typed.status).toBe(400);
				expect(await typed.json()).toEqual({ message: `Invalid ${message.slice("Invalid ".length)}: expected a string` });
			}
		});

		test("relative and trusted absolute targets pass", async () => {
			const t = await getTestInstance(dialect, { trustedOrigins: ["https://app.example.com"] });
			await t.signUp(credentials);
			for (const callbackURL of ["/dashboard", `${TEST_ORIGIN}/home`, "https://app.example.com/welcome", "/next?to=%2Fsettings"]) {
				const res = await t.client().request("/sign-in/email", { json: { ...credentials, callbackURL } });
				expect(res.status).toBe(200);
				expect(await res.json()).toMatchObject({ redirect: true, url: callbackURL });
			}
		});

		test("an empty callbackURL is treated as absent", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp(credentials);
			const res = await t.client().request("/sign-in/email", { json: { ...credentials, callbackURL: "" } });
			expect(res.status).toBe(200);
			expect(await res.json()).toMatchObject({ redirect: false });
		});
	});
}
