import { describe, expect, test } from "bun:test";
import { createAuthClient } from "better-auth/client";
import { ADMIN_ERROR_CODES as BETTER_AUTH_ADMIN_CODES, adminClient, usernameClient } from "better-auth/client/plugins";
import { ADMIN_ERROR_CODES } from "@latchkey/core";
import type { LatchkeyOptions } from "../context/options.ts";
import { admin } from "../plugins/admin/index.ts";
import { username } from "../plugins/username/index.ts";
import { CookieJar, TEST_ORIGIN, getTestInstance, testDialects } from "../testing/index.ts";
import type { TestInstance } from "../testing/index.ts";

/**
 * The published Better Auth client (1.7.6) with its `adminClient()` plugin, unmodified,
 * against Latchkey's `admin()`: the calls an admin dashboard makes.
 */

const PASSWORD = "password1234";

/** A Better Auth client with `adminClient()` whose fetches go through a cookie jar into the instance. */
function adminDropInClient(t: TestInstance<LatchkeyOptions>) {
	const jar = new CookieJar();
	const requests: Request[] = [];
	const customFetchImpl = jar.wrap((request) => {
		requests.push(request.clone());
		return t.auth.handler(request, { ip: "127.0.0.1" });
	}, { origin: TEST_ORIGIN });
	const client = createAuthClient({ baseURL: TEST_ORIGIN, plugins: [usernameClient(), adminClient()], fetchOptions: { customFetchImpl } });
	return { client, jar, requests };
}

async function setup(dialect: Parameters<typeof getTestInstance>[0]) {
	const t = await getTestInstance(dialect, { plugins: [username(), admin()] });
	const boss = adminDropInClient(t);
	const { data } = await boss.client.signUp.email({ name: "Boss", email: "boss@example.com", password: PASSWORD });
	if (!data) throw new Error("sign-up failed");
	await t.auth.$context.storage.update("user", { id: data.user.id }, { role: "admin" });
	return { t, boss, bossId: data.user.id };
}

test("every admin error code of Better Auth 1.7.6 has the same code and message here", () => {
	for (const [key, entry] of Object.entries(BETTER_AUTH_ADMIN_CODES)) {
		expect({ key, entry: ADMIN_ERROR_CODES[key as keyof typeof ADMIN_ERROR_CODES] }).toEqual({ key, entry: { code: entry.code, message: entry.message } });
	}
});

