/**
 * Emailed links come from the configured baseURL, never from the Host header: otherwise an
 * attacker who requests a reset for the victim with `Host: evil.example` gets the victim mailed
 * a link to evil.example, which leaks the token on click (host-header poisoning).
 */
import { afterEach, describe, expect, test } from "bun:test";
import { createContext } from "../context/create-context.ts";
import { TEST_SECRET } from "../testing/index.ts";
import { authBaseURL, resetPasswordLink, verifyEmailLink } from "./email-links.ts";

const savedEnv = process.env.NODE_ENV;
afterEach(() => {
	process.env.NODE_ENV = savedEnv;
});

const request = new Request("http://evil.example/api/auth/request-password-reset", { headers: { host: "evil.example" } });

describe("authBaseURL", () => {
	test("uses the configured baseURL and basePath, ignoring the request", () => {
		const auth = createContext({ secret: TEST_SECRET, baseURL: "https://app.example/ignored-path", basePath: "/auth/", database: ":memory:" }, {});
		expect(authBaseURL(auth, request)).toBe("https://app.example/auth");
		expect(verifyEmailLink(auth, request, "t", undefined)).toBe("https://app.example/auth/verify-email?token=t&callbackURL=%2F");
		expect(resetPasswordLink(auth, request, "t", "/r?a=b")).toBe("https://app.example/auth/reset-password/t?callbackURL=%2Fr%3Fa%3Db");
	});

	test("without baseURL: the request origin outside production, a 500 in production or without a request", () => {
		const auth = createContext({ secret: TEST_SECRET, database: ":memory:" }, {});
		process.env.NODE_ENV = "development";
		expect(authBaseURL(auth, new Request("http://localhost:4000/x"))).toBe("http://localhost:4000/api/auth");
		expect(() => authBaseURL(auth, undefined)).toThrow();
		process.env.NODE_ENV = "production";
		expect(() => authBaseURL(auth, request)).toThrow();
	});
});
