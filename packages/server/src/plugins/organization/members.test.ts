/**
 * Members: list (paging, sorting, filtering), the active member and its role, removal,
 * role changes and leaving, with the owner/admin/member matrix and the last-owner rules
 * (spec/plugins.md §5.5 Members; SECURITY.md rule 9).
 */
import { describe, expect, test } from "bun:test";
import { testDialects } from "../../testing/index.ts";
import { orgInstance } from "./test-kit.ts";
import type { Body, OrgTestInstance, OrgUser } from "./test-kit.ts";

type MemberList = { members: (Body & { role: string; userId: string; user: Body })[]; total: number };

/** alice owner, bob admin, carol member, dave member of one organization. */
async function team(k: OrgTestInstance) {
	const [alice, bob, carol, dave] = [await k.user("alice"), await k.user("bob"), await k.user("carol"), await k.user("dave")];
	const orgId = await k.createOrg(alice, "acme");
	const ids = {
		alice: "",
		bob: await k.addMember(alice, bob, orgId, "admin"),
		carol: await k.addMember(alice, carol, orgId, "member"),
		dave: await k.addMember(alice, dave, orgId, "member"),
	};
	const full = await k.call<MemberList>(alice.client, "/organization/list-members");
	ids.alice = full.body.members.find((m) => m.userId === alice.id)?.id ?? "";
	return { alice, bob, carol, dave, orgId, ids };
}

