/**
 * Organizations in Chromium with two people: the owner creates two organizations and switches
 * between them, invites a colleague by email; the colleague (second browser) signs up,
 * verifies the address, opens the invitation from the outbox and accepts; the owner sees the
 * new member and makes them admin.
 */
import { describe, expect, test } from "bun:test";
import { browserSuite, hasChromium, withPage } from "./browser.ts";
import { browserSession, followOutboxLink, openPage, signUp, signedInEmail, statusShows } from "./helpers.ts";

describe.if(hasChromium())("organizations in Chromium", () => {
	const suite = browserSuite();

	test("create, switch, invite, accept as a second user, change the member's role", async () => {
		const storage = suite.running.app.auth.$context.storage;
		await withPage(suite.browser, "organization-owner", async (owner) => {
			await signUp(owner, suite.running.base, { name: "Olive Owner", email: "olive@example.com", password: "olive password 1" });
			await openPage(owner, "Organizations");
			const create = owner.getByRole("form", { name: "Create organization" });
			for (const name of ["Acme", "Beta"]) {
				await create.getByLabel("Organization name").fill(name);
				await create.getByRole("button", { name: "Create organization" }).click();
				await statusShows(owner, `Created ${name}`);
				await owner.getByTestId("active-organization").filter({ hasText: name }).waitFor();
			}
			await owner.getByRole("button", { name: "Switch to Acme" }).click();
			await owner.getByTestId("active-organization").filter({ hasText: "Acme" }).waitFor();
			const acme = await storage.findOne("organization", { name: "Acme" });
			const ownerSession = await browserSession(owner);
			expect(await storage.findOne("session", { id: ownerSession?.session.id ?? "" })).toMatchObject({ activeOrganizationId: acme?.id });

			const members = owner.getByRole("table", { name: "Members" });
			await members.getByRole("row").filter({ hasText: "olive@example.com" }).filter({ hasText: "owner" }).waitFor();
			const invite = owner.getByRole("form", { name: "Invite member" });
			await invite.getByLabel("Invitee email").fill("bob@example.com");
			await invite.getByLabel("Invitee role").selectOption("member");
			await invite.getByRole("button", { name: "Send invitation" }).click();
			await statusShows(owner, "Invitation sent to bob@example.com");
			await owner.getByRole("list", { name: "Pending invitations" }).getByText("bob@example.com (member)").waitFor();

			await withPage(suite.browser, "organization-invitee", async (invitee) => {
				await signUp(invitee, suite.running.base, { name: "Bob", email: "bob@example.com", password: "bob password 1" });
				// Accepting needs the invited address verified (SECURITY.md rule 9).
				await followOutboxLink(invitee, suite.running.base, "verification", "bob@example.com");
				expect(await signedInEmail(invitee)).toBe("bob@example.com");
				await followOutboxLink(invitee, suite.running.base, "organization-invitation", "bob@example.com");
				const banner = invitee.getByRole("region", { name: "Invitation" });
				await banner.getByText("olive@example.com invites you to join Acme as member.").waitFor();
				await banner.getByRole("button", { name: "Accept invitation" }).click();
				await statusShows(banner, "You joined Acme");
				await openPage(invitee, "Organizations");
				await invitee.getByRole("list", { name: "Your organizations" }).getByText("Acme").waitFor();
			});
			const bob = await storage.findOne("user", { email: "bob@example.com" });
			expect(await storage.findOne("member", { organizationId: acme?.id ?? "", userId: bob?.id ?? "" })).toMatchObject({ role: "member" });

			await owner.reload();
			const bobRow = members.getByRole("row").filter({ hasText: "bob@example.com" });
			await bobRow.getByTestId("member-role").filter({ hasText: "member" }).waitFor();
			await bobRow.getByLabel("Role of bob@example.com").selectOption("admin");
			await statusShows(owner, "Role changed to admin");
			await bobRow.getByTestId("member-role").filter({ hasText: "admin" }).waitFor();
			expect(await storage.findOne("member", { organizationId: acme?.id ?? "", userId: bob?.id ?? "" })).toMatchObject({ role: "admin" });
			expect(await owner.getByRole("list", { name: "Pending invitations" }).getByRole("listitem").count()).toBe(0);
		});
	}, 45_000);
});
