import { describe, expect, test } from "bun:test";
import { testDialects } from "../../testing/index.ts";
import { adminTestInstance, call } from "./test-kit.ts";

const BANNED = { code: "BANNED_USER", message: "You have been banned from this application. Please contact support if you believe this is an error." };
const HOUR = 3_600_000;

/** A clock the test moves by hand. */
function clock(start = Date.UTC(2025, 5, 1)) {
	let at = start;
	return { now: () => new Date(at), advance: (ms: number) => (at += ms) };
}

for (const dialect of await testDialects()) {
	describe(`admin: bans [${dialect}]`, () => {
		test("ban-user stores reason and expiry, ends every session, and sign-in answers 403 BANNED_USER", async () => {
			const c = clock();
			const k = await adminTestInstance(dialect, {}, { now: c.now });
			await k.signIn(k.user.email);
			const res = await call(k.admin.client, "/admin/ban-user", { userId: k.user.id, banReason: "spam", banExpiresIn: 3600 });
			expect(res.status).toBe(200);
			expect(res.body).toMatchObject({ user: { id: k.user.id, banned: true, banReason: "spam", banExpires: new Date(c.now().getTime() + HOUR).toISOString() } });
			expect(await k.t.auth.$context.storage.count("session", { userId: k.user.id })).toBe(0);
			expect(await (await k.user.client.request("/get-session")).json()).toBeNull();
			const before = await k.t.snapshot();
			const signIn = await k.signIn(k.user.email);
			expect(signIn.status).toBe(403);
			expect(await signIn.json()).toEqual(BANNED);
			expect(signIn.headers.getSetCookie()).toEqual([]);
			const byUsername = await k.t.client().request("/sign-in/username", { json: { username: "nobody", password: "x" } });
			expect(byUsername.status).toBe(401);
			expect(await k.t.snapshot()).toEqual(before);
		});

		test("an expired ban lifts itself at the next sign-in", async () => {
			const c = clock();
			const k = await adminTestInstance(dialect, {}, { now: c.now });
			await call(k.admin.client, "/admin/ban-user", { userId: k.user.id, banExpiresIn: 60 });
			c.advance(59_000);
			expect((await k.signIn(k.user.email)).status).toBe(403);
			c.advance(1_000);
			const res = await k.signIn(k.user.email);
			expect(res.status).toBe(200);
			expect((await res.json()).user).toMatchObject({ banned: false, banReason: null, banExpires: null });
			expect(await k.row(k.user.id)).toMatchObject({ banned: false, banReason: null, banExpires: null });
		});

		test("defaults: reason 'No reason' or defaultBanReason, expiry from defaultBanExpiresIn, else permanent", async () => {
			const c = clock();
			const plain = await adminTestInstance(dialect, {}, { now: c.now });
			expect((await call(plain.admin.client, "/admin/ban-user", { userId: plain.user.id })).body).toMatchObject({ user: { banReason: "No reason", banExpires: null } });
			const configured = await adminTestInstance(dialect, { defaultBanReason: "Policy", defaultBanExpiresIn: 7200 }, { now: c.now });
			const res = await call(configured.admin.client, "/admin/ban-user", { userId: configured.user.id });
			expect(res.body).toMatchObject({ user: { banReason: "Policy", banExpires: new Date(c.now().getTime() + 2 * HOUR).toISOString() } });
		});

		test("bannedUserMessage may be a function of the user", async () => {
			const k = await adminTestInstance(dialect, { bannedUserMessage: (user) => `Sorry ${user.name}, ${user.banReason}` });
			await call(k.admin.client, "/admin/ban-user", { userId: k.user.id, banReason: "spam" });
			expect(await (await k.signIn(k.user.email)).json()).toEqual({ code: "BANNED_USER", message: "Sorry Plain, spam" });
		});

		test("unban-user lets the user in again; unknown users 404", async () => {
			const k = await adminTestInstance(dialect);
			await call(k.admin.client, "/admin/ban-user", { userId: k.user.id });
			expect((await call(k.admin.client, "/admin/unban-user", { userId: k.user.id })).body).toMatchObject({ user: { banned: false, banReason: null, banExpires: null } });
			expect((await k.signIn(k.user.email)).status).toBe(200);
			expect((await call(k.admin.client, "/admin/unban-user", { userId: "nobody" })).status).toBe(404);
		});

		test("refusals: yourself, unknown user, bad expiry, oversized reason — nothing changes", async () => {
			const k = await adminTestInstance(dialect);
			const before = { counts: await k.t.snapshot(), user: await k.row(k.user.id), admin: await k.row(k.admin.id) };
			const cases: [unknown, number, string][] = [
				[{ userId: k.admin.id }, 400, "YOU_CANNOT_BAN_YOURSELF"],
				[{ userId: "nobody" }, 404, "USER_NOT_FOUND"],
				[{ userId: k.user.id, banExpiresIn: -5 }, 400, "VALIDATION_ERROR"],
				[{ userId: k.user.id, banExpiresIn: "3600" }, 400, "VALIDATION_ERROR"],
				[{ userId: k.user.id, banExpiresIn: 1e12 }, 400, "VALIDATION_ERROR"],
				[{ userId: k.user.id, banReason: "r".repeat(1025) }, 400, "VALIDATION_ERROR"],
				[{ userId: 42 }, 400, "VALIDATION_ERROR"],
				[{}, 400, "VALIDATION_ERROR"],
			];
			for (const [json, status, code] of cases) {
				const res = await call(k.admin.client, "/admin/ban-user", json);
				expect({ json, status: res.status, code: (res.body as { code?: string }).code }).toEqual({ json, status, code });
			}
			expect({ counts: await k.t.snapshot(), user: await k.row(k.user.id), admin: await k.row(k.admin.id) }).toEqual(before);
		});

		test("a banned user cannot be impersonated (the session-create check runs there too)", async () => {
			const k = await adminTestInstance(dialect);
			await call(k.admin.client, "/admin/ban-user", { userId: k.user.id });
			const before = await k.t.snapshot();
			expect(await call(k.admin.client, "/admin/impersonate-user", { userId: k.user.id })).toEqual({ status: 403, body: BANNED });
			expect(await k.t.snapshot()).toEqual(before);
		});
	});
}
