/**
 * What a person does in the example app, as playwright steps: sign up, sign in, open a page
 * from the navigation, read the development outbox. Every helper waits for what the user
 * would see next, never for a fixed time.
 */
import { createHmac } from "node:crypto";
import type { BrowserContext, Locator, Page } from "playwright-core";

export interface TestUser {
	name: string;
	email: string;
	password: string;
	username?: string;
}

/** The signed-in email shown at the top of the app, once it is there. */
export async function signedInEmail(page: Page): Promise<string | null> {
	const email = page.getByTestId("user-email");
	await email.waitFor();
	return email.textContent();
}

/** Fills the sign-up form on `base` and waits until the app shows the new account signed in. */
export async function signUp(page: Page, base: string, user: TestUser): Promise<void> {
	await page.goto(base);
	const form = page.getByRole("form", { name: "Sign up" });
	await form.getByLabel("Name", { exact: true }).fill(user.name);
	await form.getByLabel("Email").fill(user.email);
	if (user.username) await form.getByLabel("Username (optional)").fill(user.username);
	await form.getByLabel("Password").fill(user.password);
	await form.getByRole("button", { name: "Sign up" }).click();
	if ((await signedInEmail(page)) !== user.email) throw new Error(`expected ${user.email} to be signed in`);
}

/** Fills the sign-in form (email or username) and submits it; the caller waits for the outcome. */
export async function submitSignIn(page: Page, identifier: string, password: string): Promise<void> {
	const form = page.getByRole("form", { name: "Sign in" });
	await form.getByLabel("Email or username").fill(identifier);
	await form.getByLabel("Password").fill(password);
	await form.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Clicks "Sign out" and waits for the sign-in form. */
export async function signOut(page: Page): Promise<void> {
	await page.getByRole("button", { name: "Sign out" }).click();
	await page.getByRole("form", { name: "Sign in" }).waitFor();
}

/** Opens a page of the signed-in app from the navigation. */
export async function openPage(page: Page, label: string): Promise<void> {
	await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: label, exact: true }).click();
}

/** Waits for a status (success) line containing `text`. */
export async function statusShows(page: Page | Locator, text: string): Promise<void> {
	await page.getByRole("status").filter({ hasText: text }).waitFor();
}

/** Waits for an alert (error) line containing `text`. */
export async function alertShows(page: Page | Locator, text: string | RegExp): Promise<void> {
	await page.getByRole("alert").filter({ hasText: text }).waitFor();
}

/** The newest outbox row of `kind` sent to `to`, on the `/dev/outbox` page already open in `page`. */
function outboxRow(page: Page, kind: string, to: string): Locator {
	return page
		.getByRole("row")
		.filter({ has: page.getByRole("cell", { name: kind, exact: true }) })
		.filter({ has: page.getByRole("cell", { name: to, exact: true }) })
		.first();
}

/** Opens `/dev/outbox` in `page` and follows the newest `kind` link sent to `to`, as a person clicks it. */
export async function followOutboxLink(page: Page, base: string, kind: string, to: string): Promise<void> {
	await page.goto(`${base}/dev/outbox`);
	await outboxRow(page, kind, to).getByRole("link").click();
}

/**
 * Reads the newest `kind` message to `to` from `/dev/outbox` in a second tab (the first keeps
 * its state, e.g. a pending two-factor sign-in) and returns the last cell (a link or a code).
 */
export async function readOutbox(context: BrowserContext, base: string, kind: string, to: string): Promise<string> {
	const tab = await context.newPage();
	try {
		await tab.goto(`${base}/dev/outbox`);
		const text = await outboxRow(tab, kind, to).getByRole("cell").last().textContent();
		return (text ?? "").trim();
	} finally {
		await tab.close();
	}
}

/** RFC 4648 base32 (the `secret` of an otpauth URI) to bytes. */
function base32Decode(text: string): Buffer {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	let bits = 0;
	let value = 0;
	const out: number[] = [];
	for (const char of text.replace(/=+$/, "").toUpperCase()) {
		const index = alphabet.indexOf(char);
		if (index === -1) throw new Error(`not base32: ${char}`);
		value = (value << 5) | index;
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			out.push((value >>> bits) & 0xff);
		}
	}
	return Buffer.from(out);
}

/**
 * The RFC 6238 code (SHA-1, 6 digits, 30 s) of `secret` for the time step `stepOffset` steps
 * from now, as an authenticator app computes it (`otpauth` is not a dependency of the example).
 */
export function totp(secret: string, stepOffset = 0, nowMs = Date.now()): string {
	const counter = Math.floor(nowMs / 1000 / 30) + stepOffset;
	const message = Buffer.alloc(8);
	message.writeBigUInt64BE(BigInt(counter));
	const mac = createHmac("sha1", base32Decode(secret)).update(message).digest();
	const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
	const binary = mac.readUInt32BE(offset) & 0x7fffffff;
	return String(binary % 1_000_000).padStart(6, "0");
}

/** The session the browser holds, as the server answers `get-session` (null when signed out). */
export function browserSession(page: Page): Promise<{ user: { id: string; email: string; role?: string }; session: { id: string; impersonatedBy?: string | null } } | null> {
	return page.evaluate(() => fetch("/api/auth/get-session").then((r) => r.json()));
}
