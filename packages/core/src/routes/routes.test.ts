import { describe, expect, test } from "bun:test";
import { usernameRoutes } from "../plugins/username/routes.ts";
import { coreRoutes } from "./index.ts";

describe("route contracts", () => {
	const all = { ...coreRoutes, ...usernameRoutes };

	test("each contract's key is its endpoint name, and method + path are unique", () => {
		const seen = new Set<string>();
		for (const [key, contract] of Object.entries(all)) {
			expect(contract.name as string).toBe(key);
			const id = `${contract.method} ${contract.path}`;
			expect(seen.has(id)).toBe(false);
			seen.add(id);
		}
	});

	test("sign-up bounds every string and lowercases nothing itself", () => {
		const body = coreRoutes.signUpEmail.body;
		expect(body.safeParse({ name: "A", email: "a@example.com", password: "p" }).success).toBe(true);
		expect(body.safeParse({ name: "A", email: `${"a".repeat(250)}@example.com`, password: "p" }).success).toBe(false);
		expect(body.safeParse({ name: "x".repeat(257), email: "a@example.com", password: "p" }).success).toBe(false);
		expect(body.safeParse({ name: "A", email: "a@example.com", password: "" }).success).toBe(false);
	});

	test("get-session query flags: any non-empty value is true, as Better Auth coerces them", () => {
		const query = coreRoutes.getSession.query;
		expect(query.parse({ disableCookieCache: "false" })).toEqual({ disableCookieCache: true, disableRefresh: false });
		expect(query.parse({})).toEqual({ disableCookieCache: false, disableRefresh: false });
	});

	test("rememberMe accepts booleans and form strings", () => {
		const body = coreRoutes.signInEmail.body;
		expect(body.parse({ email: "a@example.com", password: "p", rememberMe: "false" }).rememberMe).toBe(false);
		expect(body.parse({ email: "a@example.com", password: "p", rememberMe: true }).rememberMe).toBe(true);
		expect(body.safeParse({ email: "a@example.com", password: "p", rememberMe: "yes" }).success).toBe(false);
	});
});
