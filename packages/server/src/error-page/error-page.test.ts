import { afterAll, afterEach, describe, expect, test } from "bun:test";
import { disposeTestInstances, getTestInstance, TEST_ORIGIN } from "../testing/index.ts";

afterAll(disposeTestInstances);
const savedEnv = process.env.NODE_ENV;
afterEach(() => {
	process.env.NODE_ENV = savedEnv;
});

/** GET `/api/auth/error` with a raw query string, on a fresh development instance. */
async function getError(search: string, overrides = {}): Promise<Response> {
	const t = await getTestInstance("sqlite", overrides);
	return t.auth.handler(new Request(`${TEST_ORIGIN}/api/auth/error${search}`));
}

describe("GET /error (spec/core.md §9.2)", () => {
	test("shows the code and description on a 200 HTML page with a strict policy", async () => {
		const response = await getError("?error=state_mismatch&error_description=The%20link%20expired");
		expect(response.status).toBe(200);
		expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
		const policy = response.headers.get("content-security-policy") ?? "";
		expect(policy).toContain("default-src 'none'");
		expect(policy).not.toContain("script-src");
		expect(policy).toContain("frame-ancestors 'none'");
		expect(response.headers.get("x-content-type-options")).toBe("nosniff");
		const html = await response.text();
		expect(html).toContain("<code>state_mismatch</code>");
		expect(html).toContain("The link expired");
	});

	test("the page's stylesheet is the one its policy allows", async () => {
		const response = await getError("?error=x");
		const html = await response.text();
		const style = /<style>([^<]*)<\/style>/.exec(html)?.[1] ?? "";
		const hash = new Bun.CryptoHasher("sha256").update(style).digest("base64");
		expect(response.headers.get("content-security-policy")).toContain(`'sha256-${hash}'`);
	});

	test("without a code it says UNKNOWN and a generic text", async () => {
		const html = await (await getError("")).text();
		expect(html).toContain("<code>UNKNOWN</code>");
		expect(html).toContain("Something went wrong");
	});

	test.each([
		["markup", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"],
		["spaces", "not%20a%20code"],
		["a quote and an angle bracket", "x%22%3E"],
		["unicode", "%E2%80%AEcode"],
	])("a code with %s becomes UNKNOWN", async (_, code) => {
		const html = await (await getError(`?error=${code}`)).text();
		expect(html).toContain("<code>UNKNOWN</code>");
		expect(html).not.toContain("<script");
	});

	test("Better Auth's code alphabet (letters, digits, _ - ') is kept", async () => {
		const html = await (await getError("?error=email_doesn't_match-2")).text();
		expect(html).toContain("<code>email_doesn&#39;t_match-2</code>");
	});

	test("a hostile description is shown as text, never as markup", async () => {
		const html = await (await getError(`?error=x&error_description=${encodeURIComponent('<img src=x onerror="alert(1)"><a href="//evil.example">')}`)).text();
		expect(html).not.toContain("<img");
		expect(html).not.toContain('href="//evil.example"');
		expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
	});

	test("a long description is cut at 1000 characters", async () => {
		const html = await (await getError(`?error=x&error_description=${"a".repeat(5000)}`)).text();
		expect(html).toContain("a".repeat(1000));
		expect(html).not.toContain("a".repeat(1001));
	});

	test("a repeated key takes its first value", async () => {
		const html = await (await getError("?error=first_code&error=second_code")).text();
		expect(html).toContain("<code>first_code</code>");
		expect(html).not.toContain("second_code");
	});

	test("onAPIError.errorURL: 302 there with the code and description appended", async () => {
		const response = await getError("?error=state_mismatch&error_description=expired", { onAPIError: { errorURL: "https://app.example/auth-error?from=auth" } });
		expect(response.status).toBe(302);
		expect(response.headers.get("location")).toBe("https://app.example/auth-error?from=auth&error=state_mismatch&error_description=expired");
	});

	test("errorURL gets the sanitized code, not the raw one", async () => {
		const response = await getError(`?error=${encodeURIComponent("<b>")}`, { onAPIError: { errorURL: "/oops" } });
		expect(response.headers.get("location")).toBe("/oops?error=UNKNOWN");
	});

	test("in production without errorURL: 302 to the home page with the error", async () => {
		process.env.NODE_ENV = "production";
		const response = await getError("?error=signup_disabled");
		expect(response.status).toBe(302);
		expect(response.headers.get("location")).toBe("/?error=signup_disabled");
	});

	test("is callable as auth.api.error and hidden from the OpenAPI document", async () => {
		const t = await getTestInstance("sqlite");
		// The page is HTML, so the API hands back the Response itself.
		const page: unknown = await t.auth.api.error({ query: { error: "no_code" } });
		expect(page).toBeInstanceOf(Response);
		expect(await (page as Response).text()).toContain("<code>no_code</code>");
		const document = (await t.auth.api.openAPIDocument()) as { paths: Record<string, unknown> };
		expect(Object.keys(document.paths)).not.toContain("/error");
	});

	test("POST is not served", async () => {
		const t = await getTestInstance("sqlite");
		const response = await t.auth.handler(new Request(`${TEST_ORIGIN}/api/auth/error?error=x`, { method: "POST", headers: { origin: TEST_ORIGIN } }));
		expect(response.status).toBe(404);
	});
});

describe("OAuth failures land on the error page", () => {
	const github = { clientId: "id", clientSecret: "secret" };

	test("a callback without a state goes to {basePath}/error, which answers", async () => {
		const t = await getTestInstance("sqlite", { socialProviders: { github } });
		const callback = await t.auth.handler(new Request(`${TEST_ORIGIN}/api/auth/callback/github?code=abc`));
		expect(callback.status).toBe(302);
		const location = callback.headers.get("location") ?? "";
		expect(location).toBe(`${TEST_ORIGIN}/api/auth/error?error=state_not_found`);
		const page = await t.auth.handler(new Request(location));
		expect(page.status).toBe(200);
		expect(await page.text()).toContain("<code>state_not_found</code>");
	});

	test("with onAPIError.errorURL the callback goes there instead", async () => {
		const t = await getTestInstance("sqlite", { socialProviders: { github }, onAPIError: { errorURL: "https://app.example/oops" } });
		const callback = await t.auth.handler(new Request(`${TEST_ORIGIN}/api/auth/callback/github?code=abc`));
		expect(callback.headers.get("location")).toBe("https://app.example/oops?error=state_not_found");
	});
});
