/**
 * Banning in Chromium. Ada's account exists with a listed address (made on the server); she
 * follows the verification link from the outbox in a browser without a session, which signs
 * her in as admin (the other path of src/admin-emails.ts). Ben is signed in in another browser:
 * the ban ends his session at once and refuses his sign-in; after the unban he signs in again.
 */
import { describe, expect, test } from "bun:test";
import { browserSuite, hasChromium, withPage } from "./browser.ts";
import { alertShows, browserSession, followOutboxLink, openPage, signUp, signedInEmail, statusShows, submitSignIn } from "./helpers.ts";

const ADA = { name: "Ada Admin", email: "ada@example.com", password: "ada password 1" };
const BEN = { name: "Ben", email: "ben@example.com", password: "ben password 1" };

describe.if(hasChromium())("banning users in Chromium", () => {
	const suite = browserSuite({ adminEmails: [ADA.email] }, async (running) => {
		// The verification email lands in the outbox; its link comes back to the app's root.
		await running.app.auth.api.signUpEmail({ body: { ...ADA, callbackURL: "/" } });
	});

	test("admin by following the verification link, ban (the other browser's session dies), unban", async () => {
		const storage = suite.running.app.auth.$context.storage;
		await withPage(suite.browser, "admin-ban", async (page) => {
			await followOutboxLink(page, suite.running.base, "verification", ADA.email);
			expect(await signedInEmail(page)).toBe(ADA.email);
			expect((await storage.findOne("user", { email: ADA.email }))?.role).toBe("admin");

			await withPage(suite.browser, "admin-ban-ben", async (ben) => {
				await signUp(ben, suite.running.base, BEN);
				const benId = (await storage.findOne("user", { email: BEN.email }))?.id ?? "";

				await openPage(page, "Admin");
				await page.getByTestId("user-count").filter({ hasText: "2 user(s)" }).waitFor();
				const row = page.getByRole("table", { name: "Users" }).locator("tbody tr", { hasText: BEN.email });
				await row.getByRole("button", { name: `Ban ${BEN.email}` }).click();
				await statusShows(page, `Banned ${BEN.email}`);
				await row.getByText(/^banned/).waitFor();
				expect((await storage.findOne("user", { id: benId }))?.banned).toBe(true);
				expect(await storage.count("session", { userId: benId })).toBe(0);
				expect(await browserSession(ben)).toBeNull();
				await ben.reload();
				await submitSignIn(ben, BEN.email, BEN.password);
				await alertShows(ben, /banned/i);
				expect(await browserSession(ben)).toBeNull();

				await row.getByRole("button", { name: `Unban ${BEN.email}` }).click();
				await statusShows(page, `Unbanned ${BEN.email}`);
				await row.getByText("active", { exact: true }).waitFor();
				expect((await storage.findOne("user", { id: benId }))?.banned).toBe(false);
				await submitSignIn(ben, BEN.email, BEN.password);
				expect(await signedInEmail(ben)).toBe(BEN.email);
				expect((await browserSession(ben))?.user.email).toBe(BEN.email);
			});
		});
	}, 45_000);
});
