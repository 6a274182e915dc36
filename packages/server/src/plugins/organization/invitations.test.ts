/**
 * Invitations: invite (roles, duplicates, resend, re-invite, limits, mail), get, list,
 * list for the user, accept, reject and cancel; expiry with a manual clock; the
 * owner/admin/member matrix for inviting and cancelling (spec/plugins.md §5.5 Invitations).
 */
import { describe, expect, test } from "bun:test";
import { testDialects } from "../../testing/index.ts";
import { orgInstance } from "./test-kit.ts";
import type { Body, OrgTestInstance, OrgUser } from "./test-kit.ts";

type Invitation = Body & { email: string; role: string; status: string; expiresAt: string; organizationId: string };

async function setup(k: OrgTestInstance) {
	const [alice, bob, carol] = [await k.user("alice"), await k.user("bob"), await k.user("carol")];
	const orgId = await k.createOrg(alice, "acme");
	await k.addMember(alice, bob, orgId, "admin");
	await k.addMember(alice, carol, orgId, "member");
	return { alice, bob, carol, orgId };
}

function invite(k: OrgTestInstance, who: OrgUser, body: Record<string, unknown>) {
	return k.call<Invitation>(who.client, "/organization/invite-member", body);
}

/** Marks a user's email verified directly in storage. */
async function verify(k: OrgTestInstance, user: OrgUser): Promise<void> {
	await k.t.auth.$context.storage.update("user", { id: user.id }, { emailVerified: true });
}

