/**
 * Enrolment and management through HTTP: enable (TOTP and OTP), verify-totp with a session,
 * get-totp-uri, generate-backup-codes, disable, and the server-only viewBackupCodes, with
 * every error path leaving the database as it was.
 */
import { describe, expect, test } from "bun:test";
import { Secret } from "otpauth";
import { symmetricDecrypt } from "../../crypto/symmetric.ts";
import { TEST_SECRET, testDialects } from "../../testing/index.ts";
import { COOKIES, PASSWORD, codeAt, enrolledUser, expectError, json, secretOf, setup } from "./test-kit.ts";

async function session(client: { request: (path: string) => Promise<Response> }) {
	return (await (await client.request("/get-session")).json()) as { user: { twoFactorEnabled: boolean }; session: { token: string } } | null;
}

const setCookie = (response: Response, name: string) => response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));

for (const dialect of await testDialects()) {
	describe(`two-factor enrolment [${dialect}]`, () => {
		test("enable (TOTP) returns the URI and 10 backup codes, stores both encrypted, and does not turn 2FA on yet", async () => {
			const t = await setup(dialect);
			const { client, body } = await t.signUp({ email: "ada@example.com", password: PASSWORD });
			const response = await client.request("/two-factor/enable", { json: { password: PASSWORD } });
			expect(response.status).toBe(200);
			expect(response.headers.get("cache-control")).toBe("no-store");
			expect(setCookie(response, COOKIES.session)).toBeUndefined();
			const data = (await response.json()) as { method: string; totpURI: string; backupCodes: string[] };
			expect(data.method).toBe("totp");
			expect(data.totpURI).toMatch(/^otpauth:\/\/totp\/Latchkey:ada%40example\.com\?secret=[A-Z2-7]+&issuer=Latchkey&digits=6&period=30$/);
			expect(data.backupCodes).toHaveLength(10);
			for (const code of data.backupCodes) expect(code).toMatch(/^[A-Za-z0-9]{5}-[A-Za-z0-9]{5}$/);

			const row = await t.auth.$context.storage.findOne("twoFactor", { userId: body.user.id });
			if (!row) throw new Error("no row");
			expect(row.verified).toBe(false);
			expect(row.secret).toMatch(/^[0-9a-f]{144}$/);
			const secret = symmetricDecrypt(TEST_SECRET, row.secret);
			expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
			// The URI carries the base32 of the secret's UTF-8 bytes (Better Auth's key format).
			expect(Secret.fromBase32(secretOf(data.totpURI)).utf8).toBe(secret);
			expect(JSON.parse(symmetricDecrypt(TEST_SECRET, row.backupCodes))).toEqual(data.backupCodes);
			expect((await session(client))?.user.twoFactorEnabled).toBe(false);
		});

		test("verify-totp with a session finishes enrolment: 2FA on, row verified, session replaced", async () => {
			const t = await setup(dialect);
			const { client, body } = await t.signUp({ password: PASSWORD });
			const before = await session(client);
			const { totpURI } = (await (await client.request("/two-factor/enable", { json: { password: PASSWORD } })).json()) as { totpURI: string };
			const wrong = await client.request("/two-factor/verify-totp", { json: { code: "000000" } });
			await expectError(wrong, 401, "INVALID_CODE");
			const response = await client.request("/two-factor/verify-totp", { json: { code: codeAt(t, secretOf(totpURI)) } });
			expect(response.status).toBe(200);
			const data = (await response.json()) as { token: string; user: { twoFactorEnabled: boolean } };
			const after = await session(client);
			expect(after?.user.twoFactorEnabled).toBe(true);
			expect(after?.session.token).toBe(data.token);
			expect(data.user.twoFactorEnabled).toBe(true);
			expect(after?.session.token).not.toBe(before?.session.token);
			expect(await t.auth.$context.storage.findOne("session", { token: before?.session.token ?? "" })).toBeNull();
			expect((await t.auth.$context.storage.findOne("twoFactor", { userId: body.user.id }))?.verified).toBe(true);
		});

		test("enable takes the issuer from the body, then the plugin option; get-totp-uri returns the same secret", async () => {
			const t = await setup(dialect, { issuer: "Acme Corp" });
			const { client } = await t.signUp({ email: "iss@example.com", password: PASSWORD });
			const first = await json(await client.request("/two-factor/enable", { json: { password: PASSWORD, issuer: "Body Co" } }));
			expect(String(first.totpURI)).toStartWith("otpauth://totp/Body%20Co:iss%40example.com?");
			expect(new URL(String(first.totpURI)).searchParams.get("issuer")).toBe("Body Co");
			// Still unverified: enabling again replaces the secret.
			const second = await json(await client.request("/two-factor/enable", { json: { password: PASSWORD } }));
			expect(String(second.totpURI)).toStartWith("otpauth://totp/Acme%20Corp:");
			expect(secretOf(String(second.totpURI))).not.toBe(secretOf(String(first.totpURI)));
			const uri = await json(await client.request("/two-factor/get-totp-uri", { json: { password: PASSWORD } }));
			expect(uri.totpURI).toBe(second.totpURI);
		});

		test("enable refusals change nothing", async () => {
			const t = await setup(dialect, { otpOptions: { sendOTP: undefined } });
			const anonymous = await t.client().request("/two-factor/enable", { json: { password: PASSWORD } });
			await expectError(anonymous, 401, "UNAUTHORIZED");
			const { client } = await t.signUp({ password: PASSWORD });
			const before = await t.snapshot();
			await expectError(await client.request("/two-factor/enable", { json: { password: "wrong-password" } }), 400, "INVALID_PASSWORD");
			await expectError(await client.request("/two-factor/enable", { json: {} }), 400, "INVALID_PASSWORD");
			await expectError(await client.request("/two-factor/enable", { json: { password: "x".repeat(200) } }), 400, "PASSWORD_TOO_LONG");
			const otp = await client.request("/two-factor/enable", { json: { password: PASSWORD, method: "otp" } });
			expect(await json(otp)).toEqual({ code: "OTP_NOT_CONFIGURED", message: "OTP is not available" });
			expect(await t.snapshot()).toEqual(before);
		});

		test("enable with TOTP off answers TOTP_NOT_CONFIGURED; a verified secret answers TOTP_ALREADY_ENABLED", async () => {
			const off = await setup(dialect, { totpOptions: { disable: true } });
			const { client } = await off.signUp({ password: PASSWORD });
			const response = await client.request("/two-factor/enable", { json: { password: PASSWORD } });
			expect({ status: response.status, body: await json(response) }).toEqual({ status: 400, body: { code: "TOTP_NOT_CONFIGURED", message: "TOTP is not available" } });

			const t = await setup(dialect);
			const user = await enrolledUser(t);
			const before = await t.snapshot();
			await expectError(await user.client.request("/two-factor/enable", { json: { password: PASSWORD } }), 400, "TOTP_ALREADY_ENABLED");
			expect(await t.snapshot()).toEqual(before);
		});

		test("enable (OTP) turns 2FA on at once and replaces the session", async () => {
			const t = await setup(dialect);
			const { client } = await t.signUp({ password: PASSWORD });
			const before = await session(client);
			const response = await client.request("/two-factor/enable", { json: { password: PASSWORD, method: "otp" } });
			expect(await json(response)).toEqual({ method: "otp" });
			expect(setCookie(response, COOKIES.session)).toContain("Max-Age=604800");
			const after = await session(client);
			expect(after?.user.twoFactorEnabled).toBe(true);
			expect(after?.session.token).not.toBe(before?.session.token);
			expect(await t.snapshot()).not.toHaveProperty("twoFactor");
		});

		test("skipVerificationOnEnable: the secret is verified and 2FA on at once, with a new session", async () => {
			const t = await setup(dialect, { skipVerificationOnEnable: true });
			const { client, body } = await t.signUp({ password: PASSWORD });
			const before = await session(client);
			const response = await client.request("/two-factor/enable", { json: { password: PASSWORD } });
			expect(response.status).toBe(200);
			const after = await session(client);
			expect(after?.user.twoFactorEnabled).toBe(true);
			expect(after?.session.token).not.toBe(before?.session.token);
			expect((await t.auth.$context.storage.findOne("twoFactor", { userId: body.user.id }))?.verified).toBe(true);
		});

		test("get-totp-uri: session, row, password; TOTP off uses Better Auth's inline message", async () => {
			const t = await setup(dialect);
			const { client } = await t.signUp({ password: PASSWORD });
			await expectError(await t.client().request("/two-factor/get-totp-uri", { json: { password: PASSWORD } }), 401, "UNAUTHORIZED");
			await expectError(await client.request("/two-factor/get-totp-uri", { json: { password: PASSWORD } }), 400, "TOTP_NOT_ENABLED");
			await client.request("/two-factor/enable", { json: { password: PASSWORD } });
			await expectError(await client.request("/two-factor/get-totp-uri", { json: { password: "nope-nope" } }), 400, "INVALID_PASSWORD");
			const ok = await client.request("/two-factor/get-totp-uri", { json: { password: PASSWORD } });
			expect(ok.headers.get("cache-control")).toBe("no-store");
			expect(String((await json(ok)).totpURI)).toStartWith("otpauth://totp/Latchkey:");

			const off = await setup(dialect, { totpOptions: { disable: true } });
			const other = await off.signUp({ password: PASSWORD });
			expect(await json(await other.client.request("/two-factor/get-totp-uri", { json: { password: PASSWORD } }))).toEqual({ code: "TOTP_NOT_CONFIGURED", message: "totp isn't configured" });
		});

		test("generate-backup-codes replaces every code; viewBackupCodes (server only) shows them", async () => {
			const t = await setup(dialect);
			const { client } = await t.signUp({ password: PASSWORD });
			await expectError(await client.request("/two-factor/generate-backup-codes", { json: { password: PASSWORD } }), 400, "TWO_FACTOR_NOT_ENABLED");
			const user = await enrolledUser(t);
			const before = await t.snapshot();
			await expectError(await user.client.request("/two-factor/generate-backup-codes", { json: { password: "wrong-pass" } }), 400, "INVALID_PASSWORD");
			expect(await t.snapshot()).toEqual(before);
			const response = await user.client.request("/two-factor/generate-backup-codes", { json: { password: PASSWORD } });
			const data = (await response.json()) as { status: boolean; backupCodes: string[] };
			expect(data.status).toBe(true);
			expect(data.backupCodes).toHaveLength(10);
			expect(data.backupCodes.some((code) => user.backupCodes.includes(code))).toBe(false);
			expect(await t.api.viewBackupCodes({ body: { userId: user.userId } })).toEqual({ status: true, backupCodes: data.backupCodes });
			await expect(t.api.viewBackupCodes({ body: { userId: "nobody" } })).rejects.toMatchObject({ body: { code: "BACKUP_CODES_NOT_ENABLED" } });
			expect((await user.client.request("/two-factor/view-backup-codes", { json: { userId: user.userId } })).status).toBe(404);
			// An old code is dead.
			await expectError(await user.client.request("/two-factor/verify-backup-code", { json: { code: user.backupCodes[0] } }), 401, "INVALID_BACKUP_CODE");
		});

		test("backup codes stored plain or with a custom generator when configured", async () => {
			const t = await setup(dialect, { backupCodeOptions: { storeBackupCodes: "plain", customBackupCodesGenerate: () => ["one", "two"] } });
			const user = await enrolledUser(t);
			expect(user.backupCodes).toEqual(["one", "two"]);
			expect((await t.auth.$context.storage.findOne("twoFactor", { userId: user.userId }))?.backupCodes).toBe('["one","two"]');
		});

		test("disable: password, then 2FA off, secret gone, session replaced; refusals change nothing", async () => {
			const t = await setup(dialect);
			const user = await enrolledUser(t);
			const before = await t.snapshot();
			await expectError(await user.client.request("/two-factor/disable", { json: { password: "wrong-pass" } }), 400, "INVALID_PASSWORD");
			await expectError(await user.client.request("/two-factor/disable", { json: {} }), 400, "INVALID_PASSWORD");
			await expectError(await t.client().request("/two-factor/disable", { json: { password: PASSWORD } }), 401, "UNAUTHORIZED");
			expect(await t.snapshot()).toEqual(before);
			const old = await session(user.client);
			const response = await user.client.request("/two-factor/disable", { json: { password: PASSWORD } });
			expect(await json(response)).toEqual({ status: true });
			const now = await session(user.client);
			expect(now?.user.twoFactorEnabled).toBe(false);
			expect(now?.session.token).not.toBe(old?.session.token);
			expect(await t.auth.$context.storage.findOne("twoFactor", { userId: user.userId })).toBeNull();
			// A plain password sign-in now gets a session.
			const signIn = await t.client().request("/sign-in/email", { json: { email: user.email, password: PASSWORD } });
			expect(await json(signIn)).toHaveProperty("token");
		});

		test("allowPasswordless: a user without a password manages 2FA without one; others still need theirs", async () => {
			const t = await setup(dialect, { allowPasswordless: true });
			const { client, body } = await t.signUp({ password: PASSWORD });
			await t.auth.$context.storage.delete("account", { userId: body.user.id });
			const response = await client.request("/two-factor/enable", { json: {} });
			expect(response.status).toBe(200);
			const other = await t.signUp({ password: PASSWORD });
			await expectError(await other.client.request("/two-factor/enable", { json: {} }), 400, "INVALID_PASSWORD");
		});
	});
}
