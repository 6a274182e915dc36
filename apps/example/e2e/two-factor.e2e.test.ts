/**
 * Two-factor in Chromium: setup with a QR code and backup codes, turned on by the first code
 * from an "authenticator app" (RFC 6238 computed from the secret the page shows), then three
 * sign-ins that each stop at the second factor: an authenticator code, a backup code (spent
 * after one use), and a one-time code emailed to the development outbox.
 */
import { describe, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { browserSuite, hasChromium, withPage } from "./browser.ts";
import { alertShows, browserSession, openPage, readOutbox, signOut, signUp, signedInEmail, statusShows, submitSignIn, totp } from "./helpers.ts";

const USER = { name: "Tess", email: "tess@example.com", password: "tess password 1", username: "tess_2fa" };

/** Signs in with the password and waits for the second-factor step; no session exists yet. */
async function signInToChallenge(page: Page, identifier: string): Promise<void> {
	await submitSignIn(page, identifier, USER.password);
	await page.getByRole("region", { name: "Two-factor sign-in" }).waitFor();
	expect(await browserSession(page)).toBeNull();
}

describe.if(hasChromium())("two-factor in Chromium", () => {
	const suite = browserSuite();

	test("set up TOTP from the QR page, then sign in with a TOTP code, a backup code and an emailed code", async () => {
		await withPage(suite.browser, "two-factor", async (page, context) => {
			await signUp(page, suite.running.base, USER);
			await openPage(page, "Two-factor");
			await page.getByTestId("two-factor-status").filter({ hasText: "off" }).waitFor();

			const setup = page.getByRole("form", { name: "Set up two-factor" });
			await setup.getByLabel("Password").fill(USER.password);
			await setup.getByRole("button", { name: "Set up two-factor" }).click();
			const qr = page.getByRole("img", { name: "QR code for your authenticator app" });
			await qr.waitFor();
			expect(await qr.getAttribute("src")).toStartWith("data:image/svg+xml");
			expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
			const uri = (await page.getByTestId("totp-uri").textContent()) ?? "";
			expect(uri).toStartWith("otpauth://totp/");
			const secret = (await page.getByTestId("totp-secret").textContent()) ?? "";
			expect(new URL(uri).searchParams.get("secret")).toBe(secret);
			const backupCodes = await page.getByRole("list", { name: "Backup codes" }).getByRole("listitem").allTextContents();
			expect(backupCodes).toHaveLength(10);

			const verify = page.getByRole("form", { name: "Verify authenticator" });
			await verify.getByLabel("Code from the app").fill(totp(secret));
			await verify.getByRole("button", { name: "Turn on two-factor" }).click();
			await statusShows(page, "Two-factor authentication is on");
			await page.getByTestId("two-factor-status").filter({ hasText: "on" }).waitFor();
			expect((await suite.running.app.auth.$context.storage.findOne("user", { email: USER.email }))?.twoFactorEnabled).toBe(true);

			// 1. Authenticator code. The enrolment code's time step is spent (replay refused), so
			// the app's next code is used, as a person would wait for.
			await signOut(page);
			await signInToChallenge(page, USER.email);
			const app = page.getByRole("form", { name: "Authenticator code" });
			await app.getByLabel("Code from your authenticator app").fill(totp(secret, 1));
			await app.getByRole("button", { name: "Verify code" }).click();
			expect(await signedInEmail(page)).toBe(USER.email);
			expect((await browserSession(page))?.user.email).toBe(USER.email);

			// 2. Backup code, signing in by username.
			await signOut(page);
			await signInToChallenge(page, USER.username);
			const backup = page.getByRole("form", { name: "Backup code" });
			await backup.getByLabel("Backup code").fill(backupCodes[0] ?? "");
			await backup.getByRole("button", { name: "Use backup code" }).click();
			expect(await signedInEmail(page)).toBe(USER.email);

			// 3. The spent backup code is refused; a code emailed to the outbox works.
			await signOut(page);
			await signInToChallenge(page, USER.email);
			await backup.getByLabel("Backup code").fill(backupCodes[0] ?? "");
			await backup.getByRole("button", { name: "Use backup code" }).click();
			await alertShows(page, /invalid/i);
			expect(await browserSession(page)).toBeNull();

			const email = page.getByRole("form", { name: "Email code" });
			await email.getByRole("button", { name: "Email me a code" }).click();
			await statusShows(page, "A code was sent to your email");
			const otp = await readOutbox(context, suite.running.base, "two-factor-otp", USER.email);
			expect(otp).toMatch(/^\d{6}$/);
			await email.getByLabel("Code from the email").fill(otp);
			await email.getByRole("button", { name: "Verify email code" }).click();
			expect(await signedInEmail(page)).toBe(USER.email);
			expect((await browserSession(page))?.user.email).toBe(USER.email);
		});
	}, 45_000);
});