for (const dialect of await testDialects()) {
	describe(`organization: invitations [${dialect}]`, () => {
		test("invite-member stores a lowercased, comma-joined, 48 h pending invitation and mails it", async () => {
			const k = await orgInstance(dialect);
			const { alice, orgId } = await setup(k);
			const res = await invite(k, alice, { email: "Dan@Example.com", role: ["admin", "member"] });
			expect(res.status).toBe(200);
			expect(res.body).toEqual({
				id: expect.any(String),
				organizationId: orgId,
				email: "dan@example.com",
				role: "admin,member",
				status: "pending",
				expiresAt: new Date(k.clock.now().getTime() + 48 * 3600 * 1000).toISOString(),
				createdAt: k.clock.now().toISOString(),
				inviterId: alice.id,
			});
			const mail = k.mails.at(-1);
			expect(mail).toMatchObject({ id: res.body.id, email: "dan@example.com", role: "admin,member", organization: { id: orgId, slug: "acme" }, inviter: { userId: alice.id, user: { email: "alice@example.com" } } });
		});

		test("invite matrix: owner any role; admin not owner; member nobody", async () => {
			const k = await orgInstance(dialect);
			const { alice, bob, carol } = await setup(k);
			expect((await invite(k, alice, { email: "o@example.com", role: "owner" })).status).toBe(200);
			expect((await invite(k, bob, { email: "a@example.com", role: "admin" })).status).toBe(200);
			expect(await invite(k, bob, { email: "o2@example.com", role: "owner" })).toMatchObject({ status: 403, body: { code: "YOU_ARE_NOT_ALLOWED_TO_INVITE_USER_WITH_THIS_ROLE" } });
			expect(await invite(k, bob, { email: "o3@example.com", role: "member,owner" })).toMatchObject({ status: 403 });
			expect(await invite(k, carol, { email: "m@example.com", role: "member" })).toMatchObject({ status: 403, body: { code: "YOU_ARE_NOT_ALLOWED_TO_INVITE_USERS_TO_THIS_ORGANIZATION" } });
		});

		test("invite errors: bad email, unknown role, member already, pending already, no org, outsider", async () => {
			const k = await orgInstance(dialect);
			const { alice, orgId } = await setup(k);
			const before = await k.t.snapshot();
			expect(await invite(k, alice, { email: "not-an-email", role: "member" })).toMatchObject({ status: 400, body: { code: "INVALID_EMAIL" } });
			expect(await invite(k, alice, { email: "x@example.com", role: "wizard" })).toEqual<unknown>({ status: 400, body: { code: "ROLE_NOT_FOUND", message: "ROLE_NOT_FOUND: wizard" } });
			expect(await invite(k, alice, { email: "x@example.com", role: "," })).toMatchObject({ status: 400, body: { code: "ROLE_NOT_FOUND" } });
			expect(await invite(k, alice, { email: "BOB@example.com", role: "member" })).toMatchObject({ status: 400, body: { code: "USER_IS_ALREADY_A_MEMBER_OF_THIS_ORGANIZATION" } });
			expect(await k.t.snapshot()).toEqual(before);
			expect((await invite(k, alice, { email: "x@example.com", role: "member" })).status).toBe(200);
			expect(await invite(k, alice, { email: "X@example.com", role: "member" })).toMatchObject({ status: 400, body: { code: "USER_IS_ALREADY_INVITED_TO_THIS_ORGANIZATION" } });
			const eve = await k.user("eve");
			expect(await invite(k, eve, { email: "y@example.com", role: "member" })).toMatchObject({ status: 400, body: { code: "ORGANIZATION_NOT_FOUND" } });
			expect(await invite(k, eve, { email: "y@example.com", role: "member", organizationId: orgId })).toMatchObject({ status: 400, body: { code: "MEMBER_NOT_FOUND" } });
		});

		test("resend extends the same invitation and mails again; cancelPendingInvitationsOnReInvite replaces it", async () => {
			const k = await orgInstance(dialect);
			const { alice } = await setup(k);
			const first = await invite(k, alice, { email: "dan@example.com", role: "member" });
			k.clock.advance(3600);
			const again = await invite(k, alice, { email: "dan@example.com", role: "member", resend: true });
			expect(again.body.id).toBe(first.body.id);
			expect(Date.parse(again.body.expiresAt) - Date.parse(first.body.expiresAt)).toBe(3600 * 1000);
			expect(k.mails.filter((m) => m.email === "dan@example.com")).toHaveLength(2);

			const k2 = await orgInstance(dialect, { cancelPendingInvitationsOnReInvite: true });
			const s2 = await setup(k2);
			const old = await invite(k2, s2.alice, { email: "dan@example.com", role: "member" });
			const fresh = await invite(k2, s2.alice, { email: "dan@example.com", role: "admin" });
			expect(fresh.body.id).not.toBe(old.body.id);
			const all = await k2.call<Invitation[]>(s2.alice.client, "/organization/list-invitations");
			expect(all.body.filter((i) => i.email === "dan@example.com").map((i) => i.status)).toEqual(["canceled", "pending"]);
		});

		test("invitationLimit counts pending, unexpired invitations", async () => {
			const k = await orgInstance(dialect, { invitationLimit: 1, invitationExpiresIn: 60 });
			const { alice } = await setup(k);
			expect((await invite(k, alice, { email: "a1@example.com", role: "member" })).status).toBe(200);
			expect(await invite(k, alice, { email: "a2@example.com", role: "member" })).toMatchObject({ status: 403, body: { code: "INVITATION_LIMIT_REACHED" } });
			k.clock.advance(61);
			expect((await invite(k, alice, { email: "a2@example.com", role: "member" })).status).toBe(200);
		});

		test("get-invitation: recipient only, with organization and inviter; gone once answered or expired", async () => {
			const k = await orgInstance(dialect);
			const { alice, bob, orgId } = await setup(k);
			const dan = await k.user("dan");
			const { body } = await invite(k, bob, { email: "DAN@example.com", role: "member" });
			expect(await k.call(dan.client, `/organization/get-invitation?id=${body.id}`)).toMatchObject({
				status: 200,
				body: { id: body.id, organizationId: orgId, organizationName: "Org acme", organizationSlug: "acme", inviterEmail: "bob@example.com", status: "pending" },
			});
			expect(await k.call(alice.client, `/organization/get-invitation?id=${body.id}`)).toMatchObject({ status: 403, body: { code: "YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION" } });
			expect(await k.call(dan.client, "/organization/get-invitation?id=nope")).toMatchObject({ status: 400, body: { code: "INVITATION_NOT_FOUND" } });
			expect(await k.call(dan.client, "/organization/get-invitation")).toMatchObject({ status: 400, body: { code: "VALIDATION_ERROR" } });
			// The inviter leaves: the invitation no longer vouches for anyone.
			await k.call(alice.client, "/organization/remove-member", { memberIdOrEmail: "bob@example.com" });
			expect(await k.call(dan.client, `/organization/get-invitation?id=${body.id}`)).toMatchObject({ status: 400, body: { code: "INVITER_IS_NO_LONGER_A_MEMBER_OF_THE_ORGANIZATION" } });
			const other = await invite(k, alice, { email: "dan@example.com", role: "member", resend: true });
			k.clock.advance(48 * 3600 + 1);
			expect(await k.call(dan.client, `/organization/get-invitation?id=${other.body.id}`)).toMatchObject({ status: 400, body: { code: "INVITATION_NOT_FOUND" } });
		});

		test("list-invitations: inviters only; owner invitations hidden from non-owners", async () => {
			const k = await orgInstance(dialect);
			const { alice, bob, carol, orgId } = await setup(k);
			await invite(k, alice, { email: "o@example.com", role: "owner" });
			const emails = async (who: OrgUser, query = "") => (await k.call<Invitation[]>(who.client, `/organization/list-invitations${query}`)).body.map((i) => i.email);
			expect(await emails(alice)).toEqual(["bob@example.com", "carol@example.com", "o@example.com"]);
			expect(await emails(bob, `?organizationId=${orgId}`)).toEqual(["bob@example.com", "carol@example.com"]);
			expect(await k.call(carol.client, "/organization/list-invitations")).toMatchObject({ status: 403, body: { code: "YOU_ARE_NOT_ALLOWED_TO_LIST_INVITATIONS" } });
			const eve = await k.user("eve");
			expect(await k.call(eve.client, "/organization/list-invitations")).toEqual<unknown>({ status: 400, body: { code: "ORGANIZATION_ID_REQUIRED", message: "Organization ID is required" } });
			expect(await k.call(eve.client, `/organization/list-invitations?organizationId=${orgId}`)).toMatchObject({ status: 403, body: { code: "YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION" } });
		});

		test("list-user-invitations: verified email only, pending and unexpired, with the organization name", async () => {
			const k = await orgInstance(dialect, { invitationExpiresIn: 100 });
			const { alice } = await setup(k);
			const dan = await k.user("dan");
			await invite(k, alice, { email: "dan@example.com", role: "member" });
			expect(await k.call(dan.client, "/organization/list-user-invitations")).toMatchObject({ status: 403, body: { code: "EMAIL_VERIFICATION_REQUIRED_FOR_INVITATION" } });
			await verify(k, dan);
			const list = await k.call<Invitation[]>(dan.client, "/organization/list-user-invitations");
			expect(list.body).toEqual([expect.objectContaining({ email: "dan@example.com", organizationName: "Org acme", status: "pending" })]);
			expect(await k.call(dan.client, "/organization/list-user-invitations?email=alice@example.com")).toMatchObject({ status: 400, body: { code: "EMAIL_QUERY_NOT_ALLOWED" } });
			expect((await k.call(k.t.client(), "/organization/list-user-invitations")).status).toBe(401);
			// Server side, an email may be named without a session.
			const api = k.t.auth.api as unknown as { listUserInvitations(input: { query: { email: string } }): Promise<Invitation[]> };
			expect(await api.listUserInvitations({ query: { email: "DAN@example.com" } })).toHaveLength(1);
			k.clock.advance(101);
			expect((await k.call(dan.client, "/organization/list-user-invitations")).body).toEqual<unknown>([]);
		});

		test("accept: creates the member with the invited role, makes the org active, answers both; only once", async () => {
			const k = await orgInstance(dialect);
			const { alice, orgId } = await setup(k);
			const dan = await k.user("dan");
			const { body } = await invite(k, alice, { email: "dan@example.com", role: "admin" });
			const accepted = await k.call<{ invitation: Invitation; member: Body }>(dan.client, "/organization/accept-invitation", { invitationId: body.id });
			expect(accepted.status).toBe(200);
			expect(accepted.body.invitation).toMatchObject({ id: body.id, status: "accepted" });
			expect(accepted.body.member).toEqual({ id: expect.any(String), organizationId: orgId, userId: dan.id, role: "admin", createdAt: expect.any(String) });
			expect(((await k.call<{ session: Body }>(dan.client, "/get-session")).body.session.activeOrganizationId)).toBe(orgId);
			expect(await k.call(dan.client, "/organization/accept-invitation", { invitationId: body.id })).toMatchObject({ status: 400, body: { code: "INVITATION_NOT_FOUND" } });
			expect(await k.call(dan.client, "/organization/reject-invitation", { invitationId: body.id })).toEqual<unknown>({ status: 400, body: { code: "INVITATION_NOT_FOUND", message: "Invitation not found" } });
		});

		test("accept errors: not the recipient, expired, membership limit, unverified when required", async () => {
			const k = await orgInstance(dialect, { membershipLimit: 3 });
			const { alice } = await setup(k);
			const [dan, eve] = [await k.user("dan"), await k.user("eve")];
			const { body } = await invite(k, alice, { email: "dan@example.com", role: "member" });
			const before = await k.t.snapshot();
			expect(await k.call(eve.client, "/organization/accept-invitation", { invitationId: body.id })).toMatchObject({ status: 403, body: { code: "YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION" } });
			expect(await k.call(eve.client, "/organization/reject-invitation", { invitationId: body.id })).toMatchObject({ status: 403 });
			expect(await k.call(dan.client, "/organization/accept-invitation", { invitationId: body.id })).toMatchObject({ status: 403, body: { code: "ORGANIZATION_MEMBERSHIP_LIMIT_REACHED" } });
			expect(await k.t.snapshot()).toEqual(before);
			expect((await k.call<Invitation[]>(alice.client, "/organization/list-invitations")).body.at(-1)?.status).toBe("pending");
			k.clock.advance(48 * 3600 + 1);
			expect(await k.call(dan.client, "/organization/accept-invitation", { invitationId: body.id })).toMatchObject({ status: 400, body: { code: "INVITATION_NOT_FOUND" } });

			const strict = await orgInstance(dialect, { requireEmailVerificationOnInvitation: true });
			const s = await strict.user("alice");
			await strict.createOrg(s, "acme");
			const fred = await strict.user("fred");
			const inv = await invite(strict, s, { email: "fred@example.com", role: "member" });
			expect(await strict.call(fred.client, "/organization/get-invitation?id=" + inv.body.id)).toMatchObject({ status: 403, body: { code: "EMAIL_VERIFICATION_REQUIRED_FOR_INVITATION" } });
			expect(await strict.call(fred.client, "/organization/accept-invitation", { invitationId: inv.body.id })).toMatchObject({ status: 403, body: { code: "EMAIL_VERIFICATION_REQUIRED_BEFORE_ACCEPTING_OR_REJECTING_INVITATION" } });
			await verify(strict, fred);
			expect((await strict.call(fred.client, "/organization/accept-invitation", { invitationId: inv.body.id })).status).toBe(200);
		});

		test("reject: answers { invitation, member: null } and adds nobody", async () => {
			const k = await orgInstance(dialect);
			const { alice } = await setup(k);
			const dan = await k.user("dan");
			const { body } = await invite(k, alice, { email: "dan@example.com", role: "member" });
			const before = await k.t.snapshot();
			const res = await k.call<{ invitation: Invitation; member: null }>(dan.client, "/organization/reject-invitation", { invitationId: body.id });
			expect(res).toMatchObject({ status: 200, body: { invitation: { id: body.id, status: "rejected" }, member: null } });
			expect(await k.t.snapshot()).toEqual(before);
			expect(await k.call(dan.client, "/organization/accept-invitation", { invitationId: body.id })).toMatchObject({ status: 400, body: { code: "INVITATION_NOT_FOUND" } });
		});

		test("cancel matrix: owner any; admin not owner invitations; member none; answered invitations stay", async () => {
			const k = await orgInstance(dialect);
			const { alice, bob, carol } = await setup(k);
			const ownerInv = (await invite(k, alice, { email: "o@example.com", role: "owner" })).body.id;
			const memberInv = (await invite(k, alice, { email: "m@example.com", role: "member" })).body.id;
			const cancel = (who: OrgUser, invitationId: string) => k.call<Invitation>(who.client, "/organization/cancel-invitation", { invitationId });
			expect(await cancel(carol, memberInv)).toMatchObject({ status: 403, body: { code: "YOU_ARE_NOT_ALLOWED_TO_CANCEL_THIS_INVITATION" } });
			expect(await cancel(bob, ownerInv)).toMatchObject({ status: 403, body: { code: "YOU_ARE_NOT_ALLOWED_TO_CANCEL_THIS_INVITATION" } });
			expect(await cancel(bob, memberInv)).toMatchObject({ status: 200, body: { id: memberInv, status: "canceled" } });
			expect(await cancel(alice, memberInv)).toMatchObject({ status: 400, body: { code: "INVITATION_NOT_FOUND" } });
			expect((await cancel(alice, ownerInv)).body.status).toBe("canceled");
			expect(await cancel(alice, "nope")).toMatchObject({ status: 400, body: { code: "INVITATION_NOT_FOUND" } });
			const m = await k.user("m");
			expect(await k.call(m.client, "/organization/accept-invitation", { invitationId: memberInv })).toMatchObject({ status: 400, body: { code: "INVITATION_NOT_FOUND" } });
		});
	});
}
