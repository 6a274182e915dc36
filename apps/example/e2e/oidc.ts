/**
 * Social sign-in against a real OpenID Connect provider (oidc-provider, through
 * `@latchkey/server/testing/oidc`) on 127.0.0.1, configured into the example app the way a
 * developer does it: `OIDC_ISSUER`, `OIDC_ID`, `OIDC_CLIENT_ID`, `OIDC_CLIENT_SECRET`.
 */
import { afterAll, expect } from "bun:test";
import type { BrowserContext, Page } from "playwright-core";
import { startOidcProvider } from "@latchkey/server/testing/oidc";
import type { OidcTestAccount, OidcTestProvider } from "@latchkey/server/testing/oidc";
import { browserSuite } from "./browser.ts";
import type { BrowserSuite } from "./browser.ts";

/** `OIDC_ID`: the provider's id in `/callback/<id>`; its button reads "Continue with Acme". */
export const OIDC_ID = "acme";

/** A browser suite whose app has the loopback provider configured, and the provider itself. */
export interface OidcSuite extends BrowserSuite {
	provider: OidcTestProvider;
}

/**
 * `browserSuite()` plus a provider holding `accounts` (by login name). The provider starts once
 * the app's port is known, since it accepts only the exact redirect URI
 * `<base>/api/auth/callback/acme`, and closes after the suite.
 */
export function oidcSuite(accounts: Record<string, OidcTestAccount>): OidcSuite {
	const holder: { provider?: OidcTestProvider } = {};
	const suite = browserSuite({
		env: async (base) => {
			const provider = await startOidcProvider({ redirectUris: [`${base}/api/auth/callback/${OIDC_ID}`] });
			for (const [login, account] of Object.entries(accounts)) provider.accounts.set(login, account);
			holder.provider = provider;
			return { OIDC_ISSUER: provider.issuer, OIDC_ID, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret };
		},
	});
	afterAll(async () => {
		await holder.provider?.close();
	});
	return Object.defineProperty(suite as OidcSuite, "provider", {
		get: () => {
			if (!holder.provider) throw new Error("the OIDC provider starts in beforeAll");
			return holder.provider;
		},
	});
}

/**
 * The provider's development pages import a web font from the internet; this machine has no
 * route there, so the request is refused at once instead of waiting for a timeout.
 */
export async function offline(context: BrowserContext): Promise<void> {
	await context.route(/^https:\/\//, (route) => route.abort());
}

/** Clicks "Continue with Acme" on the app's sign-in form and waits for the provider's login page. */
export async function continueWithProvider(page: Page, issuer: string): Promise<void> {
	await page.getByRole("group", { name: "Social sign-in" }).getByRole("button", { name: "Continue with Acme" }).click();
	await page.waitForURL((url) => url.origin === issuer && url.pathname.startsWith("/interaction/"));
	await page.getByRole("button", { name: "Sign-in" }).waitFor();
}

/** Fills the provider's login form (oidc-provider's development form takes any password) and waits for its consent page. */
export async function logInAtProvider(page: Page, login: string): Promise<void> {
	await page.getByPlaceholder("Enter any login").fill(login);
	await page.getByPlaceholder("and password").fill("provider password");
	await page.getByRole("button", { name: "Sign-in" }).click();
	await page.getByRole("button", { name: "Continue" }).waitFor();
	expect(await page.getByRole("heading", { level: 1 }).textContent()).toMatch(/authorize/i);
}
