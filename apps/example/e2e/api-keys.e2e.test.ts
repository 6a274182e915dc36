/**
 * API keys in Chromium: create one (the key is shown once), see it listed, use it as a
 * session from outside the browser (`x-api-key`), delete it and watch it stop working.
 */
import { describe, expect, test } from "bun:test";
import { browserSuite, hasChromium, withPage } from "./browser.ts";
import { openPage, signUp, statusShows } from "./helpers.ts";

describe.if(hasChromium())("API keys in Chromium", () => {
	const suite = browserSuite();

	/** `get-session` answered for a request carrying only the API key, as a script would send it. */
	async function sessionForKey(key: string): Promise<{ user: { email: string } } | null> {
		const response = await fetch(`${suite.running.base.replace("localhost", "127.0.0.1")}/api/auth/get-session`, { headers: { "x-api-key": key } });
		return response.ok ? response.json() : null;
	}

	test("create a key (shown once), list it, use it, delete it", async () => {
		const storage = suite.running.app.auth.$context.storage;
		await withPage(suite.browser, "api-keys", async (page) => {
			await signUp(page, suite.running.base, { name: "Kim", email: "kim@example.com", password: "kim password 1" });
			await openPage(page, "API keys");
			const form = page.getByRole("form", { name: "Create API key" });
			await form.getByLabel("Key name").fill("ci-deploy");
			await form.getByLabel("Expires in (days, empty for never)").fill("30");
			await form.getByRole("button", { name: "Create API key" }).click();
			await statusShows(page, "API key created");
			const key = (await page.getByTestId("new-api-key").textContent()) ?? "";
			expect(key.length).toBeGreaterThanOrEqual(32);

			const list = page.getByRole("list", { name: "Your API keys" });
			await list.getByRole("listitem").filter({ hasText: "ci-deploy" }).filter({ hasText: "expires" }).waitFor();
			const user = await storage.findOne("user", { email: "kim@example.com" });
			const rows = await storage.findMany("apikey", { referenceId: user?.id ?? "" });
			expect(rows).toHaveLength(1);
			expect(rows[0]?.name).toBe("ci-deploy");
			expect(rows[0]?.key).not.toBe(key); // stored hashed
			expect((await sessionForKey(key))?.user.email).toBe("kim@example.com");

			// Shown once: after a reload only the list remains.
			await page.reload();
			await list.getByRole("listitem").filter({ hasText: "ci-deploy" }).waitFor();
			expect(await page.getByTestId("new-api-key").count()).toBe(0);
			expect(await page.content()).not.toContain(key);

			await list.getByRole("button", { name: "Delete ci-deploy" }).click();
			await statusShows(page, "Deleted ci-deploy");
			await list.getByRole("listitem").first().waitFor({ state: "detached" });
			expect(await storage.count("apikey", { referenceId: user?.id ?? "" })).toBe(0);
			expect(await sessionForKey(key)).toBeNull();
		});
	}, 30_000);
});
