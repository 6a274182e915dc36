/**
 * Sessions in Chromium: the same account signed in from two browsers (two contexts), the
 * sessions page lists both, and revoking the other one signs that browser out.
 */
import { describe, expect, test } from "bun:test";
import { browserSuite, hasChromium, withPage } from "./browser.ts";
import { browserSession, openPage, signUp, signedInEmail, statusShows, submitSignIn } from "./helpers.ts";

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
});