for (const dialect of await testDialects()) {
	describe(`Better Auth adminClient against Latchkey [${dialect}]`, () => {
		test("createUser, listUsers with search (GET), setRole", async () => {
			const { t, boss } = await setup(dialect);
			const created = await boss.client.admin.createUser({ email: "Carol@Example.com", name: "Carol", password: PASSWORD, role: "user" });
			expect(created.error).toBeNull();
			expect(created.data?.user).toMatchObject({ email: "carol@example.com", name: "Carol", role: "user", banned: false });
			expect(created.data?.user.createdAt).toBeInstanceOf(Date);
			await boss.client.admin.createUser({ email: "dave@example.com", name: "Dave", password: PASSWORD });

			const listed = await boss.client.admin.listUsers({ query: { searchValue: "carol", searchField: "email", limit: 10, offset: 0 } });
			expect(listed.error).toBeNull();
			expect(listed.data).toMatchObject({ total: 1, limit: 10 });
			expect(listed.data?.users.map((u) => u.email)).toEqual(["carol@example.com"]);
			const sent = boss.requests.at(-1);
			expect(sent?.method).toBe("GET");
			expect(new URL(sent?.url ?? TEST_ORIGIN).searchParams.get("searchValue")).toBe("carol");

			const sorted = await boss.client.admin.listUsers({ query: { sortBy: "email", sortDirection: "desc" } });
			expect(sorted.data?.users.map((u) => u.email)).toEqual(["dave@example.com", "carol@example.com", "boss@example.com"]);

			const carolId = created.data?.user.id ?? "";
			const role = await boss.client.admin.setRole({ userId: carolId, role: ["user", "admin"] });
			expect(role.error).toBeNull();
			expect(role.data?.user.role).toBe("user,admin");
			expect((await t.auth.$context.storage.findOne("user", { id: carolId }))?.role).toBe("user,admin");
		});

		test("banUser refuses the user's sign-in with BANNED_USER; unbanUser lets them in", async () => {
			const { t, boss } = await setup(dialect);
			const target = adminDropInClient(t);
			const { data } = await target.client.signUp.email({ name: "Eve", email: "eve@example.com", password: PASSWORD });
			const eveId = data?.user.id ?? "";
			const banned = await boss.client.admin.banUser({ userId: eveId, banReason: "spam", banExpiresIn: 3600 });
			expect(banned.error).toBeNull();
			expect(banned.data?.user).toMatchObject({ banned: true, banReason: "spam" });
			expect((await target.client.getSession()).data).toBeNull();
			const refused = await adminDropInClient(t).client.signIn.email({ email: "eve@example.com", password: PASSWORD });
			expect(refused.data).toBeNull();
			expect(refused.error).toMatchObject({ status: 403, code: "BANNED_USER" });

			const unbanned = await boss.client.admin.unbanUser({ userId: eveId });
			expect(unbanned.data?.user).toMatchObject({ banned: false, banReason: null, banExpires: null });
			expect((await adminDropInClient(t).client.signIn.email({ email: "eve@example.com", password: PASSWORD })).error).toBeNull();
		});

		test("impersonateUser then stopImpersonating swap the session and back", async () => {
			const { t, boss, bossId } = await setup(dialect);
			const { data } = await adminDropInClient(t).client.signUp.email({ name: "Frank", email: "frank@example.com", password: PASSWORD });
			const frankId = data?.user.id ?? "";
			const imp = await boss.client.admin.impersonateUser({ userId: frankId });
			expect(imp.error).toBeNull();
			expect(imp.data?.session).toMatchObject({ userId: frankId, impersonatedBy: bossId });
			expect(boss.jar.cookies.has("better-auth.admin_session")).toBe(true);
			const asFrank = await boss.client.getSession();
			expect(asFrank.data?.user.email).toBe("frank@example.com");
			expect(asFrank.data?.session).toMatchObject({ impersonatedBy: bossId });

			const refused = await boss.client.admin.listUsers({ query: {} });
			expect(refused.error).toMatchObject({ status: 403, code: "YOU_ARE_NOT_ALLOWED_TO_LIST_USERS" });

			const stop = await boss.client.admin.stopImpersonating();
			expect(stop.error).toBeNull();
			expect(stop.data?.user.id).toBe(bossId);
			expect(boss.requests.at(-1)?.method).toBe("POST");
			expect(boss.jar.cookies.has("better-auth.admin_session")).toBe(false);
			expect((await boss.client.getSession()).data?.user.email).toBe("boss@example.com");
			expect((await boss.client.admin.listUsers({ query: { limit: 1 } })).error).toBeNull();
		});

		test("other admin calls: getUser, updateUser, listUserSessions, revokeUserSessions, setUserPassword, hasPermission, removeUser", async () => {
			const { t, boss } = await setup(dialect);
			const target = adminDropInClient(t);
			const { data } = await target.client.signUp.email({ name: "Gus", email: "gus@example.com", password: PASSWORD });
			const gusId = data?.user.id ?? "";
			expect((await boss.client.admin.getUser({ query: { id: gusId } })).data).toMatchObject({ id: gusId, email: "gus@example.com" });
			expect((await boss.client.admin.updateUser({ userId: gusId, data: { name: "Gustav" } })).data).toMatchObject({ name: "Gustav" });
			const sessions = await boss.client.admin.listUserSessions({ userId: gusId });
			expect(sessions.data?.sessions).toHaveLength(1);
			expect((await boss.client.admin.revokeUserSessions({ userId: gusId })).data).toEqual({ success: true });
			expect((await target.client.getSession()).data).toBeNull();
			expect((await boss.client.admin.setUserPassword({ userId: gusId, newPassword: "another-pass-1" })).data).toEqual({ status: true });
			expect((await adminDropInClient(t).client.signIn.email({ email: "gus@example.com", password: "another-pass-1" })).error).toBeNull();
			expect((await boss.client.admin.hasPermission({ permissions: { user: ["ban"] } })).data).toEqual({ error: null, success: true });
			expect(boss.client.admin.checkRolePermission({ role: "user", permissions: { user: ["ban"] } })).toBe(false);
			expect((await boss.client.admin.removeUser({ userId: gusId })).data).toEqual({ success: true });
			expect((await boss.client.admin.getUser({ query: { id: gusId } })).error).toMatchObject({ status: 404, code: "USER_NOT_FOUND" });
		});
	});
}
