/**
 * Removing people from an organization in Chromium, with two browsers: the owner removes a
 * member (who then no longer sees or reads the organization), invites them again and cancels
 * that invitation while it is open in the invitee's browser: "Accept" is then refused, and the
 * link no longer opens.
 */
import { describe, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { browserSuite, hasChromium, withPage } from "./browser.ts";
import { alertShows, followOutboxLink, openPage, signUp, signedInEmail, statusShows } from "./helpers.ts";

const OWNER = { name: "Owen Owner", email: "owen@example.com", password: "owen password 1" };
const CAROL = { name: "Carol", email: "carol@example.com", password: "carol password 1" };

/** Fills the invite form for `email` as a member and waits for it in the pending list. */
async function inviteMember(owner: Page, email: string): Promise<void> {
	const invite = owner.getByRole("form", { name: "Invite member" });
	await invite.getByLabel("Invitee email").fill(email);
	await invite.getByLabel("Invitee role").selectOption("member");
	await invite.getByRole("button", { name: "Send invitation" }).click();
	await statusShows(owner, `Invitation sent to ${email}`);
	await owner.getByRole("list", { name: "Pending invitations" }).getByText(`${email} (member)`).waitFor();
}

/** What the server answers the browser for `GET /organization/get-full-organization` of `organizationId`. */
function fullOrganizationStatus(page: Page, organizationId: string): Promise<number> {
	return page.evaluate((id) => fetch(`/api/auth/organization/get-full-organization?organizationId=${encodeURIComponent(id)}`).then((r) => r.status), organizationId);
}

describe.if(hasChromium())("organization members in Chromium", () => {
	const suite = browserSuite();

	test("remove a member, then cancel a pending invitation the invitee has open", async () => {
		const storage = suite.running.app.auth.$context.storage;
		await withPage(suite.browser, "organization-members-owner", async (owner) => {
			await signUp(owner, suite.running.base, OWNER);
			await openPage(owner, "Organizations");
			const create = owner.getByRole("form", { name: "Create organization" });
			await create.getByLabel("Organization name").fill("Acme");
			await create.getByRole("button", { name: "Create organization" }).click();
			await owner.getByTestId("active-organization").filter({ hasText: "Acme" }).waitFor();
			const acmeId = (await storage.findOne("organization", { name: "Acme" }))?.id ?? "";
			await inviteMember(owner, CAROL.email);

			await withPage(suite.browser, "organization-members-carol", async (carol) => {
				await signUp(carol, suite.running.base, CAROL);
				await followOutboxLink(carol, suite.running.base, "verification", CAROL.email);
				expect(await signedInEmail(carol)).toBe(CAROL.email);
				await followOutboxLink(carol, suite.running.base, "organization-invitation", CAROL.email);
				const banner = carol.getByRole("region", { name: "Invitation" });
				await banner.getByRole("button", { name: "Accept invitation" }).click();
				await statusShows(banner, "You joined Acme");
				const carolId = (await storage.findOne("user", { email: CAROL.email }))?.id ?? "";
				expect(await storage.findOne("member", { organizationId: acmeId, userId: carolId })).toMatchObject({ role: "member" });
				expect(await fullOrganizationStatus(carol, acmeId)).toBe(200);

				// 1. The owner removes Carol.
				await owner.reload();
				const members = owner.getByRole("table", { name: "Members" });
				const carolRow = members.getByRole("row").filter({ hasText: CAROL.email });
				await carolRow.getByRole("button", { name: `Remove ${CAROL.email}` }).click();
				await statusShows(owner, `Removed ${CAROL.email}`);
				await carolRow.waitFor({ state: "detached" });
				await members.getByRole("row").filter({ hasText: OWNER.email }).waitFor();
				expect(await storage.findOne("member", { organizationId: acmeId, userId: carolId })).toBeNull();

				await carol.goto(`${suite.running.base}/#/organizations`);
				await carol.getByTestId("active-organization").filter({ hasText: "none" }).waitFor();
				expect(await carol.getByRole("list", { name: "Your organizations" }).getByRole("listitem").count()).toBe(0);
				expect(await fullOrganizationStatus(carol, acmeId)).not.toBe(200);

				// 2. Invited again; the owner cancels while Carol has the invitation open.
				await inviteMember(owner, CAROL.email);
				await followOutboxLink(carol, suite.running.base, "organization-invitation", CAROL.email);
				await banner.getByText(`${OWNER.email} invites you to join Acme as member.`).waitFor();
				const invitationId = new URL(carol.url()).searchParams.get("invitation") ?? "";

				await owner.getByRole("button", { name: `Cancel invitation to ${CAROL.email}` }).click();
				await statusShows(owner, "Invitation canceled");
				await owner.getByRole("list", { name: "Pending invitations" }).getByRole("listitem").first().waitFor({ state: "detached" });
				expect(await storage.findOne("invitation", { id: invitationId })).toMatchObject({ status: "canceled" });

				await banner.getByRole("button", { name: "Accept invitation" }).click();
				await alertShows(banner, /invitation/i);
				expect(await storage.findOne("member", { organizationId: acmeId, userId: carolId })).toBeNull();
				expect(await storage.findOne("invitation", { id: invitationId })).toMatchObject({ status: "canceled" });

				// Opening the link again: it no longer offers to join.
				await carol.reload();
				await alertShows(carol, /invitation/i);
				expect(await carol.getByRole("button", { name: "Accept invitation" }).count()).toBe(0);
			});
		});
	}, 45_000);
});
