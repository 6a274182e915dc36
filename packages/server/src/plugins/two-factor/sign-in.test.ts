/**
 * Sign-in with a second factor (spec/plugins.md §3.4): the password answer is replaced by a
 * pending challenge, and TOTP, an email code or a backup code finishes it; trusted devices
 * skip it and are rotated at each use.
 */
import { describe, expect, test } from "bun:test";
import { cmp } from "../../storage/storage.ts";
import { testDialects } from "../../testing/index.ts";
import type { TestClient } from "../../testing/index.ts";
import { COOKIES, PASSWORD, codeAt, enrolledUser, expectError, json, pendingSignIn, setup } from "./test-kit.ts";
import type { TwoFactorTestInstance } from "./test-kit.ts";

const setCookies = (response: Response) => response.headers.getSetCookie();
const setCookie = (response: Response, name: string) => setCookies(response).find((c) => c.startsWith(`${name}=`));

async function sessionUserId(client: TestClient): Promise<string | null> {
	const data = (await (await client.request("/get-session")).json()) as { user: { id: string } } | null;
	return data?.user.id ?? null;
}

/** Signs in and finishes with TOTP and trustDevice: the browser is now trusted. */
async function trustedBrowser(t: TwoFactorTestInstance, email: string, secret: string): Promise<TestClient> {
	const { client } = await pendingSignIn(t, email);
	const verify = await client.request("/two-factor/verify-totp", { json: { code: codeAt(t, secret), trustDevice: true } });
	expect(verify.status).toBe(200);
	t.clock.advance(30);
	return client;
}

