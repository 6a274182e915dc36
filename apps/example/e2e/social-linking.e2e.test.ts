/**
 * Linking a provider account to an existing password account in Chromium (SECURITY.md rule 4:
 * only when both sides have verified the address). Vera signs up with a password and does not
 * verify: "Continue with Acme" (whose account has the same, provider-verified address) comes
 * back to the sign-in page with a readable refusal and nothing linked. Once she verifies her
 * address from the outbox, the same provider sign-in (in a fresh browser) lands in her
 * existing account, now linked.
 */
import { describe, expect, test } from "bun:test";
import { hasChromium, withPage } from "./browser.ts";
import { alertShows, browserSession, followOutboxLink, signOut, signUp, signedInEmail } from "./helpers.ts";
import { OIDC_ID, continueWithProvider, logInAtProvider, offline, oidcSuite } from "./oidc.ts";

const VERA = { name: "Vera", email: "vera@example.com", password: "vera password 1" };

describe.if(hasChromium())("social account linking in Chromium", () => {
	const suite = oidcSuite({ vera: { email: VERA.email, email_verified: true, name: "Vera at Acme" } });
	const storage = () => suite.running.app.auth.$context.storage;

	test("refused while the local address is unverified, linked once it is verified", async () => {
		let userId = "";
		await withPage(suite.browser, "social-linking", async (page, context) => {
			await offline(context);
			await signUp(page, suite.running.base, VERA);
			userId = (await storage().findOne("user", { email: VERA.email }))?.id ?? "";
			await signOut(page);

			await continueWithProvider(page, suite.provider.issuer);
			await logInAtProvider(page, "vera");
			await page.getByRole("button", { name: "Continue" }).click();
			await alertShows(page, "An account with this email already exists");
			expect(new URL(page.url()).searchParams.has("error")).toBe(false);
			expect(await browserSession(page)).toBeNull();
			// Nothing was linked, to Vera or to anyone.
			expect(await storage().findOne("account", { providerId: OIDC_ID, accountId: "vera" })).toBeNull();

			// Verifying the address (the link signs this browser in), then signing out.
			await followOutboxLink(page, suite.running.base, "verification", VERA.email);
			expect(await signedInEmail(page)).toBe(VERA.email);
			expect((await storage().findOne("user", { id: userId }))?.emailVerified).toBe(true);
			await signOut(page);
		});

		await withPage(suite.browser, "social-linking-again", async (page, context) => {
			await offline(context);
			await page.goto(suite.running.base);
			await continueWithProvider(page, suite.provider.issuer);
			await logInAtProvider(page, "vera");
			await page.getByRole("button", { name: "Continue" }).click();
			expect(await signedInEmail(page)).toBe(VERA.email);
			expect((await browserSession(page))?.user.id).toBe(userId);
			expect(await storage().findOne("account", { userId, providerId: OIDC_ID })).toMatchObject({ accountId: "vera" });
			// Her password still works alongside: the same user has both accounts.
			expect(await storage().count("account", { userId })).toBe(2);
			expect(await storage().findOne("account", { userId, providerId: "credential" })).not.toBeNull();
		});
	}, 45_000);
});
