import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { testDialects } from "../testing/index.ts";
import { OIDC_ID, socialInstance, startProviders } from "./testing/social-test-kit.ts";
import type { Providers } from "./testing/social-test-kit.ts";

/**
 * Bad input to the social routes (DESIGN.md promise 5, SECURITY.md rule 17): wrong types,
 * hostile strings and oversized values get `{ code, message }` with the right status, and no
 * row is written (no state row, no user, no session).
 */

let providers: Providers & { close(): Promise<void> };
beforeAll(async () => {
	providers = await startProviders();
});
afterAll(() => providers.close());

const big = "x".repeat(20_000);

for (const dialect of await testDialects()) {
	describe(`social routes: bad input [${dialect}]`, () => {
		test("sign-in/social: 400 VALIDATION_ERROR for wrong types and oversized values; 404 for unknown providers", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			const before = await t.snapshot();
			const invalid: unknown[] = [
				{},
				{ provider: 42 },
				{ provider: "" },
				{ provider: big },
				{ provider: OIDC_ID, scopes: "openid" },
				{ provider: OIDC_ID, scopes: Array.from({ length: 60 }, (_, i) => `s${i}`) },
				{ provider: OIDC_ID, disableRedirect: "yes" },
				{ provider: OIDC_ID, idToken: "token" },
				{ provider: OIDC_ID, idToken: { token: big } },
				{ provider: OIDC_ID, loginHint: big },
				{ provider: OIDC_ID, additionalParams: { state: "mine" } },
				{ provider: OIDC_ID, additionalParams: { Redirect_URI: "https://evil.example" } },
				{ provider: OIDC_ID, additionalParams: { prompt: 1 } },
				{ provider: OIDC_ID, additionalData: { blob: big } },
				{ provider: "acme\u0000" },
				[],
				"provider",
			];
			for (const json of invalid) {
				const res = await c.request("/sign-in/social", { json });
				const body = await res.json();
				expect({ json, status: res.status, code: body.code }).toEqual({ json, status: 400, code: "VALIDATION_ERROR" });
				expect(typeof body.message).toBe("string");
				expect(body.message).not.toContain(big.slice(0, 100));
			}
			for (const provider of ["nope", "__proto__", "constructor", "toString", "<script>alert(1)</script>", "../../etc/passwd"]) {
				const res = await c.request("/sign-in/social", { json: { provider } });
				expect({ provider, status: res.status, body: await res.json() }).toEqual({ provider, status: 404, body: { code: "PROVIDER_NOT_FOUND", message: "Provider not found" } });
			}
			const callback = await c.request("/sign-in/social", { json: { provider: OIDC_ID, callbackURL: 5 } });
			expect(callback.status).toBe(400);
			expect(await c.request("/sign-in/social", { body: "{not json", method: "POST", headers: { "content-type": "application/json" } }).then((r) => r.status)).toBe(400);
			expect(await c.request("/sign-in/social", { body: "provider=acme", method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" } }).then((r) => r.status)).toBe(415);
			expect(await t.snapshot()).toEqual(before);
		});

		test("additionalParams that are allowed reach the authorize URL but never replace the server's own", async () => {
			const t = await socialInstance(dialect, providers);
			const res = await t.client().request("/sign-in/social", { json: { provider: OIDC_ID, additionalParams: { ui_locales: "fr", acr_values: "urn:x" } } });
			const url = new URL((await res.json()).url);
			expect(url.searchParams.get("ui_locales")).toBe("fr");
			expect(url.searchParams.get("acr_values")).toBe("urn:x");
			expect(url.searchParams.getAll("state")).toHaveLength(1);
		});

		test("additionalData cannot set the stored callback URL, PKCE verifier or link target", async () => {
			const t = await socialInstance(dialect, providers);
			const res = await t.client().request("/sign-in/social", {
				json: { provider: OIDC_ID, callbackURL: "/safe", additionalData: { callbackURL: "https://evil.example", codeVerifier: "known", link: { userId: "victim" }, note: "kept" } },
			});
			const state = new URL((await res.json()).url).searchParams.get("state");
			const row = await t.auth.$context.storage.findOne("verification", { identifier: `auth-state:${state}` });
			const data = JSON.parse(row?.value ?? "{}");
			expect(data.callbackURL).toBe("/safe");
			expect(data.codeVerifier).not.toBe("known");
			expect(data.note).toBe("kept");
			// A `link` in additionalData would turn the sign-in into a link to the victim's user.
			expect(data.link).toBeUndefined();
		});

		test("callback: hostile and oversized query values redirect or 400, never 500, and write nothing", async () => {
			const t = await socialInstance(dialect, providers);
			const c = t.client();
			const before = await t.snapshot();
			for (const query of [
				`state=${"s".repeat(5000)}`,
				"state=a&state=b",
				"state=%00",
				"state='%20OR%201=1--&code=x",
				`state=x&error=${encodeURIComponent("<script>")}`,
			]) {
				const res = await c.request(`/callback/${OIDC_ID}?${query}`);
				expect([302, 400]).toContain(res.status);
				if (res.status === 302) expect(res.headers.get("location")).toStartWith("http://localhost:3000/api/auth/error?error=");
				else expect((await res.json()).code).toBe("VALIDATION_ERROR");
			}
			expect(await t.snapshot()).toEqual(before);
		});
	});
}
