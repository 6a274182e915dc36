import { describe, expect, test } from "bun:test";
import { adminAccessControl, adminDefaultRoles } from "@latchkey/core";
import { testDialects } from "../../testing/index.ts";
import { adminTestInstance, call } from "./test-kit.ts";

/**
 * Lock-out and escalation. An application must never end up with nobody able to administer
 * it: the last active admin cannot be demoted, banned or removed, by themselves or by anyone
 * holding a narrower role, even when two admins act at the same moment (SECURITY.md rule 9).
 */

const LAST_ADMIN = { code: "YOU_CANNOT_REMOVE_THE_LAST_ADMIN", message: "You cannot remove, demote or ban the last admin" };

for (const dialect of await testDialects()) {
	describe(`admin: last-admin guard [${dialect}]`, () => {
		test("the only admin cannot demote themselves (set-role or update-user); nothing changes", async () => {
			const k = await adminTestInstance(dialect);
			const before = { counts: await k.t.snapshot(), row: await k.row(k.admin.id) };
			expect(await call(k.admin.client, "/admin/set-role", { userId: k.admin.id, role: "user" })).toEqual({ status: 400, body: LAST_ADMIN });
			expect(await call(k.admin.client, "/admin/update-user", { userId: k.admin.id, data: { role: "user" } })).toEqual({ status: 400, body: LAST_ADMIN });
			expect({ counts: await k.t.snapshot(), row: await k.row(k.admin.id) }).toEqual(before);
			// Keeping an admin role among others is fine.
			expect((await call(k.admin.client, "/admin/set-role", { userId: k.admin.id, role: ["user", "admin"] })).status).toBe(200);
		});

		test("with a second admin, demotion, ban and removal go through", async () => {
			const k = await adminTestInstance(dialect);
			const second = await k.signUp();
			await k.setRole(second.id, "admin");
			expect((await call(k.admin.client, "/admin/set-role", { userId: k.admin.id, role: "user" })).status).toBe(200);
			expect(await call(second.client, "/admin/ban-user", { userId: k.admin.id })).toMatchObject({ status: 200 });
			expect((await call(second.client, "/admin/remove-user", { userId: k.admin.id })).status).toBe(200);
			// second is now the last one.
			expect(await call(second.client, "/admin/set-role", { userId: second.id, role: "user" })).toEqual({ status: 400, body: LAST_ADMIN });
		});

		test("a narrower role cannot ban, remove or demote the last admin; banned admins do not count", async () => {
			const moderator = adminAccessControl.newRole({ user: ["ban", "delete", "set-role", "update"] });
			const k = await adminTestInstance(dialect, { roles: { ...adminDefaultRoles, moderator } });
			await k.setRole(k.user.id, "moderator");
			const bannedAdmin = await k.seedUser({ email: "banned-admin@example.com", role: "admin", banned: true });
			const before = { counts: await k.t.snapshot(), row: await k.row(k.admin.id) };
			expect(await call(k.user.client, "/admin/ban-user", { userId: k.admin.id })).toEqual({ status: 400, body: LAST_ADMIN });
			expect(await call(k.user.client, "/admin/remove-user", { userId: k.admin.id })).toEqual({ status: 400, body: LAST_ADMIN });
			expect(await call(k.user.client, "/admin/set-role", { userId: k.admin.id, role: "user" })).toEqual({ status: 400, body: LAST_ADMIN });
			expect(await call(k.user.client, "/admin/update-user", { userId: k.admin.id, data: { banned: true } })).toEqual({ status: 400, body: LAST_ADMIN });
			expect({ counts: await k.t.snapshot(), row: await k.row(k.admin.id) }).toEqual(before);
			// An admin whose ban has run out counts again.
			await k.t.auth.$context.storage.update("user", { id: bannedAdmin.id }, { banExpires: new Date(Date.now() - 1000) });
			expect((await call(k.user.client, "/admin/ban-user", { userId: k.admin.id })).status).toBe(200);
		});

		test("a role merely containing the admin name does not count as admin", async () => {
			const superadmin = adminAccessControl.newRole({ user: ["list"] });
			const k = await adminTestInstance(dialect, { roles: { ...adminDefaultRoles, superadmin } });
			await k.seedUser({ email: "lookalike@example.com", role: "superadmin" });
			expect(await call(k.admin.client, "/admin/set-role", { userId: k.admin.id, role: "user" })).toEqual({ status: 400, body: LAST_ADMIN });
		});

		test("adminUserIds count as admins: the last role-admin may step down when one exists", async () => {
			const k = await adminTestInstance(dialect, { adminUserIds: ["root-id"] });
			await k.seedUser({ id: "root-id", email: "root@example.com", role: "user" });
			expect((await call(k.admin.client, "/admin/set-role", { userId: k.admin.id, role: "user" })).status).toBe(200);
		});

		test("two admins demoting each other at once: exactly one succeeds", async () => {
			const k = await adminTestInstance(dialect);
			const second = await k.signUp();
			await k.setRole(second.id, "admin");
			const results = await Promise.all([
				call(k.admin.client, "/admin/set-role", { userId: second.id, role: "user" }),
				call(second.client, "/admin/set-role", { userId: k.admin.id, role: "user" }),
			]);
			// The loser is refused by the guard (400) or, if the winner already demoted it, by the permission check (403).
			expect(results.filter((r) => r.status === 200)).toHaveLength(1);
			expect(results.filter((r) => r.status !== 200).every((r) => r.status === 400 || r.status === 403)).toBe(true);
			const roles = [(await k.row(k.admin.id))?.role, (await k.row(second.id))?.role];
			expect(roles.filter((r) => r === "admin")).toHaveLength(1);
		});
	});

	describe(`admin: hostile input [${dialect}]`, () => {
		test("wrong types, missing and oversized fields on every POST route are 400 with { code, message }", async () => {
			const k = await adminTestInstance(dialect);
			const before = { counts: await k.t.snapshot(), user: await k.row(k.user.id) };
			const long = "x".repeat(600);
			const cases: [string, unknown][] = [
				["/admin/set-role", { userId: k.user.id, role: { admin: true } }],
				["/admin/set-role", { userId: k.user.id, role: Array.from({ length: 17 }, (_, i) => `r${i}`) }],
				["/admin/set-role", { userId: long, role: "user" }],
				["/admin/create-user", { email: ["a@example.com"], name: "A" }],
				["/admin/create-user", { email: "a@example.com", name: "n".repeat(257) }],
				["/admin/create-user", { email: "a@example.com", name: "A", data: { image: 5 } }],
				["/admin/update-user", { userId: k.user.id }],
				["/admin/list-user-sessions", { userId: null }],
				["/admin/ban-user", { userId: k.user.id, banReason: ["x"] }],
				["/admin/unban-user", { userId: true }],
				["/admin/impersonate-user", {}],
				["/admin/revoke-user-session", { sessionToken: long }],
				["/admin/revoke-user-sessions", { userId: 1 }],
				["/admin/remove-user", { userId: { $ne: null } }],
				["/admin/set-user-password", { userId: k.user.id }],
				["/admin/has-permission", { permissions: { user: "ban" } }],
				["/admin/has-permission", { permissions: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`r${i}`, ["a"]])) }],
				["/admin/set-role", { userId: k.user.id, role: "bad\u0000role" }],
			];
			for (const [path, json] of cases) {
				const res = await call(k.admin.client, path, json);
				const body = res.body as { code?: unknown; message?: unknown };
				expect({ path, status: res.status, code: body.code, message: typeof body.message }).toEqual({ path, status: 400, code: "VALIDATION_ERROR", message: "string" });
			}
			const notJson = await k.admin.client.request("/admin/ban-user", { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
			expect(notJson.status).toBe(400);
			expect({ counts: await k.t.snapshot(), user: await k.row(k.user.id) }).toEqual(before);
		});

		test("a cross-site POST with the admin's cookies is refused before any change", async () => {
			const k = await adminTestInstance(dialect);
			const before = await k.t.snapshot();
			const res = await k.admin.client.request("/admin/remove-user", { json: { userId: k.user.id }, headers: { origin: "https://evil.example" } });
			expect(res.status).toBe(403);
			expect(await k.t.snapshot()).toEqual(before);
		});

		test("twenty parallel create-user calls for one email make exactly one user", async () => {
			const k = await adminTestInstance(dialect);
			const results = await Promise.all(Array.from({ length: 20 }, () => call(k.admin.client, "/admin/create-user", { email: "race@example.com", name: "R", password: "password1234" })));
			expect(results.filter((r) => r.status === 200)).toHaveLength(1);
			expect(results.filter((r) => r.status !== 200).every((r) => r.status === 400 && (r.body as { code: string }).code === "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL")).toBe(true);
			expect(await k.t.auth.$context.storage.count("user", { email: "race@example.com" })).toBe(1);
		});
	});
}
