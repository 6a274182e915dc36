/**
 * A forgotten password and a deleted account in Chromium: the reset link from the development
 * outbox sets a new password (the old one stops working, the new one signs in), and deleting
 * the account takes effect only once the emailed link is followed.
 */
import { describe, expect, test } from "bun:test";
import { browserSuite, hasChromium, withPage } from "./browser.ts";
import { alertShows, browserSession, followOutboxLink, signOut, signUp, signedInEmail, statusShows, submitSignIn } from "./helpers.ts";

describe.if(hasChromium())("account recovery and deletion in Chromium", () => {
	const suite = browserSuite();
	const findUser = (email: string) => suite.running.app.auth.$context.storage.findOne("user", { email });

	test("reset a forgotten password from the outbox link, then delete the account by email", async () => {
		await withPage(suite.browser, "account-recovery", async (page) => {
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
			await submitSignIn(page, "dana@example.com", "dana password 1");
			await alertShows(page, /invalid/i);
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
