/**
 * Routing reads the path and query off the request URL without a `URL` object on the common
 * path. The risk of such a shortcut is a path that routes differently than the WHATWG parser
 * would normalise it (dot segments, escapes, backslashes), which could slip past a rule keyed
 * on the path (a rate limit, a route). Every such shape must fall back to `URL`.
 */
import { describe, expect, test } from "bun:test";
import { splitRequestUrl } from "./split-request-url.ts";

const viaUrl = (raw: string): { pathname: string; search: string } => {
	const url = new URL(raw);
	return { pathname: url.pathname, search: url.search };
};

describe("splitRequestUrl", () => {
	test("plain paths and queries split as URL would", () => {
		for (const raw of [
			"http://127.0.0.1:3000/api/auth/ok",
			"http://localhost/api/auth/get-session?disableCookieCache=true",
			"https://example.com/api/auth/callback/github?code=a&state=b",
			"http://h/api/auth/reset-password/tok_EN-123?callbackURL=%2Fx",
			"http://h/",
			"http://h/api/auth/ok?",
			"http://h/api/auth/ok?a=1&a=2",
		]) {
			expect(splitRequestUrl(raw)).toEqual(viaUrl(raw));
		}
	});

	test("dot segments, escapes, backslashes, fragments and odd hosts are normalised by URL", () => {
		for (const raw of [
			"http://h/api/auth/x/../ok",
			"http://h/api/auth/./ok",
			"http://h/api/auth/%2e%2e/ok",
			"http://h/api/auth/sign-in%2Femail",
			"http://h/api\\auth\\ok",
			"http://h/api/auth/ok#frag",
			"http://h/api/auth/ok?x=1#frag",
			"http://h/api/auth/ök",
			"http://h:80/api/auth/ok",
			"http://user:pw@h/api/auth/ok",
		]) {
			expect(splitRequestUrl(raw)).toEqual(viaUrl(raw));
		}
	});

	test("a URL with no path after the authority is /", () => {
		expect(splitRequestUrl("http://h")).toEqual({ pathname: "/", search: "" });
		expect(splitRequestUrl("http://h?x=1")).toEqual({ pathname: "/", search: "?x=1" });
	});
});
