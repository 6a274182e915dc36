/**
 * Privilege escalation: doing what your role does not allow, on every route of the kind.
 *
 * The attacker has an ordinary account. They call every admin route (found in the OpenAPI
 * document) with bodies that would hurt: make themselves admin, ban or remove a real admin,
 * set someone's password, impersonate, create users, read sessions. They try mass assignment
 * on their own profile (`role`, `banned`, `emailVerified` in update-user). Inside an
 * organization where they are a plain member they call every route an owner or admin uses:
 * promote themselves to owner, remove the owner, invite an accomplice as owner, rename or
 * delete the organization, cancel invitations. With the API-key plugin they reach for another
 * user's keys by id.
 *
 * Every attempt must be refused (401/403/404 with `{ code, message }`, or an empty 401 where
 * the spec says so) and change nothing at all (SECURITY.md rules 5 and 9). Per-route and
 * cross-organization cases are covered in the plugins' own security tests; this file sweeps
 * whole route families from the document so a new route cannot be forgotten.
 */
import { describe, expect, test } from "bun:test";
import { testDialects } from "../testing/index.ts";
import { attackKit, refusal } from "./attack-kit.ts";
import type { AttackKit, Person } from "./attack-kit.ts";

const ORIGIN = { origin: "http://localhost:3000" };

async function call(k: AttackKit, who: Person, path: string, json?: unknown): Promise<Response> {
	return json === undefined ? k.send(path, { headers: { cookie: who.cookie } }) : k.send(path, { headers: { ...ORIGIN, cookie: who.cookie }, json });
}

async function orgWithMember(k: AttackKit) {
	const owner = await k.person("owner");
	const member = await k.person("member");
	const created = await call(k, owner, "/organization/create", { name: "Acme", slug: `acme-${owner.id.slice(0, 6).toLowerCase()}` });
	expect(created.status).toBe(200);
	const organizationId = ((await created.json()) as { id: string }).id;
	const invited = await call(k, owner, "/organization/invite-member", { email: member.email, role: "member", organizationId });
	expect(invited.status).toBe(200);
	const invitationId = ((await invited.json()) as { id: string }).id;
	const accepted = await call(k, member, "/organization/accept-invitation", { invitationId });
	expect(accepted.status).toBe(200);
	const ownerMember = await k.t.auth.$context.storage.findOne("member", { organizationId, userId: owner.id });
	const memberRow = await k.t.auth.$context.storage.findOne("member", { organizationId, userId: member.id });
	const pending = await call(k, owner, "/organization/invite-member", { email: "pending@example.com", role: "member", organizationId });
	const pendingId = ((await pending.json()) as { id: string }).id;
	return { owner, member, organizationId, ownerMemberId: ownerMember?.id ?? "", memberId: memberRow?.id ?? "", pendingId };
}

