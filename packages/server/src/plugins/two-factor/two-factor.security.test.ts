/**
 * Attacks on the second factor.
 *
 * Someone who knows (or guessed) the password holds only the pending `two_factor` cookie: it
 * must open nothing but the verify routes, and those must resist guessing (5 wrong codes per
 * challenge, 10 per account before a lock), replay (a TOTP code, an email code, a backup code
 * each work once, even under twenty parallel requests), and forged, expired or repurposed
 * cookies. Hostile bodies end in a 4xx with `{ code, message }`, never echo the input, and
 * change nothing.
 */
import { describe, expect, test } from "bun:test";
import { signValue } from "../../crypto/sign.ts";
import { TEST_SECRET, testDialects } from "../../testing/index.ts";
import type { TestClient } from "../../testing/index.ts";
import { COOKIES, PASSWORD, codeAt, enrolledUser, expectError, json, pendingSignIn, setup } from "./test-kit.ts";
import type { TwoFactorTestInstance } from "./test-kit.ts";

/** A wrong six-digit code for `secret` now (never the current or adjacent ones). */
function wrongCode(t: TwoFactorTestInstance, secret: string): string {
	const near = new Set([-1, 0, 1].map((offset) => codeAt(t, secret, offset)));
	let code = 100000;
	while (near.has(String(code))) code++;
	return String(code);
}

/** A browser holding only the given cookies. */
function browserWith(t: TwoFactorTestInstance, cookies: Record<string, string>): TestClient {
	const client = t.client();
	for (const [name, value] of Object.entries(cookies)) client.jar.cookies.set(name, value);
	return client;
}

const statuses = (responses: Response[]) => responses.map((r) => r.status).sort();

