/**
 * Two-factor in Chromium: setup with a QR code and backup codes, turned on by the first code
 * from an "authenticator app" (RFC 6238 computed from the secret the page shows), then three
 * sign-ins that each stop at the second factor: an authenticator code, a backup code (spent
 * after one use), and a one-time code emailed to the development outbox.
 */
import { describe, expect, test } from "bun:test";
import { browserSuite, hasChromium, withPage } from "./browser.ts";
import { alertShows, browserSession, readOutbox, signOut, signUp, signedInEmail, statusShows, totp } from "./helpers.ts";
import { signInToChallenge, submitBackupCode, turnOnTwoFactor } from "./two-factor-steps.ts";

const USER = { name: "Tess", email: "tess@example.com", password: "tess password 1", username: "tess_2fa" };

describe.if(hasChromium())("two-factor in Chromium", () => {
	const suite = browserSuite();

	test("set up TOTP from the QR page, then sign in with a TOTP code, a backup code and an emailed code", async () => {
		await withPage(suite.browser, "two-factor", async (page, context) => {
			await signUp(page, suite.running.base, USER);
			const { secret, backupCodes } = await turnOnTwoFactor(page, USER.password);
			expect((await suite.running.app.auth.$context.storage.findOne("user", { email: USER.email }))?.twoFactorEnabled).toBe(true);

			// 1. Authenticator code. The enrolment code's time step is spent (replay refused), so
			// the app's next code is used, as a person would wait for.
			await signOut(page);
			await signInToChallenge(page, USER.email, USER.password);
			const app = page.getByRole("form", { name: "Authenticator code" });
			await app.getByLabel("Code from your authenticator app").fill(totp(secret, 1));
			await app.getByRole("button", { name: "Verify code" }).click();
			expect(await signedInEmail(page)).toBe(USER.email);
			expect((await browserSession(page))?.user.email).toBe(USER.email);

			// 2. Backup code, signing in by username.
			await signOut(page);
			await signInToChallenge(page, USER.username, USER.password);
			await submitBackupCode(page, backupCodes[0] ?? "");
			expect(await signedInEmail(page)).toBe(USER.email);

			// 3. The spent backup code is refused; a code emailed to the outbox works.
			await signOut(page);
			await signInToChallenge(page, USER.email, USER.password);
			await submitBackupCode(page, backupCodes[0] ?? "");
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
