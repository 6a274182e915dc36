import { describe, expect, test } from "bun:test";
import { credentialAccountRow } from "../../credentials/credential-account.ts";
import { testDialects } from "../../testing/index.ts";
import { PASSWORD, adminTestInstance, call } from "./test-kit.ts";
import type { AdminTestInstance } from "./test-kit.ts";

/**
 * Every `/admin/*` route as admin, as a signed-in non-admin and unauthenticated. Refusals
 * must change nothing (row counts and the target user's row), and the unauthenticated
 * answer is Better Auth's 401 with an empty body (spec/plugins.md §6.5).
 */

interface RouteCase {
	path: string;
	/** Body (POST) or query string (GET, when a string). */
	input: (k: AdminTestInstance, victimId: string) => Promise<unknown>;
	forbidden: string;
	/** Checks the admin's successful answer. */
	ok: (body: unknown, k: AdminTestInstance, victimId: string) => void | Promise<void>;
}

const sessionToken = async (k: AdminTestInstance, victimId: string) => (await k.t.auth.$context.storage.findOne("session", { userId: victimId }))?.token ?? "";

const CASES: RouteCase[] = [
	{
		path: "/admin/set-role",
		input: async (_k, id) => ({ userId: id, role: ["user", "editor"] }),
		forbidden: "YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE",
		ok: (body) => expect(body).toMatchObject({ user: { role: "user,editor" } }),
	},
	{
		path: "/admin/get-user",
		input: async (_k, id) => `?id=${id}`,
		forbidden: "YOU_ARE_NOT_ALLOWED_TO_GET_USER",
		ok: (body, _k, id) => expect(body).toMatchObject({ id, role: "user", banned: false }),
	},
	{
		path: "/admin/create-user",
		input: async () => ({ email: "Created@Example.com", name: "Created", password: PASSWORD }),
		forbidden: "YOU_ARE_NOT_ALLOWED_TO_CREATE_USERS",
		ok: (body) => expect(body).toMatchObject({ user: { email: "created@example.com", name: "Created", role: "user", banned: false } }),
	},
	{
		path: "/admin/update-user",
		input: async (_k, id) => ({ userId: id, data: { name: "Renamed" } }),
		forbidden: "YOU_ARE_NOT_ALLOWED_TO_UPDATE_USERS",
		ok: (body, _k, id) => expect(body).toMatchObject({ id, name: "Renamed" }),
	},
	{
		path: "/admin/list-users",
		input: async () => "?limit=2",
		forbidden: "YOU_ARE_NOT_ALLOWED_TO_LIST_USERS",
		ok: (body) => expect(body).toMatchObject({ total: 3, limit: 2, users: [{}, {}] }),
	},
	{
		path: "/admin/list-user-sessions",
		input: async (_k, id) => ({ userId: id }),
		forbidden: "YOU_ARE_NOT_ALLOWED_TO_LIST_USERS_SESSIONS",
		ok: (body, _k, id) => expect(body).toMatchObject({ sessions: [{ userId: id, impersonatedBy: null }] }),
	},
	{
		path: "/admin/ban-user",
		input: async (_k, id) => ({ userId: id, banReason: "spam" }),
		forbidden: "YOU_ARE_NOT_ALLOWED_TO_BAN_USERS",
		ok: (body) => expect(body).toMatchObject({ user: { banned: true, banReason: "spam", banExpires: null } }),
	},
	{
		path: "/admin/unban-user",
		input: async (_k, id) => ({ userId: id }),
		forbidden: "YOU_ARE_NOT_ALLOWED_TO_BAN_USERS",
		ok: (body) => expect(body).toMatchObject({ user: { banned: false, banReason: null, banExpires: null } }),
	},
	{
		path: "/admin/impersonate-user",
		input: async (_k, id) => ({ userId: id }),
		forbidden: "YOU_ARE_NOT_ALLOWED_TO_IMPERSONATE_USERS",
		ok: (body, k, id) => expect(body).toMatchObject({ session: { userId: id, impersonatedBy: k.admin.id }, user: { id } }),
	},
	{
		path: "/admin/revoke-user-session",
		input: async (k, id) => ({ sessionToken: await sessionToken(k, id) }),
		forbidden: "YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS",
		ok: async (body, k, id) => {
			expect(body).toEqual({ success: true });
			expect(await k.t.auth.$context.storage.count("session", { userId: id })).toBe(0);
		},
	},
	{
		path: "/admin/revoke-user-sessions",
		input: async (_k, id) => ({ userId: id }),
		forbidden: "YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS",
		ok: async (body, k, id) => {
			expect(body).toEqual({ success: true });
			expect(await k.t.auth.$context.storage.count("session", { userId: id })).toBe(0);
		},
	},
	{
		path: "/admin/remove-user",
		input: async (_k, id) => ({ userId: id }),
		forbidden: "YOU_ARE_NOT_ALLOWED_TO_DELETE_USERS",
		ok: async (body, k, id) => {
			expect(body).toEqual({ success: true });
			expect(await k.row(id)).toBeNull();
		},
	},
	{
		path: "/admin/set-user-password",
		input: async (_k, id) => ({ userId: id, newPassword: "a-new-password-1" }),
		forbidden: "YOU_ARE_NOT_ALLOWED_TO_SET_USERS_PASSWORD",
		ok: (body) => expect(body).toEqual({ status: true }),
	},
];

