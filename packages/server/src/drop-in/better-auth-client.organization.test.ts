import { describe, expect, test } from "bun:test";
import { createAuthClient } from "better-auth/client";
import { organizationClient } from "better-auth/client/plugins";
import { organization } from "../plugins/organization/index.ts";
import { username } from "../plugins/username/index.ts";
import { CookieJar, getTestInstance, TEST_ORIGIN, testDialects } from "../testing/index.ts";
import type { TestInstance } from "../testing/index.ts";
import type { LatchkeyOptions } from "../context/options.ts";
import { waitFor } from "./create-drop-in-client.ts";

/**
 * The drop-in proof for organizations: the published `better-auth@1.7.6` client with its
 * `organizationClient()` against a Latchkey server, unmodified: create, set-active, invite,
 * accept as a second user, list members, update a role, has-permission, leave, and the
 * `activeOrganization` atom.
 */

const PASSWORD = "password1234";

/** A Better Auth client with `organizationClient()` and its own cookie jar (one browser). */
function browser(t: TestInstance<LatchkeyOptions>) {
	const jar = new CookieJar();
	return createAuthClient({
		baseURL: TEST_ORIGIN,
		plugins: [organizationClient()],
		fetchOptions: { customFetchImpl: jar.wrap((request) => t.auth.handler(request, { ip: "127.0.0.1" }), { origin: TEST_ORIGIN }) },
	});
}

for (const dialect of await testDialects()) {
	describe(`Better Auth client: organizationClient [${dialect}]`, () => {
		test("create, set-active, invite, accept, list members, update role, has-permission, leave", async () => {
			const t = await getTestInstance(dialect, { plugins: [username(), organization()] });
			const owner = browser(t);
			const guest = browser(t);
			expect((await owner.signUp.email({ name: "Olive", email: "olive@example.com", password: PASSWORD })).error).toBeNull();
			expect((await guest.signUp.email({ name: "Gus", email: "gus@example.com", password: PASSWORD })).error).toBeNull();

			const created = await owner.organization.create({ name: "Acme", slug: "acme", metadata: { plan: "pro" } });
			expect(created.error).toBeNull();
			expect(created.data).toMatchObject({ name: "Acme", slug: "acme", metadata: { plan: "pro" }, members: [{ role: "owner" }] });
			const orgId = created.data?.id ?? "";
			expect((await owner.organization.checkSlug({ slug: "acme" })).error?.code).toBe("ORGANIZATION_SLUG_ALREADY_TAKEN");

			const active = await owner.organization.setActive({ organizationId: orgId });
			expect(active.data).toMatchObject({ id: orgId, metadata: '{"plan":"pro"}' });
			expect((await owner.getSession()).data?.session).toMatchObject({ activeOrganizationId: orgId });
			const full = await owner.organization.getFullOrganization();
			expect(full.data?.members.map((m) => m.user.email)).toEqual(["olive@example.com"]);

			const invited = await owner.organization.inviteMember({ email: "gus@example.com", role: "member" });
			expect(invited.data).toMatchObject({ email: "gus@example.com", role: "member", status: "pending" });
			const invitationId = invited.data?.id ?? "";
			expect((await guest.organization.getInvitation({ query: { id: invitationId } })).data).toMatchObject({ organizationName: "Acme", inviterEmail: "olive@example.com" });
			const accepted = await guest.organization.acceptInvitation({ invitationId });
			expect(accepted.data).toMatchObject({ invitation: { status: "accepted" }, member: { role: "member" } });
			expect((await guest.getSession()).data?.session).toMatchObject({ activeOrganizationId: orgId });

			const members = await owner.organization.listMembers({ query: { organizationId: orgId } });
			expect(members.data?.total).toBe(2);
			const gusMember = members.data?.members.find((m) => m.user.email === "gus@example.com");
			expect(gusMember?.role).toBe("member");

			expect((await guest.organization.hasPermission({ permissions: { member: ["update"] } })).data).toEqual({ error: null, success: false });
			const promoted = await owner.organization.updateMemberRole({ memberId: gusMember?.id ?? "", role: "admin" });
			expect(promoted.data).toMatchObject({ id: gusMember?.id, role: "admin" });
			expect((await guest.organization.hasPermission({ permissions: { member: ["update"] } })).data).toEqual({ error: null, success: true });
			expect((await guest.organization.getActiveMember()).data).toMatchObject({ role: "admin", user: { email: "gus@example.com" } });
			expect(guest.organization.checkRolePermission({ role: "admin", permissions: { organization: ["delete"] } })).toBe(false);

			const left = await guest.organization.leave({ organizationId: orgId });
			expect(left.data).toMatchObject({ userId: expect.any(String), role: "admin" });
			expect((await guest.getSession()).data?.session.activeOrganizationId).toBeNull();
			expect((await owner.organization.leave({ organizationId: orgId })).error?.code).toBe("YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER");
			expect((await owner.organization.list()).data?.map((o) => o.slug)).toEqual(["acme"]);
		});

		// Outside a browser the atom does not fetch on mount: `refetch()` runs the same request.
		test("the activeOrganization atom's query is null without one and follows set-active", async () => {
			const t = await getTestInstance(dialect, { plugins: [username(), organization()] });
			const client = browser(t);
			await client.signUp.email({ name: "Olive", email: "olive@example.com", password: PASSWORD });
			const atom = client.useActiveOrganization;
			const unsubscribe = atom.subscribe(() => {});
			try {
				await atom.get().refetch();
				await waitFor(() => !atom.get().isPending);
				expect(atom.get()).toMatchObject({ data: null, error: null });
				const created = await client.organization.create({ name: "Acme", slug: "acme", keepCurrentActiveOrganization: true });
				await client.organization.setActive({ organizationId: created.data?.id ?? "" });
				await atom.get().refetch();
				await waitFor(() => atom.get().data?.slug === "acme");
				expect(atom.get().data?.members).toHaveLength(1);
			} finally {
				unsubscribe();
			}
		});
	});
}