for (const dialect of await testDialects()) {
	describe(`organization: members [${dialect}]`, () => {
		test("list-members pages, sorts and filters within the organization, with the total", async () => {
			const k = await orgInstance(dialect);
			const { alice, carol, orgId } = await team(k);
			const all = await k.call<MemberList>(carol.client, "/organization/list-members");
			expect(all.status).toBe(200);
			expect(all.body.total).toBe(4);
			expect(all.body.members.map((m) => m.user.email)).toEqual(["alice@example.com", "bob@example.com", "carol@example.com", "dave@example.com"]);
			const page = await k.call<MemberList>(carol.client, `/organization/list-members?organizationId=${orgId}&limit=2&offset=1&sortBy=role&sortDirection=desc`);
			expect(page.body.total).toBe(4);
			expect(page.body.members.map((m) => m.role)).toEqual(["member", "member"]);
			const filtered = await k.call<MemberList>(carol.client, "/organization/list-members?filterField=role&filterOperator=eq&filterValue=member");
			expect(filtered.body).toMatchObject({ total: 2 });
			const inList = await k.call<MemberList>(carol.client, "/organization/list-members?filterField=role&filterOperator=in&filterValue=owner,admin");
			expect(inList.body.total).toBe(2);
			const prefix = await k.call<MemberList>(carol.client, "/organization/list-members?filterField=role&filterOperator=starts_with&filterValue=ow");
			expect(prefix.body.members.map((m) => m.role)).toEqual(["owner"]);
			const ne = await k.call<MemberList>(carol.client, "/organization/list-members?filterField=role&filterOperator=ne&filterValue=member&organizationSlug=acme");
			expect(ne.body.total).toBe(2);
			const dated = await k.call<MemberList>(carol.client, "/organization/list-members?filterField=createdAt&filterOperator=lte&filterValue=2030-01-01T00:00:00.000Z");
			expect(dated.body.total).toBe(1);
			expect(await k.call(carol.client, "/organization/list-members?filterField=createdAt&filterValue=soon")).toMatchObject({ status: 400, body: { code: "VALIDATION_ERROR" } });
			expect(await k.call(carol.client, "/organization/list-members?filterField=role&filterOperator=not_in&filterValue=x")).toMatchObject({ status: 400, body: { code: "VALIDATION_ERROR" } });
			expect(await k.call(carol.client, "/organization/list-members?sortBy=password")).toMatchObject({ status: 400, body: { code: "VALIDATION_ERROR" } });
			// Filtering on organizationId cannot reach another organization.
			const other = await k.createOrg(alice, "other");
			const escape = await k.call<MemberList>(carol.client, `/organization/list-members?organizationId=${orgId}&filterField=organizationId&filterValue=${other}`);
			expect(escape.body.members.every((m) => m.organizationId === orgId)).toBe(true);
		});

		test("list-members errors: no active org 400, bad slug 400, non-member 403", async () => {
			const k = await orgInstance(dialect);
			const { orgId } = await team(k);
			const eve = await k.user("eve");
			expect(await k.call(eve.client, "/organization/list-members")).toMatchObject({ status: 400, body: { code: "NO_ACTIVE_ORGANIZATION" } });
			expect(await k.call(eve.client, "/organization/list-members?organizationSlug=nope")).toMatchObject({ status: 400, body: { code: "ORGANIZATION_NOT_FOUND" } });
			expect(await k.call(eve.client, `/organization/list-members?organizationId=${orgId}`)).toMatchObject({ status: 403, body: { code: "YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION" } });
		});

		test("get-active-member and get-active-member-role", async () => {
			const k = await orgInstance(dialect);
			const { alice, bob, orgId } = await team(k);
			expect(await k.call(bob.client, "/organization/get-active-member")).toMatchObject({
				status: 200,
				body: { organizationId: orgId, userId: bob.id, role: "admin", user: { id: bob.id, email: "bob@example.com", name: "bob" } },
			});
			expect((await k.call(bob.client, "/organization/get-active-member-role")).body).toEqual<unknown>({ role: "admin" });
			expect((await k.call(bob.client, `/organization/get-active-member-role?userId=${alice.id}`)).body).toEqual<unknown>({ role: "owner" });
			const eve = await k.user("eve");
			expect(await k.call(bob.client, `/organization/get-active-member-role?userId=${eve.id}`)).toMatchObject({ status: 403, body: { code: "YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION" } });
			expect(await k.call(eve.client, "/organization/get-active-member")).toMatchObject({ status: 400, body: { code: "NO_ACTIVE_ORGANIZATION" } });
			expect(await k.call(eve.client, "/organization/get-active-member-role")).toMatchObject({ status: 400, body: { code: "NO_ACTIVE_ORGANIZATION" } });
			expect(await k.call(eve.client, `/organization/get-active-member-role?organizationId=${orgId}`)).toMatchObject({ status: 403 });
			await k.call(alice.client, "/organization/remove-member", { memberIdOrEmail: "bob@example.com" });
			expect(await k.call(bob.client, "/organization/get-active-member")).toMatchObject({ status: 400, body: { code: "NO_ACTIVE_ORGANIZATION" } });
		});

		test("remove-member matrix: owner removes anyone but the last owner; admin removes admins and members; member nobody", async () => {
			const k = await orgInstance(dialect);
			const { alice, bob, carol, dave, ids } = await team(k);
			const remove = (who: OrgUser, memberIdOrEmail: string) => k.call<{ member: Body } & Body>(who.client, "/organization/remove-member", { memberIdOrEmail });
			expect(await remove(carol, ids.dave)).toMatchObject({ status: 401, body: { code: "YOU_ARE_NOT_ALLOWED_TO_DELETE_THIS_MEMBER" } });
			expect(await remove(bob, ids.alice)).toMatchObject({ status: 400, body: { code: "YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER" } });
			expect(await remove(alice, ids.alice)).toMatchObject({ status: 400, body: { code: "YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER" } });
			const removed = await remove(bob, "DAVE@example.com");
			expect(removed.status).toBe(200);
			expect(removed.body.member).toEqual({ id: ids.dave, organizationId: expect.any(String), userId: dave.id, role: "member", createdAt: expect.any(String) });
			expect(((await k.call<{ session: Body }>(dave.client, "/get-session")).body.session.activeOrganizationId)).toBeNull();
			expect(await remove(bob, ids.dave)).toMatchObject({ status: 400, body: { code: "MEMBER_NOT_FOUND" } });
			expect(await remove(bob, "nobody@example.com")).toMatchObject({ status: 400, body: { code: "MEMBER_NOT_FOUND" } });
			expect((await remove(alice, ids.bob)).status).toBe(200);
			expect(await remove(dave, ids.carol)).toMatchObject({ status: 400, body: { code: "NO_ACTIVE_ORGANIZATION" } });
			expect((await k.t.snapshot()).member).toBe(2);
		});

		test("a second owner can be removed by an owner; then the last one cannot", async () => {
			const k = await orgInstance(dialect);
			const { alice, bob, ids, orgId } = await team(k);
			await k.call(alice.client, "/organization/update-member-role", { memberId: ids.bob, role: "owner" });
			expect((await k.call(bob.client, "/organization/remove-member", { memberIdOrEmail: ids.alice, organizationId: orgId })).status).toBe(200);
			expect(await k.call(bob.client, "/organization/remove-member", { memberIdOrEmail: ids.bob })).toMatchObject({ status: 400, body: { code: "YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER" } });
		});

		test("update-member-role matrix", async () => {
			const k = await orgInstance(dialect);
			const { alice, bob, carol, ids } = await team(k);
			const update = (who: OrgUser, memberId: string, role: unknown) => k.call(who.client, "/organization/update-member-role", { memberId, role });
			// member: nothing
			expect(await update(carol, ids.dave, "admin")).toMatchObject({ status: 403, body: { code: "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER" } });
			expect(await update(carol, ids.carol, "admin")).toMatchObject({ status: 403 });
			// admin: members and admins, never owners
			expect(await update(bob, ids.carol, "admin")).toMatchObject({ status: 200, body: { id: ids.carol, role: "admin" } });
			expect(await update(bob, ids.carol, ["member", "admin"])).toMatchObject({ status: 200, body: { role: "member,admin" } });
			expect(await update(bob, ids.dave, "owner")).toMatchObject({ status: 403, body: { code: "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER" } });
			expect(await update(bob, ids.bob, "owner")).toMatchObject({ status: 403 });
			expect(await update(bob, ids.alice, "member")).toMatchObject({ status: 403 });
			// owner: anything, but not to zero owners
			expect(await update(alice, ids.alice, "admin")).toMatchObject({ status: 400, body: { code: "YOU_CANNOT_LEAVE_THE_ORGANIZATION_WITHOUT_AN_OWNER" } });
			expect(await update(alice, ids.dave, "owner")).toMatchObject({ status: 200, body: { role: "owner" } });
			expect(await update(alice, ids.alice, "admin")).toMatchObject({ status: 200, body: { role: "admin" } });
			// unknown and empty roles
			expect(await update(bob, ids.carol, "superuser")).toEqual<unknown>({ status: 400, body: { code: "ROLE_NOT_FOUND", message: "ROLE_NOT_FOUND: superuser" } });
			expect(await update(bob, ids.carol, " , ")).toMatchObject({ status: 400, body: { code: "ROLE_NOT_FOUND" } });
			expect(await update(bob, ids.carol, "")).toMatchObject({ status: 400, body: { code: "VALIDATION_ERROR" } });
			expect(await update(bob, "nope", "member")).toMatchObject({ status: 400, body: { code: "MEMBER_NOT_FOUND" } });
			const eve = await k.user("eve");
			expect(await update(eve, ids.carol, "member")).toMatchObject({ status: 400, body: { code: "NO_ACTIVE_ORGANIZATION" } });
		});

		test("with custom roles nobody grants a role holding permissions they lack", async () => {
			const { organizationAc, defaultOrganizationRoles } = await import("@latchkey/core");
			const roles = { ...defaultOrganizationRoles, manager: organizationAc.newRole({ member: ["update"], invitation: ["create"], ac: ["read"] }) };
			const k = await orgInstance(dialect, { roles });
			const { alice, carol, dave, ids } = await team(k);
			await k.call(alice.client, "/organization/update-member-role", { memberId: ids.carol, role: "manager" });
			// A manager holds member:update but not organization:update: it cannot mint admins.
			expect(await k.call(carol.client, "/organization/update-member-role", { memberId: ids.dave, role: "admin" })).toMatchObject({ status: 403 });
			expect(await k.call(carol.client, "/organization/invite-member", { email: "x@example.com", role: "admin" })).toMatchObject({ status: 403, body: { code: "YOU_ARE_NOT_ALLOWED_TO_INVITE_USER_WITH_THIS_ROLE" } });
			expect(await k.call(carol.client, "/organization/update-member-role", { memberId: ids.dave, role: "manager" })).toMatchObject({ status: 200, body: { role: "manager" } });
			expect(dave.id).toBeString();
		});

		test("leave: answers the member with its user, clears the active org; the last owner cannot leave", async () => {
			const k = await orgInstance(dialect);
			const { alice, carol, orgId } = await team(k);
			const left = await k.call<Body & { user: Body }>(carol.client, "/organization/leave", { organizationId: orgId });
			expect(left).toMatchObject({ status: 200, body: { organizationId: orgId, userId: carol.id, role: "member", user: { email: "carol@example.com" } } });
			expect(((await k.call<{ session: Body }>(carol.client, "/get-session")).body.session.activeOrganizationId)).toBeNull();
			expect(await k.call(carol.client, "/organization/leave", { organizationId: orgId })).toMatchObject({ status: 400, body: { code: "MEMBER_NOT_FOUND" } });
			expect(await k.call(alice.client, "/organization/leave", { organizationId: orgId })).toMatchObject({ status: 400, body: { code: "YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER" } });
			expect(await k.call(alice.client, "/organization/leave", {})).toMatchObject({ status: 400, body: { code: "VALIDATION_ERROR" } });
		});
	});
}
