/**
 * Admin page in Chromium. The example makes a user admin when their address is listed in
 * `EXAMPLE_ADMIN_EMAILS` and verified (src/admin-emails.ts): Ada signs up, verifies from the
 * outbox, signs in again and gets the Admin page. She searches users, changes Ben's role,
 * impersonates him and stops. Banning is in admin-ban.e2e.test.ts (its own app, so neither
 * suite comes near the sign-in rate limit of 3 per 10 s).
 */
import { describe, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { browserSuite, hasChromium, withPage } from "./browser.ts";
import { browserSession, followOutboxLink, openPage, signOut, signUp, signedInEmail, statusShows, submitSignIn } from "./helpers.ts";

const ADA = { name: "Ada Admin", email: "ada@example.com", password: "ada password 1" };
const BEN = { name: "Ben", email: "ben@example.com", password: "ben password 1" };

describe.if(hasChromium())("admin in Chromium", () => {
	const suite = browserSuite({ adminEmails: [ADA.email] }, async (running) => {
		// Two more accounts, made on the server: Ben to act on, Cleo to be filtered out by the search.
		await running.app.auth.api.signUpEmail({ body: BEN });
		await running.app.auth.api.signUpEmail({ body: { name: "Cleo", email: "cleo@example.com", password: "cleo password 1" } });
	});

	test("become admin by verified address, search, set role, impersonate", async () => {
		const storage = suite.running.app.auth.$context.storage;
		const adminLink = (page: Page) => page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Admin" });
		await withPage(suite.browser, "admin", async (page) => {
			await signUp(page, suite.running.base, ADA);
			await followOutboxLink(page, suite.running.base, "verification", ADA.email);
			await page.getByTestId("email-status").filter({ hasText: /^verified$/ }).waitFor();
			// The role is granted when a session is created for the verified, listed address.
			expect(await adminLink(page).count()).toBe(0);
			await signOut(page);
			await submitSignIn(page, ADA.email, ADA.password);
			expect(await signedInEmail(page)).toBe(ADA.email);
			expect((await storage.findOne("user", { email: ADA.email }))?.role).toBe("admin");
			const benId = (await storage.findOne("user", { email: BEN.email }))?.id ?? "";

			await openPage(page, "Admin");
			await page.getByTestId("user-count").filter({ hasText: "3 user(s)" }).waitFor();
			const search = page.getByRole("search", { name: "Search users" });
			await search.getByLabel("Search by email").fill("ben");
			await search.getByRole("button", { name: "Search" }).click();
			await page.getByTestId("user-count").filter({ hasText: "1 user(s)" }).waitFor();
			const users = page.getByRole("table", { name: "Users" });
			expect(await users.locator("tbody tr").count()).toBe(1);
			const row = users.locator("tbody tr", { hasText: BEN.email });

			await row.getByLabel(`Role of ${BEN.email}`).selectOption("admin");
			await statusShows(page, `${BEN.email} is now admin`);
			expect((await storage.findOne("user", { id: benId }))?.role).toBe("admin");
			await row.getByLabel(`Role of ${BEN.email}`).selectOption("user");
			await statusShows(page, `${BEN.email} is now user`);
			expect((await storage.findOne("user", { id: benId }))?.role).toBe("user");

			await row.getByRole("button", { name: `Impersonate ${BEN.email}` }).click();
			const banner = page.getByRole("note", { name: "Impersonation" });
			await banner.waitFor();
			expect(await signedInEmail(page)).toBe(BEN.email);
			expect(await adminLink(page).count()).toBe(0);
			const acting = await browserSession(page);
			expect(acting?.user.email).toBe(BEN.email);
			expect(acting?.session.impersonatedBy).toBe((await storage.findOne("user", { email: ADA.email }))?.id);

			await banner.getByRole("button", { name: "Stop impersonating" }).click();
			await banner.waitFor({ state: "detached" });
			expect(await signedInEmail(page)).toBe(ADA.email);
			await adminLink(page).waitFor();
			expect((await browserSession(page))?.session.impersonatedBy ?? null).toBeNull();
		});
	}, 45_000);
});
