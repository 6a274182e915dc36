/**
 * Attacks on the organization feature.
 *
 * - Cross-organization access: a member (even an owner) of organization A sends ids of
 *   organization B's members, invitations or the organization itself, hoping a route checks
 *   "is a member somewhere" instead of "is a member of the target". Every route must answer
 *   the spec's not-found/forbidden code and change nothing.
 * - Races: twenty parallel accepts of one invitation must give one member row and one
 *   success; twenty parallel creates with one slug one organization; two owners removing each
 *   other at once must not leave the organization without an owner (SECURITY.md rule 1).
 * - Hostile input: wrong types, missing fields, oversized or control-character strings,
 *   bad slugs, huge metadata → a 4xx `{ code, message }` and nothing written (rule 17).
 * - No session: every route answers 401.
 */
import { describe, expect, test } from "bun:test";
import { organizationRoutes } from "@latchkey/core";
import { testDialects } from "../../testing/index.ts";
import { orgInstance } from "./test-kit.ts";
import type { Body, OrgTestInstance } from "./test-kit.ts";

/** Two organizations: alice owns A (bob admin there), mallory owns B (victor member there). */
async function twoOrgs(k: OrgTestInstance) {
	const [alice, bob, mallory, victor] = [await k.user("alice"), await k.user("bob"), await k.user("mallory"), await k.user("victor")];
	const orgA = await k.createOrg(alice, "org-a");
	const bobMember = await k.addMember(alice, bob, orgA, "admin");
	const orgB = await k.createOrg(mallory, "org-b");
	const victorMember = await k.addMember(mallory, victor, orgB, "member");
	const inviteB = await k.call(mallory.client, "/organization/invite-member", { email: "zed@example.com", role: "member" });
	return { alice, bob, mallory, victor, orgA, orgB, bobMember, victorMember, invitationB: inviteB.body.id };
}