async function send(client: AdminTestInstance["admin"]["client"], path: string, input: unknown) {
	const response = typeof input === "string" ? await client.request(`${path}${input}`) : await client.request(path, { json: input });
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : null, type: response.headers.get("content-type") };
}

for (const dialect of await testDialects()) {
	describe(`admin routes: who may call them [${dialect}]`, () => {
		for (const route of CASES) {
			test(`${route.path}: admin 200, non-admin 403 ${route.forbidden}, anonymous 401 empty`, async () => {
				const k = await adminTestInstance(dialect);
				const victim = await k.signUp({ email: "victim@example.com" });
				const input = await route.input(k, victim.id);
				const before = { counts: await k.t.snapshot(), victim: await k.row(victim.id) };

				const anonymous = await send(k.t.client(), route.path, input);
				expect(anonymous).toEqual({ status: 401, body: null, type: "application/json" });
				const refused = await send(k.user.client, route.path, input);
				expect(refused.status).toBe(403);
				expect(refused.body).toMatchObject({ code: route.forbidden });
				expect({ counts: await k.t.snapshot(), victim: await k.row(victim.id) }).toEqual(before);

				const allowed = await send(k.admin.client, route.path, input);
				expect(allowed.status).toBe(200);
				await route.ok(allowed.body, k, victim.id);
			});
		}

		test("a session whose user was demoted meanwhile is refused at once (no cached role)", async () => {
			const k = await adminTestInstance(dialect, {}, { session: { cookieCache: { enabled: true } } });
			expect((await call(k.admin.client, "/admin/list-users?limit=1")).status).toBe(200);
			await k.setRole(k.admin.id, "user");
			const res = await k.admin.client.request("/admin/list-users?limit=1");
			expect(res.status).toBe(403);
		});

		test("adminUserIds pass every check whatever their role", async () => {
			const k = await adminTestInstance(dialect, { adminUserIds: ["listed-admin-id"] });
			const listed = await k.seedUser({ id: "listed-admin-id", email: "listed@example.com", role: "user" });
			const hash = await k.t.auth.$context.emailAndPassword.hasher.hash(PASSWORD);
			await k.t.auth.$context.storage.create("account", credentialAccountRow(listed.id, hash, new Date()));
			const c = k.t.client();
			expect((await c.request("/sign-in/email", { json: { email: "listed@example.com", password: PASSWORD } })).status).toBe(200);
			expect((await call(c, "/admin/list-users?limit=1")).status).toBe(200);
			const perm = await call(c, "/admin/has-permission", { permissions: { user: ["impersonate-admins"] } });
			expect(perm.body).toEqual({ error: null, success: true });
		});
	});

	describe(`POST /admin/stop-impersonating and /admin/has-permission: access [${dialect}]`, () => {
		test("stop-impersonating: anonymous 401 empty; not impersonating 400 without code", async () => {
			const k = await adminTestInstance(dialect);
			expect(await send(k.t.client(), "/admin/stop-impersonating", {})).toEqual({ status: 401, body: null, type: "application/json" });
			const res = await call(k.user.client, "/admin/stop-impersonating", {});
			expect(res).toEqual({ status: 400, body: { message: "You are not impersonating anyone" } });
		});

		test("has-permission checks the session user over HTTP; 401 empty without one", async () => {
			const k = await adminTestInstance(dialect);
			const ask = { permissions: { user: ["ban"], session: ["revoke"] } };
			expect(await call(k.admin.client, "/admin/has-permission", ask)).toEqual({ status: 200, body: { error: null, success: true } });
			expect(await call(k.user.client, "/admin/has-permission", ask)).toEqual({ status: 200, body: { error: null, success: false } });
			// userId / role in the body never change who is checked over HTTP.
			const spoof = await call(k.user.client, "/admin/has-permission", { ...ask, userId: k.admin.id, role: "admin" });
			expect(spoof.body).toEqual({ error: null, success: false });
			expect(await send(k.t.client(), "/admin/has-permission", ask)).toEqual({ status: 401, body: null, type: "application/json" });
			const admins = await call(k.admin.client, "/admin/has-permission", { permissions: { user: ["impersonate-admins"] } });
			expect(admins.body).toEqual({ error: null, success: false });
			const missing = await call(k.admin.client, "/admin/has-permission", { permission: { user: ["ban"] } });
			expect(missing).toEqual({ status: 400, body: { message: "invalid permission check. no permission(s) were passed." } });
		});

		test("has-permission as a server call uses userId or role", async () => {
			const k = await adminTestInstance(dialect);
			const api = k.api;
			expect(await api.userHasPermission({ body: { role: "admin", permissions: { user: ["list"] } } })).toEqual({ error: null, success: true });
			expect(await api.userHasPermission({ body: { userId: k.user.id, permissions: { user: ["list"] } } })).toEqual({ error: null, success: false });
			expect(await api.userHasPermission({ body: { userId: k.admin.id, permissions: { user: ["list"] } } })).toEqual({ error: null, success: true });
			await expect(api.userHasPermission({ body: { permissions: { user: ["list"] } } })).rejects.toMatchObject({ statusCode: 400, body: { message: "user id or role is required" } });
			await expect(api.userHasPermission({ body: { userId: "nobody", permissions: { user: ["list"] } } })).rejects.toMatchObject({ body: { message: "user not found" } });
		});
	});
}
