/**
 * Profile flows in Chromium, as a person clicks through them: email verification through the
 * development outbox, name and picture, password change, sign-in by username, change of
 * email (confirmed from the old address, verified at the new one). Each step checks the page
 * and the server's state. Password reset and account deletion are in
 * account-recovery.e2e.test.ts: each file has its own app, so neither suite comes near the
 * sign-up / sign-in rate limit (3 per 10 s per route and client).
 */
import { describe, expect, test } from "bun:test";
import { browserSuite, hasChromium, withPage } from "./browser.ts";
import { alertShows, followOutboxLink, signOut, signUp, signedInEmail, statusShows, submitSignIn } from "./helpers.ts";

// A 1×1 SVG: `img-src` allows `data:`, so the picture renders under the strict CSP.
const PICTURE = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E";

describe.if(hasChromium())("profile in Chromium", () => {
	const suite = browserSuite();
	const findUser = (email: string) => suite.running.app.auth.$context.storage.findOne("user", { email });

	test("verify the email from the outbox, edit name and picture, change the password, sign in by username", async () => {
		await withPage(suite.browser, "profile-basics", async (page) => {
			await signUp(page, suite.running.base, { name: "Robin", email: "robin@example.com", password: "first password 1", username: "robin_p" });
			await page.getByTestId("email-status").filter({ hasText: "not verified" }).waitFor();

			await followOutboxLink(page, suite.running.base, "verification", "robin@example.com");
			expect(new URL(page.url()).pathname).toBe("/");
			await page.getByTestId("email-status").filter({ hasText: /^verified$/ }).waitFor();
			expect((await findUser("robin@example.com"))?.emailVerified).toBe(true);

			const details = page.getByRole("form", { name: "Profile details" });
			await details.getByLabel("Display name").fill("Robin Profile");
			await details.getByLabel("Picture URL").fill(PICTURE);
			await details.getByRole("button", { name: "Save profile" }).click();
			await statusShows(page, "Profile saved");
			await page.getByRole("img", { name: "Your profile" }).waitFor();
			expect(await findUser("robin@example.com")).toMatchObject({ name: "Robin Profile", image: PICTURE });

			const change = page.getByRole("form", { name: "Change password" });
			await change.getByLabel("Current password").fill("wrong password 1");
			await change.getByLabel("New password").fill("second password 2");
			await change.getByRole("button", { name: "Change password" }).click();
			await alertShows(page, /password/i);
			await change.getByLabel("Current password").fill("first password 1");
			await change.getByRole("button", { name: "Change password" }).click();
			await statusShows(page, "Password changed");

			await signOut(page);
			await submitSignIn(page, "robin_p", "first password 1");
			await alertShows(page, /invalid/i);
			await submitSignIn(page, "robin_p", "second password 2");
			expect(await signedInEmail(page)).toBe("robin@example.com");
		});
	}, 30_000);

	test("change the email: confirm from the old address, verify the new one", async () => {
		await withPage(suite.browser, "profile-change-email", async (page) => {
			await signUp(page, suite.running.base, { name: "Casey", email: "casey@example.com", password: "casey password 1" });
			await followOutboxLink(page, suite.running.base, "verification", "casey@example.com");
			await page.getByTestId("email-status").filter({ hasText: /^verified$/ }).waitFor();

			const form = page.getByRole("form", { name: "Change email" });
			await form.getByLabel("New email").fill("casey.new@example.com");
			await form.getByRole("button", { name: "Change email" }).click();
			await statusShows(page, "Confirm the change from the link sent to your current address");
			expect(await findUser("casey@example.com")).not.toBeNull();

			await followOutboxLink(page, suite.running.base, "change-email", "casey@example.com");
			await followOutboxLink(page, suite.running.base, "verification", "casey.new@example.com");
			await page.getByTestId("profile-email").filter({ hasText: "casey.new@example.com" }).waitFor();
			expect(await signedInEmail(page)).toBe("casey.new@example.com");
			expect(await findUser("casey@example.com")).toBeNull();
			expect((await findUser("casey.new@example.com"))?.emailVerified).toBe(true);
		});
	}, 30_000);
});