for (const dialect of await testDialects()) {
	describe(`organization security [${dialect}]`, () => {
		test("an owner of A can do nothing in B, whatever ids it sends", async () => {
			const k = await orgInstance(dialect);
			const s = await twoOrgs(k);
			const before = await k.t.snapshot();
			const attacker = s.alice.client;
			const reads: [string, number, string][] = [
				[`/organization/get-full-organization?organizationId=${s.orgB}`, 403, "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION"],
				["/organization/get-full-organization?organizationSlug=org-b", 403, "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION"],
				[`/organization/get-organization?organizationId=${s.orgB}`, 403, "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION"],
				[`/organization/list-members?organizationId=${s.orgB}`, 403, "YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION"],
				[`/organization/get-active-member-role?organizationId=${s.orgB}`, 403, "YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION"],
				[`/organization/get-active-member-role?userId=${s.victor.id}`, 403, "YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION"],
				[`/organization/list-invitations?organizationId=${s.orgB}`, 403, "YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION"],
				[`/organization/get-invitation?id=${s.invitationB}`, 403, "YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION"],
			];
			for (const [path, status, code] of reads) {
				const res = await k.call(attacker, path);
				expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status, code });
			}
			const attempts: [string, unknown, number, string][] = [
				["/organization/update", { organizationId: s.orgB, data: { name: "pwned" } }, 400, "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION"],
				["/organization/delete", { organizationId: s.orgB }, 400, "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION"],
				["/organization/remove-member", { memberIdOrEmail: s.victorMember }, 400, "MEMBER_NOT_FOUND"],
				["/organization/remove-member", { memberIdOrEmail: "victor@example.com" }, 400, "MEMBER_NOT_FOUND"],
				["/organization/remove-member", { memberIdOrEmail: s.victorMember, organizationId: s.orgB }, 400, "MEMBER_NOT_FOUND"],
				["/organization/update-member-role", { memberId: s.victorMember, role: "owner" }, 403, "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER"],
				["/organization/update-member-role", { memberId: s.victorMember, role: "owner", organizationId: s.orgB }, 400, "MEMBER_NOT_FOUND"],
				["/organization/invite-member", { email: "spy@example.com", role: "owner", organizationId: s.orgB }, 400, "MEMBER_NOT_FOUND"],
				["/organization/cancel-invitation", { invitationId: s.invitationB }, 400, "MEMBER_NOT_FOUND"],
				["/organization/accept-invitation", { invitationId: s.invitationB }, 403, "YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION"],
				["/organization/leave", { organizationId: s.orgB }, 400, "MEMBER_NOT_FOUND"],
				["/organization/has-permission", { organizationId: s.orgB, permissions: { ac: ["read"] } }, 401, "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION"],
				// Last: a refused set-active also clears the caller's active organization (Better Auth).
				["/organization/set-active", { organizationId: s.orgB }, 403, "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION"],
			];
			for (const [path, body, status, code] of attempts) {
				const res = await k.call(attacker, path, body);
				expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status, code });
			}
			expect(await k.t.snapshot()).toEqual(before);
			const full = await k.call<Body & { members: Body[] }>(s.mallory.client, "/organization/get-full-organization");
			expect(full.body).toMatchObject({ id: s.orgB, name: "Org org-b" });
			expect(full.body.members.map((m) => m.role)).toEqual(["owner", "member"]);
		});

		test("twenty parallel accepts of one invitation: one success, one member row", async () => {
			const k = await orgInstance(dialect);
			const alice = await k.user("alice");
			const orgId = await k.createOrg(alice, "acme");
			const dan = await k.user("dan");
			const { body } = await k.call(alice.client, "/organization/invite-member", { email: "dan@example.com", role: "member" });
			const results = await Promise.all(Array.from({ length: 20 }, () => k.call(dan.client, "/organization/accept-invitation", { invitationId: body.id })));
			expect(results.filter((r) => r.status === 200)).toHaveLength(1);
			expect(results.filter((r) => r.status !== 200).every((r) => r.status === 400 && r.body.code === "INVITATION_NOT_FOUND")).toBe(true);
			expect(await k.t.auth.$context.storage.count("member", { organizationId: orgId, userId: dan.id })).toBe(1);
		});

		test("twenty parallel creates with one slug: one organization, the rest a clean 400", async () => {
			const k = await orgInstance(dialect);
			const users = await Promise.all(Array.from({ length: 20 }, (_, i) => k.user(`racer${i}`)));
			const results = await Promise.all(users.map((u) => k.call(u.client, "/organization/create", { name: "Race", slug: "race" })));
			expect(results.filter((r) => r.status === 200)).toHaveLength(1);
			expect(results.filter((r) => r.status !== 200).every((r) => r.status === 400 && r.body.code === "ORGANIZATION_ALREADY_EXISTS")).toBe(true);
			const snapshot = await k.t.snapshot();
			expect([snapshot.organization, snapshot.member]).toEqual([1, 1]);
		});

		test("two owners removing each other at once leave one owner", async () => {
			const k = await orgInstance(dialect);
			const [alice, bob] = [await k.user("alice"), await k.user("bob")];
			const orgId = await k.createOrg(alice, "acme");
			const bobId = await k.addMember(alice, bob, orgId, "owner");
			const aliceId = (await k.call<{ members: Body[] }>(alice.client, "/organization/list-members")).body.members.find((m) => m.userId === alice.id)?.id;
			const results = await Promise.all([
				k.call(alice.client, "/organization/remove-member", { memberIdOrEmail: bobId, organizationId: orgId }),
				k.call(bob.client, "/organization/remove-member", { memberIdOrEmail: aliceId, organizationId: orgId }),
				k.call(alice.client, "/organization/leave", { organizationId: orgId }),
				k.call(bob.client, "/organization/update-member-role", { memberId: bobId, role: "member", organizationId: orgId }),
			]);
			expect(results.some((r) => r.status === 200)).toBe(true);
			const owners = await k.t.auth.$context.storage.count("member", { organizationId: orgId, role: "owner" });
			expect(owners).toBeGreaterThanOrEqual(1);
		});

		test("hostile and malformed input: 4xx { code, message }, nothing written", async () => {
			const k = await orgInstance(dialect);
			const alice = await k.user("alice");
			const orgId = await k.createOrg(alice, "acme");
			const before = await k.t.snapshot();
			const long = "a".repeat(5000);
			const cases: [string, unknown][] = [
				["/organization/create", {}],
				["/organization/create", { name: "x" }],
				["/organization/create", { name: 42, slug: "ok" }],
				["/organization/create", { name: "", slug: "ok" }],
				["/organization/create", { name: long, slug: "ok" }],
				["/organization/create", { name: "x", slug: long }],
				["/organization/create", { name: "x", slug: "has space" }],
				["/organization/create", { name: "x", slug: "../etc" }],
				["/organization/create", { name: "x", slug: "a/b" }],
				["/organization/create", { name: "x", slug: "a%2fb" }],
				["/organization/create", { name: "x", slug: "-lead" }],
				["/organization/create", { name: "x", slug: "ok\u0000" }],
				["/organization/create", { name: "x", slug: "ok", metadata: "string" }],
				["/organization/create", { name: "x", slug: "ok", metadata: [1, 2] }],
				["/organization/create", { name: "x", slug: "ok", metadata: { blob: long.repeat(4) } }],
				["/organization/create", { name: "x", slug: "ok", logo: long }],
				["/organization/create", { name: "x", slug: "ok", keepCurrentActiveOrganization: "yes" }],
				["/organization/check-slug", { slug: "bad slug" }],
				["/organization/update", { organizationId: orgId }],
				["/organization/update", { organizationId: orgId, data: { slug: "" } }],
				["/organization/update", { organizationId: orgId, data: { name: ["x"] } }],
				["/organization/delete", {}],
				["/organization/delete", { organizationId: long }],
				["/organization/set-active", { organizationId: 7 }],
				["/organization/invite-member", { email: "x@example.com" }],
				["/organization/invite-member", { email: `${long}@example.com`, role: "member" }],
				["/organization/invite-member", { email: "x@example.com", role: "member\nadmin" }],
				["/organization/invite-member", { email: "x@example.com", role: [] }],
				["/organization/invite-member", { email: "x@example.com", role: Array.from({ length: 40 }, () => "member") }],
				["/organization/invite-member", { email: "x@example.com", role: "member", resend: "true" }],
				["/organization/accept-invitation", {}],
				["/organization/accept-invitation", { invitationId: null }],
				["/organization/reject-invitation", { invitationId: "" }],
				["/organization/cancel-invitation", { invitationId: { $ne: "" } }],
				["/organization/remove-member", { memberIdOrEmail: "" }],
				["/organization/update-member-role", { memberId: "x" }],
				["/organization/update-member-role", { memberId: "x", role: 3 }],
				["/organization/leave", { organizationId: ["x"] }],
				["/organization/has-permission", { permissions: { member: "delete" } }],
				["/organization/has-permission", { permissions: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`r${i}`, ["a"]])) }],
			];
			for (const [path, body] of cases) {
				const res = await k.call(alice.client, path, body);
				const ok = res.status >= 400 && res.status < 500 && typeof res.body.code === "string" && typeof res.body.message === "string";
				expect({ path, body, ok }).toEqual({ path, body, ok: true });
				expect(JSON.stringify(res.body)).not.toContain(long);
			}
			for (const path of ["/organization/list-members?limit=-1", "/organization/list-members?limit=abc", "/organization/list-members?sortDirection=up", "/organization/get-full-organization?membersLimit=1e9", "/organization/get-invitation?id="]) {
				const res = await k.call(alice.client, path);
				expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 400, code: "VALIDATION_ERROR" });
			}
			expect(await k.t.snapshot()).toEqual(before);
		});

		test("a huge list-members limit is clamped", async () => {
			const k = await orgInstance(dialect);
			const alice = await k.user("alice");
			await k.createOrg(alice, "acme");
			const res = await k.call<{ members: Body[]; total: number }>(alice.client, "/organization/list-members?limit=999999999");
			expect(res.status).toBe(200);
			expect(res.body.total).toBe(1);
		});

		test("every organization route answers 401 without a session", async () => {
			const k = await orgInstance(dialect);
			const anonymous = k.t.client();
			// Valid input for each route, so that only the missing session can refuse it.
			const input: Record<string, unknown> = {
				"/organization/create": { name: "x", slug: "x" },
				"/organization/update": { data: {} },
				"/organization/delete": { organizationId: "x" },
				"/organization/check-slug": { slug: "x" },
				"/organization/set-active": {},
				"/organization/has-permission": { permissions: {} },
				"/organization/remove-member": { memberIdOrEmail: "x" },
				"/organization/update-member-role": { memberId: "x", role: "member" },
				"/organization/leave": { organizationId: "x" },
				"/organization/invite-member": { email: "a@example.com", role: "member" },
				"/organization/accept-invitation": { invitationId: "x" },
				"/organization/reject-invitation": { invitationId: "x" },
				"/organization/cancel-invitation": { invitationId: "x" },
			};
			const routes = Object.values(organizationRoutes);
			expect(routes).toHaveLength(22);
			for (const route of routes) {
				const res = route.method === "GET" ? await anonymous.request(`${route.path}?id=x`) : await anonymous.request(route.path, { json: input[route.path] });
				const body = (await res.json()) as Body;
				expect({ path: route.path, status: res.status, code: body.code }).toEqual({ path: route.path, status: 401, code: "UNAUTHORIZED" });
			}
		});
	});
}
