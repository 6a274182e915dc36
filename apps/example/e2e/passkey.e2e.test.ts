/**
 * Passkeys in a real browser: Chromium's virtual authenticator (CTAP2, resident keys, user
 * verification) answers the WebAuthn ceremonies started by the example app's page through
 * `@simplewebauthn/browser`. Sign up, add a passkey, sign out, sign back in with it, delete it.
 */
import { describe, expect, test } from "bun:test";
import { browserSuite, hasChromium, withPage } from "./browser.ts";
import { openPage, signUp, signedInEmail } from "./helpers.ts";

describe.if(hasChromium())("passkeys in Chromium", () => {
	const suite = browserSuite();

	test("register a passkey, sign out, sign back in with it, then delete it", async () => {
		await withPage(suite.browser, "passkey", async (page, context) => {
			const cdp = await context.newCDPSession(page);
			await cdp.send("WebAuthn.enable");
			const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
				options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
			});

			await signUp(page, suite.running.base, { name: "Pat Passkey", email: "pat@example.com", password: "correct horse battery" });
			await openPage(page, "Passkeys");

			await page.getByLabel("Passkey name").fill("Laptop");
			await page.getByRole("button", { name: "Add a passkey" }).click();
			await page.getByRole("status").filter({ hasText: "Passkey added" }).waitFor();
			await page.getByRole("list", { name: "Your passkeys" }).getByText("Laptop").waitFor();
			const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
			expect(credentials).toHaveLength(1);
			expect(credentials[0]?.isResidentCredential).toBe(true);
			const stored = await suite.running.app.auth.$context.storage.findMany("passkey", { credentialID: credentials[0]?.credentialId.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "") ?? "" });
			expect(stored).toHaveLength(1);
			expect(stored[0]).toMatchObject({ name: "Laptop", counter: expect.any(Number) });

			await page.getByRole("button", { name: "Sign out" }).click();
			await page.getByRole("form", { name: "Sign in" }).waitFor();
			expect(await page.evaluate(() => fetch("/api/auth/get-session").then((r) => r.json()))).toBeNull();

			await page.getByRole("button", { name: "Sign in with a passkey" }).click();
			expect(await signedInEmail(page)).toBe("pat@example.com");
			const session = await page.evaluate(() => fetch("/api/auth/get-session").then((r) => r.json()));
			expect(session.user.email).toBe("pat@example.com");
			const after = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
			expect(after.credentials[0]?.signCount).toBeGreaterThan(0);

			await page.getByRole("button", { name: "Delete Laptop" }).click();
			await page.getByRole("status").filter({ hasText: "Passkey deleted" }).waitFor();
			expect(await suite.running.app.auth.$context.storage.count("passkey", { userId: session.user.id })).toBe(0);
		});
	}, 60_000);
});
