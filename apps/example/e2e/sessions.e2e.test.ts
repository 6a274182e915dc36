/**
 * Sessions in Chromium: the same account signed in from two browsers (two contexts), the
 * sessions page lists both, and revoking the other one signs that browser out; "Revoke all
 * other sessions" signs out every session but the current one.
 */
import { describe, expect, test } from "bun:test";
import { browserSuite, hasChromium, withPage } from "./browser.ts";
import { browserSession, openPage, signUp, signedInEmail, statusShows, submitSignIn } from "./helpers.ts";

const RITA = { name: "Rita", email: "rita@example.com", password: "rita password 1" };

describe.if(hasChromium())("sessions in Chromium", () => {
	const suite = browserSuite();

	test("list the sessions of two browsers and revoke the other one", async () => {
		await withPage(suite.browser, "sessions-laptop", async (laptop) => {
			await signUp(laptop, suite.running.base, { name: "Sam", email: "sam@example.com", password: "sam password 1" });
			await withPage(suite.browser, "sessions-phone", async (phone) => {
				await phone.goto(suite.running.base);
				await submitSignIn(phone, "sam@example.com", "sam password 1");
				expect(await signedInEmail(phone)).toBe("sam@example.com");

				await openPage(laptop, "Sessions");
				const rows = laptop.getByRole("table", { name: "Your sessions" }).locator("tbody tr");
				await rows.nth(1).waitFor();
				expect(await rows.count()).toBe(2);
				await rows.filter({ hasText: "(this browser)" }).waitFor();
				const user = await suite.running.app.auth.$context.storage.findOne("user", { email: "sam@example.com" });
				expect(await suite.running.app.auth.$context.storage.count("session", { userId: user?.id ?? "" })).toBe(2);

				await laptop.getByRole("button", { name: "Revoke", exact: true }).click();
				await statusShows(laptop, "Session revoked");
				await rows.nth(1).waitFor({ state: "detached" });
				expect(await rows.count()).toBe(1);
				expect(await suite.running.app.auth.$context.storage.count("session", { userId: user?.id ?? "" })).toBe(1);

				expect(await browserSession(phone)).toBeNull();
				await phone.reload();
				await phone.getByRole("form", { name: "Sign in" }).waitFor();
				expect((await browserSession(laptop))?.user.email).toBe("sam@example.com");
			});
		});
	}, 30_000);

	test("revoke all other sessions: the other browser is signed out on reload, this one stays", async () => {
		const storage = suite.running.app.auth.$context.storage;
		await withPage(suite.browser, "sessions-all-laptop", async (laptop) => {
			await signUp(laptop, suite.running.base, RITA);
			await withPage(suite.browser, "sessions-all-phone", async (phone) => {
				await phone.goto(suite.running.base);
				await submitSignIn(phone, RITA.email, RITA.password);
				expect(await signedInEmail(phone)).toBe(RITA.email);
				// A third session, signed in elsewhere (a script on the server's side, not a browser).
				await suite.running.app.auth.api.signInEmail({ body: { email: RITA.email, password: RITA.password } });
				const userId = (await storage.findOne("user", { email: RITA.email }))?.id ?? "";
				expect(await storage.count("session", { userId })).toBe(3);

				await openPage(laptop, "Sessions");
				const rows = laptop.getByRole("table", { name: "Your sessions" }).locator("tbody tr");
				await rows.nth(2).waitFor();
				await laptop.getByRole("button", { name: "Revoke all other sessions" }).click();
				await statusShows(laptop, "Other sessions revoked");
				await rows.nth(1).waitFor({ state: "detached" });
				expect(await rows.count()).toBe(1);
				await rows.filter({ hasText: "(this browser)" }).waitFor();
				const laptopSession = await browserSession(laptop);
				expect(laptopSession?.user.email).toBe(RITA.email);
				const left = await storage.findMany("session", { userId });
				expect(left.map((s) => s.id)).toEqual([laptopSession?.session.id ?? ""]);

				await phone.reload();
				await phone.getByRole("form", { name: "Sign in" }).waitFor();
				expect(await browserSession(phone)).toBeNull();
			});
		});
	}, 30_000);
});
