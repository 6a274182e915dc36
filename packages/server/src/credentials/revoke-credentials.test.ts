/**
 * SECURITY.md rule 16: a password reset, an admin setting a password, a ban and a deletion
 * reach every credential, not only the user's sessions: trusted devices, API keys acting as
 * sessions, and impersonation sessions the user started as an admin. Each test also checks
 * that another user's credentials are left alone.
 */
import { describe, expect, test } from "bun:test";
import { admin } from "../plugins/admin/index.ts";
import { apiKey } from "../plugins/api-key/index.ts";
import { twoFactor } from "../plugins/two-factor/index.ts";
import { createTrustedDevice } from "../plugins/two-factor/trust-device.ts";
import { username } from "../plugins/username/index.ts";
import { cmp } from "../storage/storage.ts";
import { getTestInstance, testDialects } from "../testing/index.ts";
import type { Dialect, TestClient } from "../testing/index.ts";

const PASSWORD = "password1234";

async function setup(dialect: Dialect) {
	const resetTokens: string[] = [];
	const t = await getTestInstance(dialect, {
		emailAndPassword: { enabled: true, sendResetPassword: ({ token }: { token: string }) => void resetTokens.push(token) },
		advanced: { constantResponseMs: 0 },
		plugins: [username(), admin(), twoFactor(), apiKey({ enableSessionForAPIKeys: true })],
	});
	const storage = t.auth.$context.storage;
	let seq = 0;
	/** A signed-up user with a trusted device and an API key. */
	const member = async () => {
		const email = `member${++seq}@example.com`;
		const { client, body } = await t.signUp({ email, password: PASSWORD, name: `Member ${seq}` });
		await createTrustedDevice(t.auth.$context, storage, { userId: body.user.id, maxAgeSeconds: 3600 });
		const created = await client.request("/api-key/create", { json: { name: "ci" } });
		expect(created.status).toBe(200);
		const { key } = (await created.json()) as { key: string };
		return { client, id: body.user.id, email, key };
	};
	const trustedDevices = (userId: string) => storage.count("verification", { identifier: cmp.startsWith("trust-device-"), value: userId });
	const keySession = async (key: string) => {
		const response = await t.client().request("/get-session", { headers: { "x-api-key": key } });
		return response.status === 200 ? ((await response.json()) as { user?: { id: string } } | null)?.user?.id ?? null : null;
	};
	const sessionUser = async (client: TestClient) => ((await (await client.request("/get-session")).json()) as { user?: { id: string } } | null)?.user?.id ?? null;
	return { t, storage, resetTokens, member, trustedDevices, keySession, sessionUser };
}

for (const dialect of await testDialects()) {
	describe(`credential revocation [${dialect}]`, () => {
		test("a password reset forgets trusted devices and disables API keys acting as sessions", async () => {
			const k = await setup(dialect);
			const victim = await k.member();
			const bystander = await k.member();
			expect(await k.keySession(victim.key)).toBe(victim.id);
			expect((await k.t.client().request("/request-password-reset", { json: { email: victim.email } })).status).toBe(200);
			const token = k.resetTokens.at(-1);
			expect((await k.t.client().request("/reset-password", { json: { token, newPassword: "new-password-5678" } })).status).toBe(200);

			expect(await k.trustedDevices(victim.id)).toBe(0);
			expect(await k.keySession(victim.key)).toBeNull();
			expect((await k.storage.findOne("apikey", { referenceId: victim.id }))?.enabled).toBe(false);
			expect(await k.trustedDevices(bystander.id)).toBe(1);
			expect(await k.keySession(bystander.key)).toBe(bystander.id);
		});

		test("an admin setting a password does the same", async () => {
			const k = await setup(dialect);
			const boss = await k.member();
			await k.storage.update("user", { id: boss.id }, { role: "admin" });
			const victim = await k.member();
			const response = await boss.client.request("/admin/set-user-password", { json: { userId: victim.id, newPassword: "new-password-5678" } });
			expect(response.status).toBe(200);
			expect(await k.trustedDevices(victim.id)).toBe(0);
			expect(await k.keySession(victim.key)).toBeNull();
			expect(await k.trustedDevices(boss.id)).toBe(1);
			expect(await k.keySession(boss.key)).toBe(boss.id);
		});

		test("banning an admin ends the impersonation sessions they started and forgets their devices", async () => {
			const k = await setup(dialect);
			const rogue = await k.member();
			const boss = await k.member();
			const target = await k.member();
			for (const id of [rogue.id, boss.id]) await k.storage.update("user", { id }, { role: "admin" });
			expect((await rogue.client.request("/admin/impersonate-user", { json: { userId: target.id } })).status).toBe(200);
			expect(await k.sessionUser(rogue.client)).toBe(target.id);
			expect(await k.storage.count("session", { impersonatedBy: rogue.id })).toBe(1);

			expect((await boss.client.request("/admin/ban-user", { json: { userId: rogue.id } })).status).toBe(200);
			expect(await k.sessionUser(rogue.client)).toBeNull();
			expect(await k.storage.count("session", { impersonatedBy: rogue.id })).toBe(0);
			expect(await k.trustedDevices(rogue.id)).toBe(0);
			// The impersonated user's own session is untouched.
			expect(await k.sessionUser(target.client)).toBe(target.id);
		});

		test("deleting a user deletes their API keys and the impersonation sessions they started", async () => {
			const k = await setup(dialect);
			const leaving = await k.member();
			const boss = await k.member();
			const target = await k.member();
			for (const id of [leaving.id, boss.id]) await k.storage.update("user", { id }, { role: "admin" });
			expect((await leaving.client.request("/admin/impersonate-user", { json: { userId: target.id } })).status).toBe(200);

			expect((await boss.client.request("/admin/remove-user", { json: { userId: leaving.id } })).status).toBe(200);
			expect(await k.storage.count("apikey", { referenceId: leaving.id })).toBe(0);
			expect(await k.storage.count("session", { impersonatedBy: leaving.id })).toBe(0);
			expect(await k.sessionUser(leaving.client)).toBeNull();
			expect(await k.trustedDevices(leaving.id)).toBe(0);
			expect(await k.storage.count("apikey", { referenceId: boss.id })).toBe(1);
		});
	});
}
