/**
 * Social sign-in in Chromium against a real OpenID Connect provider on loopback: the person
 * clicks "Continue with Acme", logs in and consents on the provider's own pages, and lands
 * back in the app signed in (a new user, verified by the provider, with the provider account
 * linked). Refusing consent at the provider brings them back to the sign-in page with a
 * readable message and no session.
 */
import { describe, expect, test } from "bun:test";
import { hasChromium, withPage } from "./browser.ts";
import { alertShows, browserSession, signedInEmail } from "./helpers.ts";
import { OIDC_ID, continueWithProvider, logInAtProvider, offline, oidcSuite } from "./oidc.ts";

describe.if(hasChromium())("social sign-in in Chromium", () => {
	const suite = oidcSuite({
		olga: { email: "olga@example.com", email_verified: true, name: "Olga Oidc" },
		pia: { email: "pia@example.com", email_verified: true, name: "Pia" },
	});
	const storage = () => suite.running.app.auth.$context.storage;

	test("the provider's button leads to its login and consent pages and back, signed in", async () => {
		await withPage(suite.browser, "social-sign-in", async (page, context) => {
			await offline(context);
			await page.goto(suite.running.base);
			// The buttons come from GET /config.json, which lists the configured provider.
			expect(await page.evaluate(() => fetch("/config.json").then((r) => r.json()))).toEqual({ socialProviders: [OIDC_ID] });

			await continueWithProvider(page, suite.provider.issuer);
			await logInAtProvider(page, "olga");
			await page.getByRole("button", { name: "Continue" }).click();

			expect(await signedInEmail(page)).toBe("olga@example.com");
			expect(new URL(page.url()).origin).toBe(suite.running.base);
			const session = await browserSession(page);
			expect(session?.user.email).toBe("olga@example.com");
			const user = await storage().findOne("user", { email: "olga@example.com" });
			expect(user).toMatchObject({ id: session?.user.id, name: "Olga Oidc", emailVerified: true });
			// The identity is keyed by (provider, subject): the provider's `sub` is the login name.
			expect(await storage().findOne("account", { userId: user?.id ?? "", providerId: OIDC_ID })).toMatchObject({ accountId: "olga" });
			expect(await storage().count("session", { userId: user?.id ?? "" })).toBe(1);
		});
	}, 45_000);

	test("refusing consent at the provider returns to the sign-in page with a readable message", async () => {
		await withPage(suite.browser, "social-refused", async (page, context) => {
			await offline(context);
			await page.goto(suite.running.base);
			await continueWithProvider(page, suite.provider.issuer);
			await logInAtProvider(page, "pia");
			await page.getByRole("link", { name: "[ Cancel ]" }).click();

			await alertShows(page, "Sign-in was cancelled at the provider");
			await page.getByRole("form", { name: "Sign in" }).waitFor();
			const url = new URL(page.url());
			expect(url.origin).toBe(suite.running.base);
			// The code was read and dropped from the address bar: a reload shows a clean page.
			expect(url.searchParams.has("error")).toBe(false);
			expect(await browserSession(page)).toBeNull();
			expect(await storage().findOne("user", { email: "pia@example.com" })).toBeNull();

			await page.reload();
			await page.getByRole("form", { name: "Sign in" }).waitFor();
			expect(await page.getByRole("alert").count()).toBe(0);
		});
	}, 45_000);
});
