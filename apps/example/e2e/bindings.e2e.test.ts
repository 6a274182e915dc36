/**
 * The Vue and Svelte bindings in Chromium: `/vue` and `/svelte` are their own bundles under
 * the same strict CSP, and show the session the React app signed in (`useSession` from
 * `@latchkey/vue` and `@latchkey/svelte`); signing out there updates the page at once.
 */
import { describe, expect, test } from "bun:test";
import { browserSuite, hasChromium, withPage } from "./browser.ts";
import { browserSession, signUp, signedInEmail, submitSignIn } from "./helpers.ts";

const USER = { name: "Val", email: "val@example.com", password: "val password 1" };

describe.if(hasChromium())("Vue and Svelte pages in Chromium", () => {
	const suite = browserSuite();

	test("useSession on /vue and /svelte follows the session, sign-out included", async () => {
		await withPage(suite.browser, "bindings", async (page) => {
			await signUp(page, suite.running.base, USER);

			const vue = await page.goto(`${suite.running.base}/vue`);
			expect(vue?.headers()["content-security-policy"]).toContain("script-src 'self'");
			expect(await page.getByTestId("vue-user-email").textContent()).toBe(USER.email);
			await page.getByRole("region", { name: "Vue session" }).getByRole("button", { name: "Sign out" }).click();
			await page.getByTestId("vue-signed-out").waitFor();
			expect(await browserSession(page)).toBeNull();

			await page.goto(`${suite.running.base}/svelte`);
			await page.getByTestId("svelte-signed-out").waitFor();
			await page.goto(suite.running.base);
			await submitSignIn(page, USER.email, USER.password);
			expect(await signedInEmail(page)).toBe(USER.email);

			const svelte = await page.goto(`${suite.running.base}/svelte`);
			expect(svelte?.headers()["content-security-policy"]).toContain("style-src 'self'");
			expect(await page.getByTestId("svelte-user-email").textContent()).toBe(USER.email);
			await page.getByRole("region", { name: "Svelte session" }).getByRole("button", { name: "Sign out" }).click();
			await page.getByTestId("svelte-signed-out").waitFor();
			expect(await browserSession(page)).toBeNull();

			await page.goto(`${suite.running.base}/vue`);
			await page.getByTestId("vue-signed-out").waitFor();
		});
	}, 30_000);
});
