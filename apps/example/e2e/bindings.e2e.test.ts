/**
 * The Vue and Svelte bindings in Chromium: `/vue` and `/svelte` are their own bundles under
 * the same strict CSP, and show the session the React app signed in (`useSession` from
 * `@latchkey/vue` and `@latchkey/svelte`); signing out there updates the page at once.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Browser } from "playwright-core";
import { hasChromium, launchBrowser, startApp, withPage } from "./browser.ts";
import type { RunningApp } from "./browser.ts";
import { browserSession, signUp, signedInEmail, submitSignIn } from "./helpers.ts";

const USER = { name: "Val", email: "val@example.com", password: "val password 1" };

describe.if(hasChromium())("Vue and Svelte pages in Chromium", () => {
	let browser: Browser;
	let running: RunningApp;
	beforeAll(async () => {
		running = await startApp();
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
		await running?.stop();
	});

	test("useSession on /vue and /svelte follows the session, sign-out included", async () => {
		await withPage(browser, "bindings", async (page) => {
			await signUp(page, running.base, USER);

			const vue = await page.goto(`${running.base}/vue`);
			expect(vue?.headers()["content-security-policy"]).toContain("script-src 'self'");
			expect(await page.getByTestId("vue-user-email").textContent()).toBe(USER.email);
			await page.getByRole("region", { name: "Vue session" }).getByRole("button", { name: "Sign out" }).click();
			await page.getByTestId("vue-signed-out").waitFor();
			expect(await browserSession(page)).toBeNull();

			await page.goto(`${running.base}/svelte`);
			await page.getByTestId("svelte-signed-out").waitFor();
			await page.goto(running.base);
			await submitSignIn(page, USER.email, USER.password);
			expect(await signedInEmail(page)).toBe(USER.email);

			const svelte = await page.goto(`${running.base}/svelte`);
			expect(svelte?.headers()["content-security-policy"]).toContain("style-src 'self'");
			expect(await page.getByTestId("svelte-user-email").textContent()).toBe(USER.email);
			await page.getByRole("region", { name: "Svelte session" }).getByRole("button", { name: "Sign out" }).click();
			await page.getByTestId("svelte-signed-out").waitFor();
			expect(await browserSession(page)).toBeNull();

			await page.goto(`${running.base}/vue`);
			await page.getByTestId("vue-signed-out").waitFor();
		});
	}, 30_000);
});
