import { describe, expect, test } from "bun:test";
import { adminAccessControl, adminDefaultRoles } from "@latchkey/core";
import { testDialects } from "../../testing/index.ts";
import { adminTestInstance, call } from "./test-kit.ts";

const ADMIN_COOKIE = "better-auth.admin_session";
const SESSION_COOKIE = "better-auth.session_token";

/** The Set-Cookie line for `name`, or undefined. */
const cookieLine = (response: Response, name: string) => response.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));

for (const dialect of await testDialects()) {
	describe(`admin: impersonation [${dialect}]`, () => {
		test("impersonate then stop: cookies, sessions and get-session follow Better Auth", async () => {
			let now = Date.UTC(2025, 0, 1);
			const k = await adminTestInstance(dialect, {}, { now: () => new Date(now) });
			const adminToken = k.admin.token;
			const res = await k.admin.client.request("/admin/impersonate-user", { json: { userId: k.user.id } });
			expect(res.status).toBe(200);
			const body = await res.json();
			expect(body.user).toMatchObject({ id: k.user.id });
			expect(body.session).toMatchObject({ userId: k.user.id, impersonatedBy: k.admin.id });
			expect(new Date(body.session.expiresAt).getTime()).toBe(now + 3_600_000);
			expect(res.headers.get("cache-control")).toBe("no-store");
			const admin = cookieLine(res, ADMIN_COOKIE);
			expect(admin).toMatch(new RegExp(`^${ADMIN_COOKIE.replace(".", "\\.")}=${adminToken}%3A\\.[^;]+; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax$`));
			const session = cookieLine(res, SESSION_COOKIE);
			expect(session).toStartWith(`${SESSION_COOKIE}=${body.session.token}.`);
			expect(session).not.toContain("Max-Age");
			expect(cookieLine(res, "better-auth.dont_remember")).toStartWith("better-auth.dont_remember=true.");

			const current = await (await k.admin.client.request("/get-session")).json();
			expect(current.user.id).toBe(k.user.id);
			expect(current.session.impersonatedBy).toBe(k.admin.id);
			// The impersonated user's own list does not show the impersonation session.
			const own = await (await k.admin.client.request("/list-sessions")).json();
			expect(own.map((s: { token: string }) => s.token)).not.toContain(body.session.token);

			now += 60_000;
			const stop = await k.admin.client.request("/admin/stop-impersonating", { json: {} });
			expect(stop.status).toBe(200);
			const restored = await stop.json();
			expect(restored).toMatchObject({ session: { token: adminToken, userId: k.admin.id }, user: { id: k.admin.id } });
			expect(cookieLine(stop, ADMIN_COOKIE)).toContain("Max-Age=0");
			expect(cookieLine(stop, SESSION_COOKIE)).toMatch(new RegExp(`^${SESSION_COOKIE.replace(".", "\\.")}=${adminToken}\\.[^;]+; Max-Age=604800`));
			expect(cookieLine(stop, "better-auth.dont_remember")).toContain("Max-Age=0");
			expect(await k.t.auth.$context.storage.findOne("session", { token: body.session.token })).toBeNull();
			expect((await (await k.admin.client.request("/get-session")).json()).user.id).toBe(k.admin.id);
			expect((await call(k.admin.client, "/admin/list-users?limit=1")).status).toBe(200);
		});

		test("an admin signed in with rememberMe:false gets a browser-session cookie back", async () => {
			const k = await adminTestInstance(dialect);
			const c = k.t.client();
			await c.request("/sign-in/email", { json: { email: k.admin.email, password: "password1234", rememberMe: false } });
			const imp = await c.request("/admin/impersonate-user", { json: { userId: k.user.id } });
			expect(decodeURIComponent(cookieLine(imp, ADMIN_COOKIE) ?? "")).toContain(":true.");
			const stop = await c.request("/admin/stop-impersonating", { json: {} });
			expect(stop.status).toBe(200);
			expect(cookieLine(stop, SESSION_COOKIE)).not.toContain("Max-Age");
			expect(cookieLine(stop, "better-auth.dont_remember")).toStartWith("better-auth.dont_remember=true.");
		});

		test("the impersonation session ends after impersonationSessionDuration, bearer use included", async () => {
			let now = Date.UTC(2025, 0, 1);
			const k = await adminTestInstance(dialect, { impersonationSessionDuration: 600 }, { now: () => new Date(now) });
			const { body } = await call(k.admin.client, "/admin/impersonate-user", { userId: k.user.id });
			const token = (body as { session: { token: string; expiresAt: string } }).session.token;
			const bearer = k.t.client();
			const read = async () => (await (await bearer.request("/get-session", { headers: { authorization: `Bearer ${token}` } })).json());
			now += 599_000;
			expect((await read())?.user.id).toBe(k.user.id);
			expect((await k.t.auth.$context.storage.findOne("session", { token }))?.expiresAt.getTime()).toBe(Date.UTC(2025, 0, 1) + 600_000);
			now += 2_000;
			expect(await read()).toBeNull();
		});

		test("admins cannot be impersonated unless allowed or granted impersonate-admins", async () => {
			const k = await adminTestInstance(dialect);
			const other = await k.signUp();
			await k.setRole(other.id, "user,admin");
			const before = await k.t.snapshot();
			expect(await call(k.admin.client, "/admin/impersonate-user", { userId: other.id })).toEqual({
				status: 403,
				body: { code: "YOU_CANNOT_IMPERSONATE_ADMINS", message: "You cannot impersonate admins" },
			});
			expect(await k.t.snapshot()).toEqual(before);
			expect(await call(k.admin.client, "/admin/impersonate-user", { userId: "nobody" })).toEqual({ status: 404, body: { code: "USER_NOT_FOUND", message: "User not found" } });

			const allowed = await adminTestInstance(dialect, { allowImpersonatingAdmins: true });
			const target = await allowed.signUp();
			await allowed.setRole(target.id, "admin");
			expect((await call(allowed.admin.client, "/admin/impersonate-user", { userId: target.id })).status).toBe(200);

			const superAdmin = adminAccessControl.newRole({ user: ["impersonate", "impersonate-admins"] });
			const granted = await adminTestInstance(dialect, { roles: { ...adminDefaultRoles, superAdmin } });
			await granted.setRole(granted.user.id, "superAdmin");
			expect((await call(granted.user.client, "/admin/impersonate-user", { userId: granted.admin.id })).status).toBe(200);
		});

		test("stop-impersonating refuses a forged, missing or foreign admin cookie with 500 and no code", async () => {
			const k = await adminTestInstance(dialect);
			const failed = { status: 500, body: { message: "Failed to find admin session" } };
			await call(k.admin.client, "/admin/impersonate-user", { userId: k.user.id });
			const jar = k.admin.client.jar;
			const genuine = jar.cookies.get(ADMIN_COOKIE) ?? "";
			jar.cookies.set(ADMIN_COOKIE, encodeURIComponent(`${k.user.token}:.${"A".repeat(43)}=`));
			expect(await call(k.admin.client, "/admin/stop-impersonating", {})).toEqual(failed);
			jar.cookies.delete(ADMIN_COOKIE);
			expect(await call(k.admin.client, "/admin/stop-impersonating", {})).toEqual(failed);
			// The admin's own session was revoked meanwhile: nothing to go back to.
			jar.cookies.set(ADMIN_COOKIE, genuine);
			await k.t.auth.$context.storage.delete("session", { token: k.admin.token });
			expect(await call(k.admin.client, "/admin/stop-impersonating", {})).toEqual(failed);
			// The impersonation session itself is still there and usable until it expires.
			expect((await (await k.admin.client.request("/get-session")).json()).user.id).toBe(k.user.id);
		});

		test("an impersonated non-admin cannot reach admin routes", async () => {
			const k = await adminTestInstance(dialect);
			await call(k.admin.client, "/admin/impersonate-user", { userId: k.user.id });
			const victim = await k.signUp();
			expect((await call(k.admin.client, "/admin/impersonate-user", { userId: victim.id })).status).toBe(403);
			expect((await call(k.admin.client, "/admin/list-users")).status).toBe(403);
		});
	});
}
