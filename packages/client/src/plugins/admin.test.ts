import { describe, expect, test } from "bun:test";
import { ADMIN_ERROR_CODES, adminRoutes } from "@latchkey/core";
import { admin, username } from "@latchkey/server";
import { getTestInstance, testDialects } from "@latchkey/server/testing";
import { createInProcessClient, waitForValue } from "../testing/in-process.ts";
import { ADMIN_ROUTE_METHODS, adminClient } from "./admin.ts";

test("the zod-free runtime table matches the admin contracts exactly", () => {
	const fromContracts = Object.fromEntries(Object.entries(adminRoutes).map(([key, c]) => [key, { name: c.name, method: c.method, path: c.path }]));
	expect(ADMIN_ROUTE_METHODS as unknown).toEqual(fromContracts);
});

const PASSWORD = "password1234";

for (const dialect of await testDialects()) {
	describe(`adminClient against the server [${dialect}]`, () => {
		test("typed admin calls: methods, bodies and answers", async () => {
			const t = await getTestInstance(dialect, { plugins: [username(), admin()] });
			const { client, requests } = createInProcessClient(t, { plugins: [adminClient()] });
			const up = await client.signUp.email({ name: "Root", email: "root@example.com", password: PASSWORD });
			if (up.error) throw new Error("sign-up failed");
			await t.auth.$context.storage.update("user", { id: up.data.user.id }, { role: "admin" });

			const created = await client.admin.createUser({ email: "ada@example.com", name: "Ada", password: PASSWORD, data: { emailVerified: true } });
			if (created.error) throw new Error(created.error.code);
			expect(created.data.user).toMatchObject({ email: "ada@example.com", role: "user", emailVerified: true });

			const listed = await client.admin.listUsers({ query: { searchValue: "ada", limit: 5 } });
			if (listed.error) throw new Error(listed.error.code);
			expect(listed.data.total).toBe(1);
			expect(listed.data.users[0]?.createdAt).toBeInstanceOf(Date);
			expect(`${requests.at(-1)?.method} ${requests.at(-1)?.url.pathname}${requests.at(-1)?.url.search}`).toBe("GET /api/auth/admin/list-users?searchValue=ada&limit=5");

			const adaId = created.data.user.id;
			expect((await client.admin.getUser({ query: { id: adaId } })).data).toMatchObject({ id: adaId });
			expect(requests.at(-1)?.method).toBe("GET");
			expect((await client.admin.updateUser({ userId: adaId, data: { name: "Ada L." } })).data).toMatchObject({ name: "Ada L." });
			expect((await client.admin.setRole({ userId: adaId, role: "admin" })).data?.user.role).toBe("admin");
			const banned = await client.admin.banUser({ userId: adaId, banReason: "test" });
			expect(banned.data?.user).toMatchObject({ banned: true, banReason: "test" });
			expect((await client.admin.hasPermission({ permissions: { user: ["ban"] } })).data).toEqual({ error: null, success: true });
			const self = await client.admin.removeUser({ userId: up.data.user.id });
			expect(self.error).toMatchObject({ status: 400, code: ADMIN_ERROR_CODES.YOU_CANNOT_REMOVE_YOURSELF.code, message: "You cannot remove yourself" });
			expect(client.$ERROR_CODES.YOU_CANNOT_REMOVE_THE_LAST_ADMIN.code).toBe("YOU_CANNOT_REMOVE_THE_LAST_ADMIN");
		});

		test("impersonateUser and stopImpersonating refetch the session store", async () => {
			const t = await getTestInstance(dialect, { plugins: [username(), admin()] });
			const target = await t.signUp({ email: "target@example.com" });
			const { client, requests } = createInProcessClient(t, { plugins: [adminClient()] });
			const up = await client.signUp.email({ name: "Root", email: "root@example.com", password: PASSWORD });
			await t.auth.$context.storage.update("user", { id: up.data?.user.id ?? "" }, { role: "admin" });
			const unsubscribe = client.$session.listen(() => {});
			await waitForValue(client.$session, (s) => s.data?.user.email === "root@example.com");

			const imp = await client.admin.impersonateUser({ userId: target.body.user.id });
			expect(imp.data?.session.impersonatedBy).toBe(up.data?.user.id);
			await waitForValue(client.$session, (s) => s.data?.user.email === "target@example.com");
			const stop = await client.admin.stopImpersonating();
			expect(stop.error).toBeNull();
			expect(requests.filter((r) => r.url.pathname.startsWith("/api/auth/admin/")).map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
				"POST /api/auth/admin/impersonate-user",
				"POST /api/auth/admin/stop-impersonating",
			]);
			await waitForValue(client.$session, (s) => s.data?.user.email === "root@example.com");
			unsubscribe();
		});
	});
}
