/**
 * Managing two-factor in Chromium, once it is on: new backup codes replace the old ones (an
 * old, never used code is then refused at sign-in, a new one is accepted), and turning it off
 * (after a wrong password is refused) makes the next password sign-in complete without a code.
 */
import { describe, expect, test } from "bun:test";
import { browserSuite, hasChromium, withPage } from "./browser.ts";
import { alertShows, browserSession, openPage, signOut, signUp, signedInEmail, statusShows, submitSignIn } from "./helpers.ts";
import { signInToChallenge, submitBackupCode, turnOnTwoFactor } from "./two-factor-steps.ts";

const USER = { name: "Theo", email: "theo@example.com", password: "theo password 1" };

describe.if(hasChromium())("two-factor management in Chromium", () => {
	const suite = browserSuite();
	const findUser = () => suite.running.app.auth.$context.storage.findOne("user", { email: USER.email });

	test("generate new backup codes: an old code then fails, a new one works; turn two-factor off", async () => {
		await withPage(suite.browser, "two-factor-manage", async (page) => {
			await signUp(page, suite.running.base, USER);
			const { backupCodes: oldCodes } = await turnOnTwoFactor(page, USER.password);

			const regenerate = page.getByRole("form", { name: "New backup codes" });
			await regenerate.getByLabel("Password").fill("wrong password 1");
			await regenerate.getByRole("button", { name: "Generate new backup codes" }).click();
			await alertShows(page, /password/i);
			expect(await page.getByRole("list", { name: "Backup codes" }).count()).toBe(0);
			await regenerate.getByLabel("Password").fill(USER.password);
			await regenerate.getByRole("button", { name: "Generate new backup codes" }).click();
			await statusShows(page, "New backup codes generated; the old ones no longer work");
			const newCodes = await page.getByRole("list", { name: "Backup codes" }).getByRole("listitem").allTextContents();
			expect(newCodes).toHaveLength(10);
			expect(newCodes.filter((code) => oldCodes.includes(code))).toEqual([]);

			// An old code that was never used is refused; a new one signs in.
			await signOut(page);
			await signInToChallenge(page, USER.email, USER.password);
			await submitBackupCode(page, oldCodes[1] ?? "");
			await alertShows(page, /invalid/i);
			expect(await browserSession(page)).toBeNull();
			await submitBackupCode(page, newCodes[0] ?? "");
			expect(await signedInEmail(page)).toBe(USER.email);
			expect((await browserSession(page))?.user.email).toBe(USER.email);

			await openPage(page, "Two-factor");
			await page.getByTestId("two-factor-status").filter({ hasText: "on" }).waitFor();
			const turnOff = page.getByRole("form", { name: "Turn off two-factor" });
			await turnOff.getByLabel("Password").fill("wrong password 1");
			await turnOff.getByRole("button", { name: "Turn off two-factor" }).click();
			await alertShows(page, /password/i);
			expect((await findUser())?.twoFactorEnabled).toBe(true);
			await turnOff.getByLabel("Password").fill(USER.password);
			await turnOff.getByRole("button", { name: "Turn off two-factor" }).click();
			await statusShows(page, "Two-factor authentication is off");
			await page.getByTestId("two-factor-status").filter({ hasText: "off" }).waitFor();
			expect((await findUser())?.twoFactorEnabled).toBe(false);

			// The password alone signs in now: no second step.
			await signOut(page);
			await submitSignIn(page, USER.email, USER.password);
			expect(await signedInEmail(page)).toBe(USER.email);
			expect(await page.getByRole("region", { name: "Two-factor sign-in" }).count()).toBe(0);
			expect((await browserSession(page))?.user.email).toBe(USER.email);
		});
	}, 45_000);
});
