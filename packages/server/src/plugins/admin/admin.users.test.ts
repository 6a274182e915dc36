import { describe, expect, test } from "bun:test";
import { adminAccessControl, adminDefaultRoles } from "@latchkey/core";
import { testDialects } from "../../testing/index.ts";
import { PASSWORD, adminTestInstance, call } from "./test-kit.ts";

const NOT_FOUND = { code: "USER_NOT_FOUND", message: "User not found" };

for (const dialect of await testDialects()) {
	describe(`admin: roles [${dialect}]`, () => {
		test("sign-up gives defaultRole and banned:false; role and ban fields from a client are 400 FIELD_NOT_ALLOWED", async () => {
			const k = await adminTestInstance(dialect, { defaultRole: "user" });
			expect(await k.row(k.user.id)).toMatchObject({ role: "user", banned: false, banReason: null });
			const session = await (await k.user.client.request("/get-session")).json();
			expect(session.user).toMatchObject({ role: "user", banned: false });
			expect(session.session).toMatchObject({ impersonatedBy: null });
			const before = await k.t.snapshot();
			for (const extra of [{ role: "admin" }, { banned: true }, { banReason: "x" }, { banExpires: "2030-01-01T00:00:00.000Z" }]) {
				const field = Object.keys(extra)[0];
				const up = await call(k.t.client(), "/sign-up/email", { name: "X", email: "x@example.com", password: PASSWORD, ...extra });
				expect(up).toEqual({ status: 400, body: { code: "FIELD_NOT_ALLOWED", message: `${field} is not allowed to be set` } });
				const update = await call(k.user.client, "/update-user", { name: "Y", ...extra });
				expect(update.status).toBe(400);
			}
			expect(await k.t.snapshot()).toEqual(before);
			expect(await k.row(k.user.id)).toMatchObject({ role: "user", name: "Plain" });
		});

		test("set-role stores lists comma-joined; unknown user 404; a missing role 400", async () => {
			const k = await adminTestInstance(dialect);
			expect((await call(k.admin.client, "/admin/set-role", { userId: k.user.id, role: "admin, user" })).body).toMatchObject({ user: { role: "admin,user" } });
			expect((await k.row(k.user.id))?.role).toBe("admin,user");
			expect(await call(k.admin.client, "/admin/set-role", { userId: "nobody", role: "user" })).toEqual({ status: 404, body: NOT_FOUND });
			for (const role of ["", [], ["ok", ""], " , "]) {
				expect((await call(k.admin.client, "/admin/set-role", { userId: k.user.id, role })).body).toEqual({ code: "INVALID_ROLE_TYPE", message: "Invalid role type" });
			}
			expect((await call(k.admin.client, "/admin/set-role", { userId: k.user.id })).body).toMatchObject({ code: "VALIDATION_ERROR" });
		});

		test("with custom roles, unknown role names are 400 and nobody grants a role above their own", async () => {
			const support = adminAccessControl.newRole({ user: ["list", "get", "set-role"], session: ["list"] });
			const k = await adminTestInstance(dialect, { roles: { ...adminDefaultRoles, support } });
			await k.setRole(k.user.id, "support");
			const victim = await k.signUp();
			const unknown = await call(k.admin.client, "/admin/set-role", { userId: victim.id, role: ["user", "superuser"] });
			expect(unknown).toEqual({ status: 400, body: { code: "YOU_ARE_NOT_ALLOWED_TO_SET_NON_EXISTENT_VALUE", message: "You are not allowed to set a non-existent role value" } });
			// support holds set-role but not what "admin" grants: it may hand out support or user only.
			const escalate = await call(k.user.client, "/admin/set-role", { userId: victim.id, role: "admin" });
			expect(escalate).toEqual({ status: 403, body: { code: "YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE", message: "You are not allowed to change users role" } });
			const self = await call(k.user.client, "/admin/set-role", { userId: k.user.id, role: "admin" });
			expect(self.status).toBe(403);
			expect((await k.row(k.user.id))?.role).toBe("support");
			expect((await call(k.user.client, "/admin/set-role", { userId: victim.id, role: "support" })).status).toBe(200);
			expect((await call(k.user.client, "/admin/list-users?limit=1")).status).toBe(200);
			expect((await call(k.user.client, "/admin/ban-user", { userId: victim.id })).status).toBe(403);
		});

		test("an admin role missing from roles is a configuration error", async () => {
			await expect(adminTestInstance(dialect, { adminRoles: ["owner"] })).rejects.toThrow("invalid admin roles: owner");
		});
	});

	describe(`admin: create-user and get-user [${dialect}]`, () => {
		test("creates a user that can sign in; email lowercased; role and data applied", async () => {
			const k = await adminTestInstance(dialect);
			const res = await call(k.admin.client, "/admin/create-user", {
				email: "New@Example.com", name: "New", password: PASSWORD, role: ["user", "editor"],
				data: { emailVerified: true, image: "https://example.com/a.png", username: "NewOne", unknownField: 1 },
			});
			expect(res.status).toBe(200);
			const { user } = res.body as { user: Record<string, unknown> };
			expect(user).toMatchObject({ email: "new@example.com", name: "New", role: "user,editor", emailVerified: true, image: "https://example.com/a.png", username: "newone", banned: false });
			expect(user).not.toHaveProperty("unknownField");
			expect((await k.signIn("new@example.com")).status).toBe(200);
			expect(await call(k.admin.client, `/admin/get-user?id=${user.id}`)).toMatchObject({ status: 200, body: { id: user.id, email: "new@example.com" } });
		});

		test("without a password no credential account is made", async () => {
			const k = await adminTestInstance(dialect);
			const { body } = await call(k.admin.client, "/admin/create-user", { email: "nopass@example.com", name: "N" });
			const id = (body as { user: { id: string } }).user.id;
			expect(await k.t.auth.$context.storage.count("account", { userId: id })).toBe(0);
			expect((await k.signIn("nopass@example.com")).status).toBe(401);
		});

		test("refusals: taken email, bad email, password bounds, bad data role, ban fields without ban permission", async () => {
			const editor = adminAccessControl.newRole({ user: ["create"] });
			const k = await adminTestInstance(dialect, { roles: { ...adminDefaultRoles, editor } });
			await k.setRole(k.user.id, "editor");
			const before = await k.t.snapshot();
			const cases: [unknown, number, unknown][] = [
				[{ email: k.user.email.toUpperCase(), name: "D" }, 400, { code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", message: "User already exists. Use another email." }],
				[{ email: "not-an-email", name: "D" }, 400, { code: "INVALID_EMAIL", message: "Invalid email" }],
				[{ email: "d@example.com", name: "D", password: "x".repeat(129) }, 400, { code: "PASSWORD_TOO_LONG", message: "Password too long" }],
				[{ email: "d@example.com", name: "D", password: "short" }, 400, { code: "PASSWORD_TOO_SHORT", message: "Password too short" }],
				[{ email: "d@example.com", name: "D", data: { role: 5 } }, 400, { code: "INVALID_ROLE_TYPE", message: "Invalid role type" }],
				[{ email: "d@example.com", name: "D", data: { role: "ghost" } }, 400, { code: "YOU_ARE_NOT_ALLOWED_TO_SET_NON_EXISTENT_VALUE", message: "You are not allowed to set a non-existent role value" }],
				[{ email: "d@example.com", name: "D", data: { emailVerified: "yes" } }, 400, { code: "VALIDATION_ERROR", message: "[body.data.emailVerified] Invalid input: expected boolean, received string" }],
				[{ email: "d@example.com" }, 400, { code: "VALIDATION_ERROR", message: "[body.name] Invalid input: expected string, received undefined" }],
				[{ email: "d".repeat(250) + "@example.com", name: "D" }, 400, { code: "VALIDATION_ERROR", message: "[body.email] Too big: expected string to have <=254 characters" }],
			];
			for (const [json, status, expected] of cases) expect(await call(k.admin.client, "/admin/create-user", json)).toEqual({ status, body: expected });
			// The editor may create users, but neither pick a role nor ban.
			expect((await call(k.user.client, "/admin/create-user", { email: "e@example.com", name: "E", role: "user" })).body).toMatchObject({ code: "YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE" });
			expect((await call(k.user.client, "/admin/create-user", { email: "e@example.com", name: "E", data: { banned: true } })).body).toMatchObject({ code: "YOU_ARE_NOT_ALLOWED_TO_BAN_USERS" });
			expect(await k.t.snapshot()).toEqual(before);
			expect((await call(k.user.client, "/admin/create-user", { email: "e@example.com", name: "E" })).status).toBe(200);
		});

		test("a server call without headers needs no session; with headers but no session it is 401", async () => {
			const k = await adminTestInstance(dialect);
			const created = await k.api.createUser({ body: { email: "server@example.com", name: "S", role: "admin" } });
			expect(created.user).toMatchObject({ email: "server@example.com", role: "admin" });
			await expect(k.api.createUser({ body: { email: "s2@example.com", name: "S" }, headers: { cookie: "x=y" } })).rejects.toMatchObject({ statusCode: 401, body: undefined });
		});

		test("get-user: unknown id 404, missing id 400", async () => {
			const k = await adminTestInstance(dialect);
			expect(await call(k.admin.client, "/admin/get-user?id=nobody")).toEqual({ status: 404, body: NOT_FOUND });
			expect((await call(k.admin.client, "/admin/get-user")).body).toMatchObject({ code: "VALIDATION_ERROR" });
		});
	});

	describe(`admin: update-user [${dialect}]`, () => {
		test("updates name, email, emailVerified and role; answers the bare user", async () => {
			const k = await adminTestInstance(dialect);
			const res = await call(k.admin.client, "/admin/update-user", { userId: k.user.id, data: { name: "Z", email: "Z@Example.com", emailVerified: true, role: "admin", createdAt: "1999-01-01T00:00:00.000Z" } });
			expect(res.status).toBe(200);
			expect(res.body).toMatchObject({ id: k.user.id, name: "Z", email: "z@example.com", emailVerified: true, role: "admin" });
			expect((await k.row(k.user.id))?.createdAt.getUTCFullYear()).not.toBe(1999);
		});

		test("banned:true bans and deletes the user's sessions in one go", async () => {
			const k = await adminTestInstance(dialect);
			const res = await call(k.admin.client, "/admin/update-user", { userId: k.user.id, data: { banned: true, banReason: "abuse" } });
			expect(res.body).toMatchObject({ banned: true, banReason: "abuse" });
			expect(await k.t.auth.$context.storage.count("session", { userId: k.user.id })).toBe(0);
			expect((await k.signIn(k.user.email)).status).toBe(403);
		});

		test("refusals change nothing", async () => {
			const k = await adminTestInstance(dialect);
			const other = await k.signUp({ email: "other@example.com" });
			const before = { counts: await k.t.snapshot(), row: await k.row(k.user.id) };
			const cases: [unknown, number, string][] = [
				[{ userId: k.user.id, data: {} }, 400, "NO_DATA_TO_UPDATE"],
				[{ userId: k.user.id, data: { ignored: 1 } }, 400, "NO_DATA_TO_UPDATE"],
				[{ userId: k.user.id, data: { password: "x" } }, 400, "PASSWORD_CANNOT_BE_UPDATED_VIA_UPDATE_USER"],
				[{ userId: k.user.id, data: { id: "new-id" } }, 400, "USER_ID_CANNOT_BE_UPDATED"],
				[{ userId: k.admin.id, data: { banned: true } }, 400, "YOU_CANNOT_BAN_YOURSELF"],
				[{ userId: k.user.id, data: { email: "bad" } }, 400, "INVALID_EMAIL"],
				[{ userId: k.user.id, data: { email: other.email } }, 400, "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL"],
				[{ userId: k.user.id, data: { role: [1] } }, 400, "INVALID_ROLE_TYPE"],
				[{ userId: "nobody", data: { name: "n" } }, 404, "USER_NOT_FOUND"],
				[{ userId: k.user.id, data: { name: 5 } }, 400, "VALIDATION_ERROR"],
				[{ userId: k.user.id, data: { name: "n".repeat(257) } }, 400, "VALIDATION_ERROR"],
				[{ userId: k.user.id, data: { banExpires: "next tuesday" } }, 400, "VALIDATION_ERROR"],
				[{ userId: k.user.id, data: "name" }, 400, "VALIDATION_ERROR"],
			];
			for (const [json, status, code] of cases) {
				const res = await call(k.admin.client, "/admin/update-user", json);
				expect({ json, status: res.status, code: (res.body as { code?: string }).code }).toEqual({ json, status, code });
			}
			expect({ counts: await k.t.snapshot(), row: await k.row(k.user.id) }).toEqual(before);
		});

		test("per-field permissions: role, ban, email and phone need their own actions", async () => {
			const updater = adminAccessControl.newRole({ user: ["update"] });
			const k = await adminTestInstance(dialect, { roles: { ...adminDefaultRoles, updater } });
			await k.setRole(k.user.id, "updater");
			const victim = await k.signUp();
			const cases: [Record<string, unknown>, string][] = [
				[{ role: "user" }, "YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE"],
				[{ banned: false }, "YOU_ARE_NOT_ALLOWED_TO_BAN_USERS"],
				[{ emailVerified: true }, "YOU_ARE_NOT_ALLOWED_TO_SET_USERS_EMAIL"],
				[{ phoneNumber: "+100" }, "YOU_ARE_NOT_ALLOWED_TO_SET_USERS_PHONE_NUMBER"],
			];
			for (const [data, code] of cases) {
				const res = await call(k.user.client, "/admin/update-user", { userId: victim.id, data });
				expect({ status: res.status, code: (res.body as { code?: string }).code }).toEqual({ status: 403, code });
			}
			expect((await call(k.user.client, "/admin/update-user", { userId: victim.id, data: { name: "ok" } })).body).toMatchObject({ name: "ok" });
		});
	});

	describe(`admin: remove-user, set-user-password, sessions [${dialect}]`, () => {
		test("remove-user deletes the user, sessions and accounts; not yourself; unknown 404", async () => {
			const k = await adminTestInstance(dialect);
			const storage = k.t.auth.$context.storage;
			expect(await call(k.admin.client, "/admin/remove-user", { userId: k.admin.id })).toEqual({ status: 400, body: { code: "YOU_CANNOT_REMOVE_YOURSELF", message: "You cannot remove yourself" } });
			expect(await call(k.admin.client, "/admin/remove-user", { userId: "nobody" })).toEqual({ status: 404, body: NOT_FOUND });
			const res = await k.admin.client.request("/admin/remove-user", { json: { userId: k.user.id } });
			expect(res.status).toBe(200);
			// The admin keeps their own cookies and session.
			expect(res.headers.getSetCookie()).toEqual([]);
			expect(await storage.count("session", { userId: k.user.id })).toBe(0);
			expect(await storage.count("account", { userId: k.user.id })).toBe(0);
			expect(await k.row(k.user.id)).toBeNull();
			expect((await k.user.client.request("/get-session")).status).toBe(200);
			expect(await (await k.user.client.request("/get-session")).json()).toBeNull();
			expect((await call(k.admin.client, "/admin/list-users?limit=1")).status).toBe(200);
		});

		test("set-user-password: new password works, old fails, other sessions end, bounds checked", async () => {
			const k = await adminTestInstance(dialect);
			expect((await call(k.admin.client, "/admin/set-user-password", { userId: k.user.id, newPassword: "short" })).body).toEqual({ code: "PASSWORD_TOO_SHORT", message: "Password too short" });
			expect((await call(k.admin.client, "/admin/set-user-password", { userId: k.user.id, newPassword: "x".repeat(129) })).body).toEqual({ code: "PASSWORD_TOO_LONG", message: "Password too long" });
			expect(await call(k.admin.client, "/admin/set-user-password", { userId: "", newPassword: "whatever-long" })).toEqual({ status: 400, body: { code: "VALIDATION_ERROR", message: "[body.userId] userId cannot be empty" } });
			expect(await call(k.admin.client, "/admin/set-user-password", { userId: "nobody", newPassword: "whatever-long" })).toEqual({ status: 404, body: NOT_FOUND });
			expect(await call(k.admin.client, "/admin/set-user-password", { userId: k.user.id, newPassword: "brand-new-pass" })).toEqual({ status: 200, body: { status: true } });
			expect(await k.t.auth.$context.storage.count("session", { userId: k.user.id })).toBe(0);
			expect((await k.signIn(k.user.email)).status).toBe(401);
			expect((await k.signIn(k.user.email, "brand-new-pass")).status).toBe(200);
			// Setting their own password keeps the admin signed in here.
			expect((await call(k.admin.client, "/admin/set-user-password", { userId: k.admin.id, newPassword: "admin-new-pass" })).status).toBe(200);
			expect((await call(k.admin.client, "/admin/list-users?limit=1")).status).toBe(200);
		});

		test("set-user-password creates a credential account for a user without one", async () => {
			const k = await adminTestInstance(dialect);
			const seeded = await k.seedUser({ email: "social@example.com" });
			expect((await call(k.admin.client, "/admin/set-user-password", { userId: seeded.id, newPassword: "a-password-9" })).status).toBe(200);
			expect((await k.signIn("social@example.com", "a-password-9")).status).toBe(200);
		});

		test("revokeSessionsOnSetPassword:false keeps the user's sessions", async () => {
			const k = await adminTestInstance(dialect, { revokeSessionsOnSetPassword: false });
			await call(k.admin.client, "/admin/set-user-password", { userId: k.user.id, newPassword: "brand-new-pass" });
			expect(await k.t.auth.$context.storage.count("session", { userId: k.user.id })).toBe(1);
		});

		test("list-user-sessions lists unexpired sessions newest first; revoke-user-session takes one", async () => {
			let now = Date.now();
			const k = await adminTestInstance(dialect, {}, { now: () => new Date(now) });
			now += 1000;
			await k.signIn(k.user.email);
			const storage = k.t.auth.$context.storage;
			await storage.create("session", { id: "old", token: "expired-token", userId: k.user.id, expiresAt: new Date(now - 1), createdAt: new Date(now - 10_000), updatedAt: new Date(now - 10_000), ipAddress: null, userAgent: null });
			const { body } = await call(k.admin.client, "/admin/list-user-sessions", { userId: k.user.id });
			const sessions = (body as { sessions: { token: string; createdAt: string }[] }).sessions;
			expect(sessions).toHaveLength(2);
			expect(sessions.map((s) => s.token)).not.toContain("expired-token");
			expect(new Date(sessions[0]?.createdAt ?? 0).getTime()).toBeGreaterThan(new Date(sessions[1]?.createdAt ?? 0).getTime());
			expect((await call(k.admin.client, "/admin/revoke-user-session", { sessionToken: sessions[0]?.token })).body).toEqual({ success: true });
			expect(await storage.count("session", { userId: k.user.id, expiresAt: { op: "gt", value: new Date(now) } })).toBe(1);
			expect((await call(k.admin.client, "/admin/revoke-user-session", { sessionToken: "unknown" })).body).toEqual({ success: true });
			expect((await call(k.admin.client, "/admin/list-user-sessions", {})).body).toMatchObject({ code: "VALIDATION_ERROR" });
		});
	});
}
