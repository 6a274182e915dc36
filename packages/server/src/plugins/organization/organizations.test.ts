/**
 * Organizations: create, check-slug, update, delete, list, get, get-full, set-active and
 * has-permission, with Better Auth's shapes (metadata parsed on create/update, raw JSON text
 * elsewhere, spec/plugins.md §5.4) and the owner/admin/member rules of §5.2.
 */
import { describe, expect, test } from "bun:test";
import { testDialects } from "../../testing/index.ts";
import { orgInstance } from "./test-kit.ts";
import type { Body } from "./test-kit.ts";

type Full = Body & { members: (Body & { role: string; user: Body })[]; invitations: (Body & { role: string })[] };

for (const dialect of await testDialects()) {
	describe(`organization: organizations [${dialect}]`, () => {
		test("create answers the organization with parsed metadata and the owner member, and makes it active", async () => {
			const k = await orgInstance(dialect);
			const alice = await k.user("alice");
			const res = await k.call<Body & { members: Body[] }>(alice.client, "/organization/create", { name: "Acme", slug: "acme", logo: "https://x.test/l.png", metadata: { plan: "pro", seats: 3 } });
			expect(res.status).toBe(200);
			expect(res.body).toMatchObject({ name: "Acme", slug: "acme", logo: "https://x.test/l.png", metadata: { plan: "pro", seats: 3 } });
			expect(res.body.members).toEqual([{ id: expect.any(String), organizationId: res.body.id, userId: alice.id, role: "owner", createdAt: "2030-01-01T00:00:00.000Z" }]);
			const session = await k.call<{ session: Body }>(alice.client, "/get-session");
			expect(session.body.session.activeOrganizationId).toBe(res.body.id);
			// Better Auth sends no cookie on create.
			const raw = await alice.client.request("/organization/create", { json: { name: "B", slug: "b-org" } });
			expect(raw.headers.getSetCookie()).toEqual([]);
		});

		test("keepCurrentActiveOrganization leaves the active organization alone; metadata absent stays null", async () => {
			const k = await orgInstance(dialect);
			const alice = await k.user("alice");
			const first = await k.createOrg(alice, "first");
			const second = await k.call(alice.client, "/organization/create", { name: "Two", slug: "two", keepCurrentActiveOrganization: true });
			expect(second.body.metadata).toBeNull();
			const session = await k.call<{ session: Body }>(alice.client, "/get-session");
			expect(session.body.session.activeOrganizationId).toBe(first);
		});

		test("a taken slug: create 400 ORGANIZATION_ALREADY_EXISTS, check-slug 400 ORGANIZATION_SLUG_ALREADY_TAKEN", async () => {
			const k = await orgInstance(dialect);
			const alice = await k.user("alice");
			expect((await k.call(alice.client, "/organization/check-slug", { slug: "acme" })).body).toEqual<unknown>({ status: true });
			await k.createOrg(alice, "acme");
			const before = await k.t.snapshot();
			const dup = await k.call(alice.client, "/organization/create", { name: "Again", slug: "acme" });
			expect(dup).toEqual<unknown>({ status: 400, body: { code: "ORGANIZATION_ALREADY_EXISTS", message: "Organization already exists" } });
			const check = await k.call(alice.client, "/organization/check-slug", { slug: "acme" });
			expect(check).toEqual<unknown>({ status: 400, body: { code: "ORGANIZATION_SLUG_ALREADY_TAKEN", message: "Organization slug already taken" } });
			expect(await k.t.snapshot()).toEqual(before);
		});

		test("allowUserToCreateOrganization and organizationLimit refuse with 403", async () => {
			const k = await orgInstance(dialect, { allowUserToCreateOrganization: (user) => user.email !== "bob@example.com", organizationLimit: 1 });
			const alice = await k.user("alice");
			const bob = await k.user("bob");
			expect(await k.call(bob.client, "/organization/create", { name: "B", slug: "b" })).toMatchObject({ status: 403, body: { code: "YOU_ARE_NOT_ALLOWED_TO_CREATE_A_NEW_ORGANIZATION" } });
			await k.createOrg(alice, "one");
			expect(await k.call(alice.client, "/organization/create", { name: "T", slug: "two" })).toMatchObject({ status: 403, body: { code: "YOU_HAVE_REACHED_THE_MAXIMUM_NUMBER_OF_ORGANIZATIONS" } });
			const fnLimit = await orgInstance(dialect, { organizationLimit: async () => true });
			const carol = await fnLimit.user("carol");
			expect((await fnLimit.call(carol.client, "/organization/create", { name: "C", slug: "c" })).status).toBe(403);
		});

		test("creation hooks may change the data and see the committed result", async () => {
			const seen: string[] = [];
			const k = await orgInstance(dialect, {
				organizationCreation: {
					beforeCreate: ({ organization }) => ({ data: { name: organization.name.toUpperCase() } }),
					afterCreate: ({ organization, member }) => void seen.push(`${organization.name}:${member.role}`),
				},
			});
			const alice = await k.user("alice");
			const res = await k.call(alice.client, "/organization/create", { name: "acme", slug: "acme" });
			expect(res.body.name).toBe("ACME");
			expect(seen).toEqual(["ACME:owner"]);
		});

		test("update: owner and admin may, member 403; metadata parsed; slug clash 400; no org 400", async () => {
			const k = await orgInstance(dialect);
			const [alice, bob, carol] = [await k.user("alice"), await k.user("bob"), await k.user("carol")];
			const orgId = await k.createOrg(alice, "acme");
			await k.createOrg(alice, "other");
			await k.addMember(alice, bob, orgId, "admin");
			await k.addMember(alice, carol, orgId, "member");
			const byOwner = await k.call(alice.client, "/organization/update", { organizationId: orgId, data: { name: "Acme Inc", metadata: { a: 1 } } });
			expect(byOwner).toMatchObject({ status: 200, body: { id: orgId, name: "Acme Inc", slug: "acme", metadata: { a: 1 } } });
			// bob's active organization is acme (accept made it active): no organizationId needed.
			expect(await k.call(bob.client, "/organization/update", { data: { logo: null, slug: "acme-2" } })).toMatchObject({ status: 200, body: { slug: "acme-2", logo: null } });
			expect(await k.call(carol.client, "/organization/update", { data: { name: "Mine" } })).toMatchObject({ status: 403, body: { code: "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_ORGANIZATION" } });
			expect(await k.call(bob.client, "/organization/update", { data: { slug: "other" } })).toMatchObject({ status: 400, body: { code: "ORGANIZATION_SLUG_ALREADY_TAKEN" } });
			const dave = await k.user("dave");
			expect(await k.call(dave.client, "/organization/update", { data: { name: "x" } })).toMatchObject({ status: 400, body: { code: "ORGANIZATION_NOT_FOUND" } });
			expect(await k.call(dave.client, "/organization/update", { organizationId: orgId, data: { name: "x" } })).toMatchObject({ status: 400, body: { code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION" } });
			const list = await k.call<Body[]>(alice.client, "/organization/list");
			expect(list.body.find((o) => o.id === orgId)).toMatchObject({ name: "Acme Inc", slug: "acme-2", metadata: '{"a":1}' });
		});

		test("delete: owner only; answers the organization; removes members and invitations; clears it everywhere", async () => {
			const k = await orgInstance(dialect);
			const [alice, bob, carol] = [await k.user("alice"), await k.user("bob"), await k.user("carol")];
			const orgId = await k.createOrg(alice, "acme", { metadata: { x: true } });
			await k.addMember(alice, bob, orgId, "admin");
			await k.addMember(alice, carol, orgId, "member");
			await k.call(alice.client, "/organization/invite-member", { email: "dan@example.com", role: "member" });
			expect(await k.call(bob.client, "/organization/delete", { organizationId: orgId })).toMatchObject({ status: 403, body: { code: "YOU_ARE_NOT_ALLOWED_TO_DELETE_THIS_ORGANIZATION" } });
			expect(await k.call(carol.client, "/organization/delete", { organizationId: orgId })).toMatchObject({ status: 403 });
			const stranger = await k.user("eve");
			expect(await k.call(stranger.client, "/organization/delete", { organizationId: orgId })).toMatchObject({ status: 400, body: { code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION" } });
			const res = await k.call(alice.client, "/organization/delete", { organizationId: orgId });
			expect(res).toMatchObject({ status: 200, body: { id: orgId, slug: "acme", metadata: '{"x":true}' } });
			const snapshot = await k.t.snapshot();
			expect(snapshot.organization).toBeUndefined();
			expect(snapshot.member).toBeUndefined();
			expect(snapshot.invitation).toBeUndefined();
			for (const who of [alice, bob, carol]) {
				expect((await k.call<{ session: Body }>(who.client, "/get-session")).body.session.activeOrganizationId).toBeNull();
			}
			expect(await k.call(alice.client, "/organization/delete", { organizationId: orgId })).toMatchObject({ status: 400, body: { code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION" } });
		});

		test("disableOrganizationDeletion answers 404 ORGANIZATION_DELETION_DISABLED", async () => {
			const k = await orgInstance(dialect, { disableOrganizationDeletion: true });
			const alice = await k.user("alice");
			const orgId = await k.createOrg(alice, "acme");
			expect(await k.call(alice.client, "/organization/delete", { organizationId: orgId })).toEqual<unknown>({
				status: 404,
				body: { code: "ORGANIZATION_DELETION_DISABLED", message: "Organization deletion is disabled" },
			});
			expect((await k.t.snapshot()).organization).toBe(1);
		});

		test("list shows only the caller's organizations, metadata as raw JSON text", async () => {
			const k = await orgInstance(dialect);
			const [alice, bob] = [await k.user("alice"), await k.user("bob")];
			await k.createOrg(alice, "a1", { metadata: { a: 1 } });
			await k.createOrg(bob, "b1");
			const list = await k.call<Body[]>(alice.client, "/organization/list");
			expect(list.body).toEqual([{ id: expect.any(String), name: "Org a1", slug: "a1", logo: null, createdAt: "2030-01-01T00:00:00.000Z", metadata: '{"a":1}' }]);
			expect((await k.call(k.t.client(), "/organization/list")).status).toBe(401);
		});

		test("get-full-organization: null without an active org; members with users; raw metadata; by id or slug", async () => {
			const k = await orgInstance(dialect);
			const [alice, bob] = [await k.user("alice"), await k.user("bob")];
			expect(await k.call(alice.client, "/organization/get-full-organization")).toEqual<unknown>({ status: 200, body: null });
			expect(await k.call(alice.client, "/organization/get-organization")).toEqual<unknown>({ status: 200, body: null });
			const orgId = await k.createOrg(alice, "acme", { metadata: { a: 1 } });
			await k.addMember(alice, bob, orgId, "member");
			const full = await k.call<Full>(alice.client, "/organization/get-full-organization");
			expect(full.body).toMatchObject({ id: orgId, slug: "acme", metadata: '{"a":1}' });
			expect(full.body.members.map((m) => [m.role, m.user.email])).toEqual([["owner", "alice@example.com"], ["member", "bob@example.com"]]);
			expect(full.body.members[0]?.user).toEqual({ id: alice.id, name: "alice", email: "alice@example.com" });
			const bySlug = await k.call<Full>(bob.client, "/organization/get-full-organization?organizationSlug=acme&membersLimit=1");
			expect(bySlug.body.members).toHaveLength(1);
			expect((await k.call(bob.client, `/organization/get-organization?organizationId=${orgId}`)).body).toMatchObject({ id: orgId, metadata: '{"a":1}' });
			expect(await k.call(bob.client, "/organization/get-full-organization?organizationSlug=nope")).toMatchObject({ status: 400, body: { code: "ORGANIZATION_NOT_FOUND" } });
			expect(await k.call(bob.client, "/organization/get-full-organization?organizationId=nope")).toMatchObject({ status: 400, body: { code: "ORGANIZATION_NOT_FOUND" } });
		});

		test("get-full-organization shows invitations only to inviters, owner invitations only to owners", async () => {
			const k = await orgInstance(dialect);
			const [alice, bob, carol] = [await k.user("alice"), await k.user("bob"), await k.user("carol")];
			const orgId = await k.createOrg(alice, "acme");
			await k.addMember(alice, bob, orgId, "admin");
			await k.addMember(alice, carol, orgId, "member");
			await k.call(alice.client, "/organization/invite-member", { email: "o@example.com", role: "owner" });
			await k.call(alice.client, "/organization/invite-member", { email: "m@example.com", role: "member" });
			const roles = async (who: typeof alice) => (await k.call<Full>(who.client, "/organization/get-full-organization")).body.invitations.map((i) => i.role);
			// All statuses, as Better Auth: bob's and carol's accepted invitations come first.
			expect(await roles(alice)).toEqual(["admin", "member", "owner", "member"]);
			expect(await roles(bob)).toEqual(["admin", "member", "member"]);
			expect(await roles(carol)).toEqual([]);
		});

		test("set-active: by id or slug, re-issues the session cookie; null clears; empty body answers the current", async () => {
			const k = await orgInstance(dialect);
			const alice = await k.user("alice");
			const a = await k.createOrg(alice, "a-org");
			const b = await k.createOrg(alice, "b-org", { metadata: { m: 1 } });
			const res = await alice.client.request("/organization/set-active", { json: { organizationId: a } });
			expect(res.status).toBe(200);
			expect(res.headers.getSetCookie().some((c) => c.startsWith("better-auth.session_token="))).toBe(true);
			expect(((await k.call<{ session: Body }>(alice.client, "/get-session")).body.session.activeOrganizationId)).toBe(a);
			expect((await k.call(alice.client, "/organization/set-active", { organizationSlug: "b-org" })).body).toMatchObject({ id: b, metadata: '{"m":1}' });
			expect((await k.call(alice.client, "/organization/set-active", {})).body).toMatchObject({ id: b });
			expect(await k.call(alice.client, "/organization/set-active", { organizationId: null })).toEqual<unknown>({ status: 200, body: null });
			expect(((await k.call<{ session: Body }>(alice.client, "/get-session")).body.session.activeOrganizationId)).toBeNull();
			expect(await k.call(alice.client, "/organization/set-active", {})).toEqual<unknown>({ status: 200, body: null });
			expect(await k.call(alice.client, "/organization/set-active", { organizationSlug: "nope" })).toMatchObject({ status: 400, body: { code: "ORGANIZATION_NOT_FOUND" } });
		});

		test("set-active by a non-member is 403 and clears the caller's active organization", async () => {
			const k = await orgInstance(dialect);
			const [alice, bob] = [await k.user("alice"), await k.user("bob")];
			const mine = await k.createOrg(bob, "bobs");
			const theirs = await k.createOrg(alice, "alices");
			expect(await k.call(bob.client, "/organization/set-active", { organizationId: theirs })).toMatchObject({ status: 403, body: { code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION" } });
			expect(mine).toBeString();
			expect(((await k.call<{ session: Body }>(bob.client, "/get-session")).body.session.activeOrganizationId)).toBeNull();
		});

		test("with the cookie cache on, get-session shows the new active organization at once", async () => {
			const k = await orgInstance(dialect, {}, { session: { cookieCache: { enabled: true, maxAge: 300 } } });
			const alice = await k.user("alice");
			const a = await k.createOrg(alice, "a-org");
			expect(((await k.call<{ session: Body }>(alice.client, "/get-session")).body.session.activeOrganizationId)).toBe(a);
			const b = await k.createOrg(alice, "b-org");
			expect(((await k.call<{ session: Body }>(alice.client, "/get-session")).body.session.activeOrganizationId)).toBe(b);
			await k.call(alice.client, "/organization/set-active", { organizationId: a });
			expect(((await k.call<{ session: Body }>(alice.client, "/get-session")).body.session.activeOrganizationId)).toBe(a);
			await k.call(alice.client, "/organization/delete", { organizationId: a });
			expect(((await k.call<{ session: Body }>(alice.client, "/get-session")).body.session.activeOrganizationId)).toBeNull();
		});

		test("has-permission reads the caller's stored role", async () => {
			const k = await orgInstance(dialect);
			const [alice, bob] = [await k.user("alice"), await k.user("bob")];
			expect(await k.call(alice.client, "/organization/has-permission", { permissions: { member: ["delete"] } })).toMatchObject({ status: 400, body: { code: "NO_ACTIVE_ORGANIZATION" } });
			const orgId = await k.createOrg(alice, "acme");
			await k.addMember(alice, bob, orgId, "member");
			const ask = (who: typeof alice, body: unknown) => k.call(who.client, "/organization/has-permission", body);
			expect((await ask(alice, { permissions: { organization: ["delete"], member: ["delete"] } })).body).toEqual<unknown>({ error: null, success: true });
			expect((await ask(bob, { permissions: { member: ["delete"] } })).body).toEqual<unknown>({ error: null, success: false });
			expect((await ask(bob, { permissions: { ac: ["read"] } })).body).toEqual<unknown>({ error: null, success: true });
			expect((await ask(alice, { permission: { member: ["delete"] } })).body).toEqual<unknown>({ error: null, success: false });
			expect(await ask(alice, { permission: { member: ["delete"] }, permissions: { member: ["delete"] } })).toMatchObject({ status: 400, body: { code: "VALIDATION_ERROR" } });
			expect(await ask(alice, {})).toMatchObject({ status: 400, body: { code: "VALIDATION_ERROR" } });
			const eve = await k.user("eve");
			expect(await ask(eve, { organizationId: orgId, permissions: { ac: ["read"] } })).toMatchObject({ status: 401, body: { code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION" } });
		});

		test("custom roles replace the defaults for permission checks", async () => {
			const { organizationAc } = await import("@latchkey/core");
			const roles = { owner: organizationAc.newRole({ organization: ["update", "delete"] }), auditor: organizationAc.newRole({ ac: ["read"] }) };
			const k = await orgInstance(dialect, { roles });
			const alice = await k.user("alice");
			await k.createOrg(alice, "acme");
			expect((await k.call(alice.client, "/organization/has-permission", { permissions: { organization: ["delete"] } })).body.success).toBe(true);
			expect((await k.call(alice.client, "/organization/has-permission", { permissions: { member: ["delete"] } })).body.success).toBe(false);
		});
	});
}
