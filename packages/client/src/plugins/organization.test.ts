import { beforeEach, describe, expect, test } from "bun:test";
import { organizationAc, organizationRoutes } from "@latchkey/core";
import { organization, username } from "@latchkey/server";
import { getTestInstance } from "@latchkey/server/testing";
import { createInProcessClient, waitForValue } from "../testing/in-process.ts";
import { ORGANIZATION_ROUTE_METHODS, organizationClient } from "./organization.ts";

let instance: Awaited<ReturnType<typeof getTestInstance>>;
beforeEach(async () => {
	instance = await getTestInstance("sqlite", { plugins: [username(), organization()] });
});

test("the zod-free runtime table matches the organization contracts exactly", () => {
	const fromContracts = Object.fromEntries(Object.entries(organizationRoutes).map(([key, c]) => [key, { name: c.name, method: c.method, path: c.path }]));
	expect(ORGANIZATION_ROUTE_METHODS as unknown).toEqual(fromContracts);
});

describe("organizationClient against the real server", () => {
	test("routes go out with their methods and typed results; errors carry the plugin's codes", async () => {
		const { client, requests } = createInProcessClient(instance, { plugins: [organizationClient()] });
		await client.signUp.email({ name: "Olive", email: "olive@example.com", password: "password1234" });
		const full = await client.organization.getFullOrganization();
		expect(full).toEqual({ data: null, error: null });
		const created = await client.organization.create({ name: "Acme", slug: "acme", metadata: { plan: "pro" } });
		expect(created.data?.metadata).toEqual({ plan: "pro" });
		expect(created.data?.members[0]?.role).toBe("owner");
		const taken = await client.organization.checkSlug({ slug: "acme" });
		expect(taken.error).toMatchObject({ status: 400, code: "ORGANIZATION_SLUG_ALREADY_TAKEN" });
		const members = await client.organization.listMembers({ query: { limit: 10 } });
		expect(members.data?.total).toBe(1);
		const invited = await client.organization.inviteMember({ email: "gus@example.com", role: ["admin"] });
		expect(invited.data?.role).toBe("admin");
		const list = await client.organization.listInvitations();
		expect(list.data?.map((i) => i.email)).toEqual(["gus@example.com"]);
		const canceled = await client.organization.cancelInvitation({ invitationId: invited.data?.id ?? "" });
		expect(canceled.data?.status).toBe("canceled");
		expect((await client.organization.getActiveMemberRole()).data).toEqual({ role: "owner" });
		expect((await client.organization.hasPermission({ permissions: { organization: ["delete"] } })).data).toEqual({ error: null, success: true });
		// No store is subscribed, so the session refetch after create sends nothing.
		expect(requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
			"POST /api/auth/sign-up/email",
			"GET /api/auth/organization/get-full-organization",
			"POST /api/auth/organization/create",
			"POST /api/auth/organization/check-slug",
			"GET /api/auth/organization/list-members",
			"POST /api/auth/organization/invite-member",
			"GET /api/auth/organization/list-invitations",
			"POST /api/auth/organization/cancel-invitation",
			"GET /api/auth/organization/get-active-member-role",
			"POST /api/auth/organization/has-permission",
		]);
		expect(client.$ERROR_CODES.ORGANIZATION_NOT_FOUND).toEqual({ code: "ORGANIZATION_NOT_FOUND", message: "Organization not found" });
	});

	test("create, set-active and delete refetch the session store", async () => {
		const { client } = createInProcessClient(instance, { plugins: [organizationClient()] });
		await client.signUp.email({ name: "Olive", email: "olive@example.com", password: "password1234" });
		const unsubscribe = client.$session.listen(() => {});
		try {
			const created = await client.organization.create({ name: "Acme", slug: "acme" });
			const orgId = created.data?.id ?? "";
			await waitForValue(client.$session, (s) => s.data?.session.activeOrganizationId === orgId);
			await client.organization.setActive({ organizationId: null });
			await waitForValue(client.$session, (s) => s.data?.session.activeOrganizationId === null);
			await client.organization.setActive({ organizationSlug: "acme" });
			await waitForValue(client.$session, (s) => s.data?.session.activeOrganizationId === orgId);
			await client.organization.delete({ organizationId: orgId });
			const state = await waitForValue(client.$session, (s) => s.data?.session.activeOrganizationId === null);
			expect(state.data?.user.email).toBe("olive@example.com");
		} finally {
			unsubscribe();
		}
	});

	test("checkRolePermission answers from the role table without a request", async () => {
		const auditor = organizationAc.newRole({ ac: ["read"] });
		const { client, requests } = createInProcessClient(instance, { plugins: [organizationClient({ roles: { auditor } })] });
		expect(client.organization.checkRolePermission({ role: "auditor", permissions: { ac: ["read"] } })).toBe(true);
		expect(client.organization.checkRolePermission({ role: "auditor", permissions: { member: ["delete"] } })).toBe(false);
		const defaults = createInProcessClient(instance, { plugins: [organizationClient()] }).client;
		expect(defaults.organization.checkRolePermission({ role: "member,admin", permissions: { member: ["delete"] } })).toBe(true);
		expect(defaults.organization.checkRolePermission({ role: "admin", permissions: { organization: ["delete"] } })).toBe(false);
		expect(requests).toHaveLength(0);
	});
});
