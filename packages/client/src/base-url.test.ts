import { afterEach, describe, expect, test } from "bun:test";
import { resolveBaseURL, withBasePath } from "./base-url.ts";

const saved = process.env.BETTER_AUTH_URL;
afterEach(() => {
	if (saved === undefined) delete process.env.BETTER_AUTH_URL;
	else process.env.BETTER_AUTH_URL = saved;
});

describe("resolveBaseURL (spec/core.md §2.1)", () => {
	test("an origin without a path gets /api/auth", () => {
		expect(resolveBaseURL("http://localhost:3000")).toBe("http://localhost:3000/api/auth");
		expect(resolveBaseURL("http://localhost:3000/")).toBe("http://localhost:3000/api/auth");
	});

	test("basePath replaces the default, with or without a leading slash", () => {
		expect(resolveBaseURL("https://example.com", "/auth")).toBe("https://example.com/auth");
		expect(resolveBaseURL("https://example.com", "auth")).toBe("https://example.com/auth");
		expect(resolveBaseURL("https://example.com", "/")).toBe("https://example.com");
	});

	test("a URL with a path is used as is", () => {
		expect(resolveBaseURL("https://example.com/custom/auth")).toBe("https://example.com/custom/auth");
		expect(resolveBaseURL("https://example.com/custom", "/ignored")).toBe("https://example.com/custom");
	});

	test("falls back to BETTER_AUTH_URL, then to a relative /api/auth", () => {
		delete process.env.BETTER_AUTH_URL;
		expect(resolveBaseURL()).toBe("/api/auth");
		expect(resolveBaseURL(undefined, "/auth")).toBe("/auth");
		process.env.BETTER_AUTH_URL = "http://env.example";
		expect(resolveBaseURL()).toBe("http://env.example/api/auth");
	});

	test("rejects URLs that are not http(s)", () => {
		expect(() => withBasePath("ftp://example.com")).toThrow(TypeError);
		expect(() => withBasePath("not a url")).toThrow(TypeError);
	});
});