for (const dialect of await testDialects()) {
	describe(`two-factor security [${dialect}]`, () => {
		test("the pending cookie is not a session anywhere but the verify routes", async () => {
			const t = await setup(dialect);
			const user = await enrolledUser(t);
			const { client } = await pendingSignIn(t, user.email);
			expect(await (await client.request("/get-session")).json()).toBeNull();
			const refused: [string, RequestInit & { json?: unknown }][] = [
				["/list-sessions", {}],
				["/update-user", { json: { name: "Mallory" } }],
				["/change-password", { json: { currentPassword: PASSWORD, newPassword: "new-password-1" } }],
				["/revoke-sessions", { json: {} }],
				["/two-factor/enable", { json: { password: PASSWORD } }],
				["/two-factor/disable", { json: { password: PASSWORD } }],
				["/two-factor/get-totp-uri", { json: { password: PASSWORD } }],
				["/two-factor/generate-backup-codes", { json: { password: PASSWORD } }],
			];
			const before = await t.snapshot();
			for (const [path, init] of refused) await expectError(await client.request(path, init), 401, "UNAUTHORIZED");
			expect(await t.snapshot()).toEqual(before);
			// As a bearer token, or under the session cookie's name, the challenge id is nothing either.
			const challengeId = decodeURIComponent(client.jar.cookies.get(COOKIES.challenge) ?? "").split(".")[0] ?? "";
			const bearer = await t.client().request("/get-session", { headers: { authorization: `Bearer ${challengeId}` } });
			expect(await bearer.json()).toBeNull();
			const renamed = browserWith(t, { [COOKIES.session]: client.jar.cookies.get(COOKIES.challenge) ?? "" });
			expect(await (await renamed.request("/get-session")).json()).toBeNull();
		});

		test("missing, forged, repurposed, expired and used challenge cookies: 401 INVALID_TWO_FACTOR_COOKIE", async () => {
			const t = await setup(dialect);
			const user = await enrolledUser(t);
			const code = { json: { code: codeAt(t, user.secret) } };
			await expectError(await t.client().request("/two-factor/verify-totp", code), 401, "INVALID_TWO_FACTOR_COOKIE");
			const { client } = await pendingSignIn(t, user.email);
			const real = decodeURIComponent(client.jar.cookies.get(COOKIES.challenge) ?? "");
			const id = real.split(".")[0] ?? "";
			const forged = [
				encodeURIComponent(signValue("another-secret-that-is-long-enough-000", id)),
				encodeURIComponent(id),
				encodeURIComponent(`${id}.${"A".repeat(43)}=`),
				// Signed by us, but not a challenge id: the attempts counter, another user's id.
				encodeURIComponent(signValue(TEST_SECRET, `2fa-attempts-${id}`)),
				encodeURIComponent(signValue(TEST_SECRET, user.userId)),
			];
			for (const value of forged) {
				await expectError(await browserWith(t, { [COOKIES.challenge]: value }).request("/two-factor/verify-totp", code), 401, "INVALID_TWO_FACTOR_COOKIE");
			}
			t.clock.advance(601);
			await expectError(await client.request("/two-factor/verify-totp", { json: { code: codeAt(t, user.secret) } }), 401, "INVALID_TWO_FACTOR_COOKIE");
		});

		test("a TOTP code is accepted once: replaying it in a new sign-in fails", async () => {
			const t = await setup(dialect);
			const user = await enrolledUser(t);
			const code = codeAt(t, user.secret);
			const first = await pendingSignIn(t, user.email);
			expect((await first.client.request("/two-factor/verify-totp", { json: { code } })).status).toBe(200);
			const second = await pendingSignIn(t, user.email);
			await expectError(await second.client.request("/two-factor/verify-totp", { json: { code } }), 401, "INVALID_CODE");
			// The next step's code still works (drift window), once.
			t.clock.advance(30);
			expect((await second.client.request("/two-factor/verify-totp", { json: { code: codeAt(t, user.secret) } })).status).toBe(200);
		});

		test("twenty parallel uses of one TOTP code: exactly one succeeds", async () => {
			const t = await setup(dialect);
			const user = await enrolledUser(t);
			const code = codeAt(t, user.secret);
			const responses = await Promise.all(Array.from({ length: 20 }, () => user.client.request("/two-factor/verify-totp", { json: { code } })));
			expect(statuses(responses)).toEqual([200, ...Array(19).fill(401)]);
		});

		test("twenty parallel uses of one backup code: exactly one succeeds, the code is gone", async () => {
			const t = await setup(dialect);
			const user = await enrolledUser(t);
			const code = user.backupCodes[0];
			const responses = await Promise.all(Array.from({ length: 20 }, () => user.client.request("/two-factor/verify-backup-code", { json: { code } })));
			expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
			for (const r of responses.filter((r) => r.status !== 200)) expect([401, 409]).toContain(r.status);
			const conflicts = responses.filter((r) => r.status === 409);
			for (const r of conflicts) expect(await json(r)).toEqual({ message: "Failed to verify backup code. Please try again." });
			expect((await t.api.viewBackupCodes({ body: { userId: user.userId } })).backupCodes).toEqual(user.backupCodes.slice(1));
		});

		test("twenty parallel uses of one email code: exactly one succeeds", async () => {
			const t = await setup(dialect);
			const { client } = await t.signUp({ password: PASSWORD });
			await client.request("/two-factor/send-otp", { method: "POST" });
			const code = t.otps.at(-1)?.otp;
			const responses = await Promise.all(Array.from({ length: 20 }, () => client.request("/two-factor/verify-otp", { json: { code } })));
			expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
		});

		test("5 wrong codes per challenge: the 6th guess ends it, and even the right code is then refused", async () => {
			const t = await setup(dialect);
			const user = await enrolledUser(t);
			const { client } = await pendingSignIn(t, user.email);
			for (let i = 0; i < 5; i++) await expectError(await client.request("/two-factor/verify-totp", { json: { code: wrongCode(t, user.secret) } }), 401, "INVALID_CODE");
			const sixth = await client.request("/two-factor/verify-backup-code", { json: { code: user.backupCodes[0] } });
			await expectError(sixth, 400, "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE");
			expect(sixth.headers.getSetCookie().find((c) => c.startsWith(`${COOKIES.challenge}=`))).toContain("Max-Age=0");
			const stale = browserWith(t, { [COOKIES.challenge]: encodeURIComponent(signValue(TEST_SECRET, "x")) });
			await expectError(await stale.request("/two-factor/verify-totp", { json: { code: codeAt(t, user.secret) } }), 401, "INVALID_TWO_FACTOR_COOKIE");
		});

		test("parallel guesses cannot share one attempt: at most 5 of 20 are judged", async () => {
			const t = await setup(dialect);
			const user = await enrolledUser(t);
			const { client } = await pendingSignIn(t, user.email);
			const responses = await Promise.all(Array.from({ length: 20 }, () => client.request("/two-factor/verify-totp", { json: { code: wrongCode(t, user.secret) } })));
			const judged = (await Promise.all(responses.map(json))).filter((body) => body.code === "INVALID_CODE");
			expect(judged.length).toBeGreaterThanOrEqual(1);
			expect(judged.length).toBeLessThanOrEqual(5);
		});

		test("an email code allows 5 wrong guesses, then must be sent again", async () => {
			const t = await setup(dialect, { otpOptions: { allowedAttempts: 5 } });
			const { client } = await t.signUp({ password: PASSWORD });
			await client.request("/two-factor/send-otp", { method: "POST" });
			const right = t.otps.at(-1)?.otp ?? "";
			const wrong = right === "000000" ? "111111" : "000000";
			for (let i = 0; i < 5; i++) await expectError(await client.request("/two-factor/verify-otp", { json: { code: wrong } }), 401, "INVALID_CODE");
			await expectError(await client.request("/two-factor/verify-otp", { json: { code: right } }), 400, "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE");
			await expectError(await client.request("/two-factor/verify-otp", { json: { code: right } }), 400, "OTP_HAS_EXPIRED");
		});

		test("10 failures across challenges lock the account for 15 minutes (429), then a success resets", async () => {
			const t = await setup(dialect);
			const user = await enrolledUser(t);
			for (let round = 0; round < 2; round++) {
				const { client } = await pendingSignIn(t, user.email);
				for (let i = 0; i < 5; i++) await expectError(await client.request("/two-factor/verify-totp", { json: { code: wrongCode(t, user.secret) } }), 401, "INVALID_CODE");
			}
			const row = await t.auth.$context.storage.findOne("twoFactor", { userId: user.userId });
			expect(row?.failedVerificationCount).toBe(10);
			expect(row?.lockedUntil?.getTime()).toBe(t.clock.now().getTime() + 900_000);
			const { client } = await pendingSignIn(t, user.email);
			await expectError(await client.request("/two-factor/verify-totp", { json: { code: codeAt(t, user.secret) } }), 429, "ACCOUNT_TEMPORARILY_LOCKED");
			await expectError(await client.request("/two-factor/verify-backup-code", { json: { code: user.backupCodes[0] } }), 429, "ACCOUNT_TEMPORARILY_LOCKED");
			await expectError(await client.request("/two-factor/send-otp", { json: {} }), 429, "ACCOUNT_TEMPORARILY_LOCKED");
			t.clock.advance(901);
			const later = await pendingSignIn(t, user.email);
			expect((await later.client.request("/two-factor/verify-totp", { json: { code: codeAt(t, user.secret) } })).status).toBe(200);
			const reset = await t.auth.$context.storage.findOne("twoFactor", { userId: user.userId });
			expect({ count: reset?.failedVerificationCount, lockedUntil: reset?.lockedUntil }).toEqual({ count: 0, lockedUntil: null });
		});

		test("email-OTP users (no twoFactor row) are locked out too, by resending codes or not", async () => {
			const t = await setup(dialect);
			const { client } = await t.signUp({ email: "otp-only@example.com", password: PASSWORD });
			await client.request("/two-factor/enable", { json: { password: PASSWORD, method: "otp" } });
			for (let round = 0; round < 2; round++) {
				const pending = await pendingSignIn(t, "otp-only@example.com");
				for (let i = 0; i < 5; i++) {
					if (i % 2 === 0) await pending.client.request("/two-factor/send-otp", { json: {} });
					const right = t.otps.at(-1)?.otp;
					await expectError(await pending.client.request("/two-factor/verify-otp", { json: { code: right === "000000" ? "111111" : "000000" } }), 401, "INVALID_CODE");
				}
			}
			const pending = await pendingSignIn(t, "otp-only@example.com");
			await expectError(await pending.client.request("/two-factor/send-otp", { json: {} }), 429, "ACCOUNT_TEMPORARILY_LOCKED");
			t.clock.advance(901);
			const later = await pendingSignIn(t, "otp-only@example.com");
			await later.client.request("/two-factor/send-otp", { json: {} });
			expect((await later.client.request("/two-factor/verify-otp", { json: { code: t.otps.at(-1)?.otp } })).status).toBe(200);
		});

		test("hostile and malformed bodies: 400 VALIDATION_ERROR or a plain refusal, no echo, nothing written", async () => {
			const t = await setup(dialect);
			const user = await enrolledUser(t);
			const { client } = await pendingSignIn(t, user.email);
			const hostile = "<script>alert(1)</script>' OR 1=1 --";
			const cases: [string, unknown, number][] = [
				["/two-factor/verify-totp", { code: 123456 }, 400],
				["/two-factor/verify-totp", {}, 400],
				["/two-factor/verify-totp", { code: "1".repeat(129) }, 400],
				["/two-factor/verify-totp", { code: "123456", trustDevice: "yes" }, 400],
				["/two-factor/verify-totp", { code: hostile }, 401],
				// NUL never reaches storage (PostgreSQL cannot hold it): refused by validation.
				["/two-factor/verify-totp", { code: `${hostile}\u0000` }, 400],
				["/two-factor/verify-otp", { code: ["1"] }, 400],
				["/two-factor/verify-backup-code", { code: null }, 400],
				["/two-factor/verify-backup-code", { code: hostile }, 401],
				["/two-factor/send-otp", { trustDevice: 1 }, 400],
				["/two-factor/send-otp", "not an object", 400],
			];
			const before = await t.snapshot();
			for (const [path, body, status] of cases) {
				const response = await client.request(path, { json: body });
				const text = await response.text();
				expect({ path, status: response.status }).toEqual({ path, status });
				const parsed = JSON.parse(text) as { code: string; message: string };
				expect(typeof parsed.code).toBe("string");
				expect(typeof parsed.message).toBe("string");
				expect(text).not.toContain("<script>");
				expect(text).not.toContain("OR 1=1");
			}
			// Row counts are unchanged (the two judged guesses only bumped counters).
			expect(await t.snapshot()).toEqual(before);
			const owner = user.client;
			const snapshot = await t.snapshot();
			for (const body of [{ password: 5 }, { password: PASSWORD, method: "sms" }, { password: PASSWORD, issuer: "x".repeat(300) }, []]) {
				await expectError(await owner.request("/two-factor/enable", { json: body }), 400, "VALIDATION_ERROR");
			}
			await expectError(await owner.request("/two-factor/disable", { json: { password: [PASSWORD] } }), 400, "VALIDATION_ERROR");
			expect(await t.snapshot()).toEqual(snapshot);
		});

		test("the /two-factor/* rate limit: 3 requests per 10 seconds per client", async () => {
			const t = await setup(dialect, {}, { rateLimit: { enabled: true } });
			const user = await enrolledUser(t);
			t.clock.advance(10);
			const { client } = await pendingSignIn(t, user.email);
			const answers = [];
			for (let i = 0; i < 4; i++) answers.push(await client.request("/two-factor/verify-totp", { json: { code: wrongCode(t, user.secret) } }));
			expect(answers.map((r) => r.status)).toEqual([401, 401, 401, 429]);
			expect(answers[3]?.headers.get("x-retry-after")).toBeDefined();
		});
	});
}
