/**
 * Two-factor steps shared by the two-factor suites: turning it on from the QR page, and a
 * password sign-in that stops at the second factor.
 */
import { expect } from "bun:test";
import type { Page } from "playwright-core";
import { browserSession, openPage, statusShows, submitSignIn, totp } from "./helpers.ts";

/** What the setup page showed once: the secret (as typed into an app) and the backup codes. */
export interface Enrolment {
	secret: string;
	backupCodes: string[];
}

/**
 * On the Two-factor page: password → QR code (checked to render under the CSP) and backup codes
 * → the first code from an "authenticator app" (RFC 6238 from the shown secret) turns it on.
 */
export async function turnOnTwoFactor(page: Page, password: string): Promise<Enrolment> {
	await openPage(page, "Two-factor");
	await page.getByTestId("two-factor-status").filter({ hasText: "off" }).waitFor();
	const setup = page.getByRole("form", { name: "Set up two-factor" });
	await setup.getByLabel("Password").fill(password);
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
	return { secret, backupCodes };
}

/** Signs in with the password and waits for the second-factor step; no session exists yet. */
export async function signInToChallenge(page: Page, identifier: string, password: string): Promise<void> {
	await submitSignIn(page, identifier, password);
	await page.getByRole("region", { name: "Two-factor sign-in" }).waitFor();
	expect(await browserSession(page)).toBeNull();
}

/** Enters `code` in the challenge's backup-code form and submits it; the caller checks the outcome. */
export async function submitBackupCode(page: Page, code: string): Promise<void> {
	const backup = page.getByRole("form", { name: "Backup code" });
	await backup.getByLabel("Backup code").fill(code);
	await backup.getByRole("button", { name: "Use backup code" }).click();
}