for (const dialect of await testDialects()) {
	describe(`two-factor sign-in [${dialect}]`, () => {
		test("a password sign-in gets a challenge instead of a session; verify-totp finishes it", async () => {
			const t = await setup(dialect);
			const user = await enrolledUser(t);
			const sessionsBefore = await t.auth.$context.storage.count("session", { userId: user.userId });
			const { client, response } = await pendingSignIn(t, user.email);
			expect(response.status).toBe(200);
			expect(await json(response)).toEqual({ twoFactorRedirect: true, twoFactorMethods: ["totp", "otp"] });
			expect(response.headers.get("set-auth-token")).toBeNull();
			expect(setCookie(response, COOKIES.session)).toContain("Max-Age=0");
			expect(setCookie(response, COOKIES.challenge)).toMatch(/^better-auth\.two_factor=2fa-[A-Za-z0-9_-]{20}\.[^;]+; Max-Age=600; Path=\/; HttpOnly; SameSite=Lax$/);
			expect(await t.auth.$context.storage.count("session", { userId: user.userId })).toBe(sessionsBefore);
			expect(await sessionUserId(client)).toBeNull();

			const verify = await client.request("/two-factor/verify-totp", { json: { code: codeAt(t, user.secret) } });
			expect(verify.status).toBe(200);
			expect(verify.headers.get("cache-control")).toBe("no-store");
			const body = (await verify.json()) as { token: string; user: { id: string; twoFactorEnabled: boolean } };
			expect(body.user).toMatchObject({ id: user.userId, twoFactorEnabled: true });
			expect(setCookies(verify).map((c) => c.split("=")[0])).toEqual([COOKIES.session, COOKIES.challenge]);
			expect(setCookie(verify, COOKIES.session)).toStartWith(`${COOKIES.session}=${body.token}.`);
			expect(setCookie(verify, COOKIES.challenge)).toContain("Max-Age=0");
			expect(verify.headers.get("set-auth-token")).toStartWith(`${body.token}.`);
			expect(await sessionUserId(client)).toBe(user.userId);
			// The challenge and its counter are gone.
			expect(await t.auth.$context.storage.count("verification", { value: user.userId })).toBe(0);
		});

		test("sign-in/username is intercepted too", async () => {
			const t = await setup(dialect);
			const { client } = await t.signUp({ email: "un@example.com", password: PASSWORD, username: "tfuser" });
			await client.request("/two-factor/enable", { json: { password: PASSWORD, method: "otp" } });
			const response = await t.client().request("/sign-in/username", { json: { username: "tfuser", password: PASSWORD } });
			expect(await json(response)).toEqual({ twoFactorRedirect: true, twoFactorMethods: ["otp"] });
		});

		test("twoFactorMethods lists TOTP only for a verified secret and OTP only when configured", async () => {
			const t = await setup(dialect, { otpOptions: { sendOTP: undefined } });
			const user = await enrolledUser(t);
			expect(await json((await pendingSignIn(t, user.email)).response)).toEqual({ twoFactorRedirect: true, twoFactorMethods: ["totp"] });
			const off = await setup(dialect, { totpOptions: { disable: true } });
			const { client } = await off.signUp({ email: "otp@example.com", password: PASSWORD });
			await client.request("/two-factor/enable", { json: { password: PASSWORD, method: "otp" } });
			expect(await json((await pendingSignIn(off, "otp@example.com")).response)).toEqual({ twoFactorRedirect: true, twoFactorMethods: ["otp"] });
		});

		test("users without 2FA, and wrong passwords, are not affected", async () => {
			const t = await setup(dialect);
			await t.signUp({ email: "plain@example.com", password: PASSWORD });
			const ok = await pendingSignIn(t, "plain@example.com");
			expect(await json(ok.response)).toHaveProperty("token");
			const user = await enrolledUser(t);
			const wrong = await t.client().request("/sign-in/email", { json: { email: user.email, password: "wrong-password" } });
			await expectError(wrong, 401, "INVALID_EMAIL_OR_PASSWORD");
			expect(setCookie(wrong, COOKIES.challenge)).toBeUndefined();
		});

		test("rememberMe:false carries through: dont_remember kept, the final session cookie has no Max-Age", async () => {
			const t = await setup(dialect);
			const user = await enrolledUser(t);
			const { client, response } = await pendingSignIn(t, user.email, t.client(), { rememberMe: false });
			expect(setCookie(response, COOKIES.dontRemember)).not.toContain("Max-Age=0");
			const verify = await client.request("/two-factor/verify-totp", { json: { code: codeAt(t, user.secret) } });
			expect(setCookie(verify, COOKIES.session)).not.toContain("Max-Age");
			const token = String((await json(verify)).token);
			const stored = await t.auth.$context.storage.findOne("session", { token });
			expect((stored?.expiresAt.getTime() ?? 0) - t.clock.now().getTime()).toBe(86_400_000);
		});

		test("email OTP: send-otp mails a code, a wrong one is refused, the right one signs in once", async () => {
			const t = await setup(dialect, { otpOptions: { storeOTP: "hashed" } });
			const user = await enrolledUser(t);
			const { client } = await pendingSignIn(t, user.email);
			const sent = await client.request("/two-factor/send-otp", { json: {} });
			expect(await json(sent)).toEqual({ status: true });
			const otp = t.otps.at(-1);
			expect(otp?.email).toBe(user.email);
			expect(otp?.otp).toMatch(/^\d{6}$/);
			// Stored hashed (SHA-256, base64url) with its failure counter, keyed by the challenge.
			const otpRows = (await t.auth.$context.storage.findMany("verification", { identifier: cmp.startsWith("2fa-otp-2fa-") })).map((r) => r.value);
			expect(otpRows).toHaveLength(1);
			expect(otpRows[0]).toMatch(/^[A-Za-z0-9_-]{43}:0$/);
			await expectError(await client.request("/two-factor/verify-otp", { json: { code: otp?.otp === "000000" ? "111111" : "000000" } }), 401, "INVALID_CODE");
			const copy = t.client();
			copy.jar.cookies.set(COOKIES.challenge, client.jar.cookies.get(COOKIES.challenge) ?? "");
			const ok = await client.request("/two-factor/verify-otp", { json: { code: otp?.otp } });
			expect(ok.status).toBe(200);
			expect(await sessionUserId(client)).toBe(user.userId);
			// Single use: the challenge is gone, and so is the code.
			await expectError(await copy.request("/two-factor/verify-otp", { json: { code: otp?.otp } }), 401, "INVALID_TWO_FACTOR_COOKIE");
			await expectError(await client.request("/two-factor/verify-otp", { json: { code: otp?.otp } }), 400, "OTP_HAS_EXPIRED");
		});

		test("email OTP expires after otpOptions.period minutes; send-otp without sendOTP is refused", async () => {
			const t = await setup(dialect, { otpOptions: { period: 1 } });
			const { client } = await t.signUp({ email: "exp@example.com", password: PASSWORD });
			await client.request("/two-factor/enable", { json: { password: PASSWORD, method: "otp" } });
			const pending = await pendingSignIn(t, "exp@example.com");
			await pending.client.request("/two-factor/send-otp", { json: {} });
			t.clock.advance(61);
			await expectError(await pending.client.request("/two-factor/verify-otp", { json: { code: t.otps.at(-1)?.otp } }), 400, "OTP_HAS_EXPIRED");

			const off = await setup(dialect, { otpOptions: { sendOTP: undefined } });
			const other = await enrolledUser(off);
			const challenge = await pendingSignIn(off, other.email);
			expect(await json(await challenge.client.request("/two-factor/send-otp", { json: {} }))).toEqual({ code: "OTP_NOT_CONFIGURED", message: "otp isn't configured" });
		});

		test("email OTP with a session: verify-otp turns 2FA on for a user who had it off", async () => {
			const t = await setup(dialect, { otpOptions: { storeOTP: "encrypted" } });
			const { client, body } = await t.signUp({ password: PASSWORD });
			// No body at all: Better Auth's client sends none for sendOtp().
			expect(await json(await client.request("/two-factor/send-otp", { method: "POST" }))).toEqual({ status: true });
			const verify = await client.request("/two-factor/verify-otp", { json: { code: t.otps.at(-1)?.otp } });
			const data = (await verify.json()) as { token: string; user: { twoFactorEnabled: boolean } };
			expect(data.user.twoFactorEnabled).toBe(true);
			expect(setCookie(verify, COOKIES.session)).toStartWith(`${COOKIES.session}=${data.token}.`);
			expect((await t.auth.$context.storage.findOne("user", { id: body.user.id }))?.twoFactorEnabled).toBe(true);
		});

		test("a backup code finishes a sign-in once; disableSession spends it without a session or the challenge", async () => {
			const t = await setup(dialect);
			const user = await enrolledUser(t);
			const [first, second] = user.backupCodes;
			const pending = await pendingSignIn(t, user.email);
			const keep = await pending.client.request("/two-factor/verify-backup-code", { json: { code: second, disableSession: true } });
			expect(keep.status).toBe(200);
			expect(await json(keep)).not.toHaveProperty("token");
			expect(setCookies(keep)).toEqual([]);
			const ok = await pending.client.request("/two-factor/verify-backup-code", { json: { code: first } });
			expect(ok.status).toBe(200);
			expect(await sessionUserId(pending.client)).toBe(user.userId);
			const left = await t.api.viewBackupCodes({ body: { userId: user.userId } });
			expect(left.backupCodes).toEqual(user.backupCodes.slice(2));
			const again = await pendingSignIn(t, user.email);
			await expectError(await again.client.request("/two-factor/verify-backup-code", { json: { code: first } }), 401, "INVALID_BACKUP_CODE");
		});

		test("verify-backup-code without a twoFactor row answers BACKUP_CODES_NOT_ENABLED", async () => {
			const t = await setup(dialect);
			const { client } = await t.signUp({ password: PASSWORD });
			await expectError(await client.request("/two-factor/verify-backup-code", { json: { code: "aaaaa-bbbbb" } }), 400, "BACKUP_CODES_NOT_ENABLED");
		});

		test("trustDevice: the browser skips 2FA next time, and its trust is rotated at each use", async () => {
			const t = await setup(dialect);
			const user = await enrolledUser(t);
			const { client } = await pendingSignIn(t, user.email, t.client(), { rememberMe: false });
			const verify = await client.request("/two-factor/verify-totp", { json: { code: codeAt(t, user.secret), trustDevice: true } });
			expect(setCookies(verify).map((c) => c.split("=")[0])).toEqual([COOKIES.session, COOKIES.challenge, COOKIES.trust, COOKIES.dontRemember]);
			expect(setCookie(verify, COOKIES.trust)).toMatch(/^better-auth\.trust_device=[A-Za-z0-9_-]{43}!trust-device-[A-Za-z0-9]{32}\.[^;]+; Max-Age=2592000; Path=\/; HttpOnly; SameSite=Lax$/);
			const firstTrust = client.jar.cookies.get(COOKIES.trust);

			await client.request("/sign-out", { method: "POST" });
			const again = await pendingSignIn(t, user.email, client);
			expect(await json(again.response)).toHaveProperty("token");
			const rotated = client.jar.cookies.get(COOKIES.trust);
			expect(rotated).toBeDefined();
			expect(rotated).not.toBe(firstTrust);
			expect(await t.auth.$context.storage.count("verification", { identifier: cmp.startsWith("trust-device-") })).toBe(1);

			// A copy of the old cookie is worthless: its row was replaced.
			const copy = t.client();
			copy.jar.cookies.set(COOKIES.trust, firstTrust ?? "");
			const stolen = await pendingSignIn(t, user.email, copy);
			expect(await json(stolen.response)).toMatchObject({ twoFactorRedirect: true });
			expect(setCookie(stolen.response, COOKIES.trust)).toContain("Max-Age=0");
		});

		test("a trust cookie is bound to its user and expires with trustDeviceMaxAge", async () => {
			const t = await setup(dialect, { trustDeviceMaxAge: 3600 });
			const alice = await enrolledUser(t);
			const bob = await enrolledUser(t);
			const browser = await trustedBrowser(t, alice.email, alice.secret);
			await browser.request("/sign-out", { method: "POST" });
			expect(await json((await pendingSignIn(t, bob.email, browser)).response)).toMatchObject({ twoFactorRedirect: true });
			const later = await trustedBrowser(t, alice.email, alice.secret);
			await later.request("/sign-out", { method: "POST" });
			t.clock.advance(3601);
			expect(await json((await pendingSignIn(t, alice.email, later)).response)).toMatchObject({ twoFactorRedirect: true });
		});

		test("disable forgets every trusted device: after re-enabling, 2FA is asked again", async () => {
			const t = await setup(dialect);
			const user = await enrolledUser(t);
			const trusted = await trustedBrowser(t, user.email, user.secret);
			const other = await trustedBrowser(t, user.email, user.secret);
			const disable = await trusted.request("/two-factor/disable", { json: { password: PASSWORD } });
			expect(setCookie(disable, COOKIES.trust)).toContain("Max-Age=0");
			expect(await t.auth.$context.storage.count("verification", { identifier: cmp.startsWith("trust-device-") })).toBe(0);
			await trusted.request("/two-factor/enable", { json: { password: PASSWORD, method: "otp" } });
			await other.request("/sign-out", { method: "POST" });
			expect(await json((await pendingSignIn(t, user.email, other)).response)).toMatchObject({ twoFactorRedirect: true });
		});
	});
}