for (const dialect of await testDialects()) {
	describe(`privilege escalation across roles [${dialect}]`, () => {
		test("a plain user calling every admin route, with bodies aimed at themselves and at a real admin, is refused and changes nothing", async () => {
			const k = await attackKit(dialect);
			const admin = await k.person("admin", { admin: true });
			const attacker = await k.person("attacker");
			const adminRoutes = k.operations.filter((op) => op.path.startsWith("/admin/"));
			expect(adminRoutes.length).toBeGreaterThanOrEqual(15);
			const before = await k.state();
			const wrong: string[] = [];
			for (const target of [attacker.id, admin.id]) {
				const body = { userId: target, role: "admin", newPassword: "attacker-chosen-1", data: { role: "admin", banned: false }, sessionToken: "x", email: "sock@example.com", password: "password1234", name: "Sock", permissions: { user: ["ban"] }, permission: { user: ["ban"] } };
				for (const op of adminRoutes) {
					const res = op.method === "GET" ? await call(k, attacker, `${op.path}?id=${target}&userId=${target}`) : await call(k, attacker, op.path, body);
					const got = await refusal(res);
					// has-permission answers a question about the caller; it grants nothing.
					if (op.path === "/admin/has-permission" && res.status === 200) continue;
					// stop-impersonating by someone who is not impersonating: Better Auth's codeless 400.
					if (op.path === "/admin/stop-impersonating" && got.status === 400 && got.envelope.length === 0) continue;
					if (![401, 403].includes(got.status) || got.envelope.length > 0) wrong.push(`${op.method} ${op.path} → ${got.status} ${got.code}`);
				}
			}
			expect(wrong).toEqual([]);
			expect(await k.state()).toBe(before);
		});

		test("mass assignment on one's own profile: role, banned, emailVerified and ids are not taken from update-user", async () => {
			const k = await attackKit(dialect);
			const attacker = await k.person("attacker");
			const res = await call(k, attacker, "/update-user", { name: "Renamed", role: "admin", banned: false, emailVerified: true, id: "other", email: "taken@example.com", twoFactorEnabled: true, createdAt: "2000-01-01T00:00:00.000Z" });
			expect([200, 400]).toContain(res.status);
			const row = await k.t.auth.$context.storage.findOne("user", { id: attacker.id });
			expect(row).toMatchObject({ role: "user", emailVerified: false, email: attacker.email, twoFactorEnabled: false });
			expect(row?.role).not.toBe("admin");
		});

		test("a plain member calling every owner/admin organization route on their own organization is refused and changes nothing", async () => {
			const k = await attackKit(dialect);
			const o = await orgWithMember(k);
			// Routes any member may call (their own membership, reads, a new organization of their own).
			const allowed = new Set(["/organization/create", "/organization/check-slug", "/organization/set-active", "/organization/has-permission", "/organization/leave", "/organization/accept-invitation", "/organization/reject-invitation"]);
			const routes = k.operations.filter((op) => op.path.startsWith("/organization/") && op.method === "POST" && !allowed.has(op.path));
			expect(routes.length).toBeGreaterThanOrEqual(6);
			const bodies = [
				{ organizationId: o.organizationId, memberId: o.memberId, role: "owner", data: { name: "Pwned" } },
				{ organizationId: o.organizationId, memberIdOrEmail: o.owner.email, memberId: o.ownerMemberId, role: "member" },
				{ organizationId: o.organizationId, email: "accomplice@example.com", role: "owner", invitationId: o.pendingId },
			];
			const before = await k.state();
			const wrong: string[] = [];
			for (const op of routes) {
				for (const body of bodies) {
					const got = await refusal(await call(k, o.member, op.path, body));
					if (![400, 401, 403, 404].includes(got.status) || got.envelope.length > 0) wrong.push(`${op.path} ${JSON.stringify(body).slice(0, 80)} → ${got.status} ${got.code}`);
				}
			}
			expect(wrong).toEqual([]);
			expect(await k.state()).toBe(before);
			// And the member is still a member, the owner still the owner.
			expect((await k.t.auth.$context.storage.findOne("member", { id: o.ownerMemberId }))?.role).toBe("owner");
			expect((await k.t.auth.$context.storage.findOne("member", { id: o.memberId }))?.role).toBe("member");
		});

		test("an outsider's has-permission and reads on the organization reveal nothing and grant nothing", async () => {
			const k = await attackKit(dialect);
			const o = await orgWithMember(k);
			const outsider = await k.person("outsider");
			const reads = k.operations.filter((op) => op.path.startsWith("/organization/") && op.method === "GET" && op.path !== "/organization/list" && op.path !== "/organization/list-user-invitations");
			for (const op of reads) {
				const res = await call(k, outsider, `${op.path}?organizationId=${o.organizationId}&id=${o.pendingId}`);
				const text = await res.text();
				expect({ path: op.path, leaks: text.includes(o.owner.email) || text.includes("Acme") }).toEqual({ path: op.path, leaks: false });
			}
			const perm = await call(k, outsider, "/organization/has-permission", { organizationId: o.organizationId, permissions: { organization: ["delete"] } });
			expect(perm.status === 200 ? ((await perm.json()) as { success: boolean }).success : false).toBe(false);
		});

		test("an impersonating admin leaves no credential behind: no API key, no passkey, no 2FA, no password, no email change", async () => {
			const k = await attackKit(dialect);
			const admin = await k.person("admin", { admin: true });
			const bob = await k.person("bob");
			const started = await call(k, admin, "/admin/impersonate-user", { userId: bob.id });
			expect(started.status).toBe(200);
			const cookie = started.headers
				.getSetCookie()
				.filter((l) => !/max-age=0/i.test(l))
				.map((l) => l.split(";")[0] ?? "")
				.join("; ");
			const as: Person = { ...bob, cookie };
			const before = await k.state();
			const attempts: [string, Response][] = [
				["api-key/create", await call(k, as, "/api-key/create", { name: "backdoor" })],
				["passkey/generate-register-options", await call(k, as, "/passkey/generate-register-options")],
				["two-factor/enable", await call(k, as, "/two-factor/enable", { password: bob.password })],
				["change-password", await call(k, as, "/change-password", { currentPassword: bob.password, newPassword: "admin-knows-1" })],
				["set-password", await call(k, as, "/set-password", { newPassword: "admin-knows-1" })],
				["change-email", await call(k, as, "/change-email", { newEmail: "admin-controlled@example.com" })],
			];
			const answers = await Promise.all(attempts.map(async ([name, res]) => ({ name, ...(await refusal(res)) })));
			for (const a of answers) {
				const expected = a.name === "api-key/create" ? { status: 401, code: "UNAUTHORIZED_SESSION" } : { status: 403, code: "IMPERSONATION_NOT_ALLOWED" };
				expect(a).toEqual({ name: a.name, ...expected, envelope: [] });
			}
			// Anything the attempts wrote (a WebAuthn challenge row aside) would be a leftover credential.
			const { verification: _v, ...rest } = JSON.parse(await k.state()) as Record<string, unknown>;
			const { verification: _w, ...restBefore } = JSON.parse(before) as Record<string, unknown>;
			expect(rest).toEqual(restBefore);
			// Control: bob himself may do the same.
			expect((await call(k, bob, "/api-key/create", { name: "mine" })).status).toBe(200);
			expect((await call(k, bob, "/passkey/generate-register-options")).status).toBe(200);
		});

		test("another user's API key cannot be read, changed or deleted by id", async () => {
			const k = await attackKit(dialect);
			const owner = await k.person("owner");
			const attacker = await k.person("attacker");
			const made = await call(k, owner, "/api-key/create", { name: "prod" });
			const keyId = ((await made.json()) as { id: string }).id;
			const before = await k.state();
			const attempts = [
				await call(k, attacker, `/api-key/get?id=${keyId}`),
				await call(k, attacker, "/api-key/update", { keyId, name: "mine", enabled: false }),
				await call(k, attacker, "/api-key/delete", { keyId }),
			];
			for (const res of attempts) {
				const got = await refusal(res);
				expect(got.envelope).toEqual([]);
				expect([401, 403, 404]).toContain(got.status);
			}
			expect(await k.state()).toBe(before);
		});
	});
}
