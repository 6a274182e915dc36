/**
 * Profile flows in Chromium, as a person clicks through them: email verification through the
 * development outbox, name and picture, password change, sign-in by username, change of
 * email (confirmed from the old address, verified at the new one), password reset, and
 * account deletion confirmed by email. Each step checks the page and the server's state.
 */
import { describe, expect, test } from "bun:test";
import { browserSuite, hasChromium, withPage } from "./browser.ts";
import { alertShows, browserSession, followOutboxLink, signOut, signUp, signedInEmail, statusShows, submitSignIn } from "./helpers.ts";

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

	test("reset a forgotten password from the outbox link, then delete the account by email", async () => {
		await withPage(suite.browser, "profile-reset-delete", async (page) => {
			await signUp(page, suite.running.base, { name: "Dana", email: "dana@example.com", password: "dana password 1" });
			await signOut(page);

			const forgot = page.getByRole("form", { name: "Forgot password" });
			await forgot.getByLabel("Account email").fill("dana@example.com");
			await forgot.getByRole("button", { name: "Send a reset link" }).click();
			await statusShows(forgot, "If the address has an account");

			await followOutboxLink(page, suite.running.base, "reset-password", "dana@example.com");
			expect(new URL(page.url()).pathname).toBe("/reset-password");
			const reset = page.getByRole("form", { name: "Reset password" });
			await reset.getByLabel("New password").fill("dana password 2");
			await reset.getByRole("button", { name: "Reset password" }).click();
			await statusShows(page, "Your password was changed");
			await page.getByRole("link", { name: "Sign in" }).click();
			await submitSignIn(page, "dana@example.com", "dana password 2");
			expect(await signedInEmail(page)).toBe("dana@example.com");

			const remove = page.getByRole("form", { name: "Delete account" });
			await remove.getByLabel("Password (to confirm)").fill("dana password 2");
			await remove.getByRole("button", { name: "Delete my account" }).click();
			await statusShows(page, "Check your email to confirm the deletion");
			expect(await findUser("dana@example.com")).not.toBeNull();

			await followOutboxLink(page, suite.running.base, "delete-account", "dana@example.com");
			await page.getByRole("form", { name: "Sign in" }).waitFor();
			expect(await findUser("dana@example.com")).toBeNull();
			expect(await browserSession(page)).toBeNull();
		});
	}, 30_000);
});
