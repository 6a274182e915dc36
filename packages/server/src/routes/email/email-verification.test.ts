/**
 * `POST /send-verification-email`, `GET /verify-email`, and the verification mail on sign-up
 * and sign-in (spec/core.md §7.3, §9.3, §9.4, §9.19, §9.20).
 *
 * Attacks covered: probing which emails have accounts through the no-session answer or its
 * timing (same body, padded to the same minimum); forging or replaying verification tokens
 * (wrong secret, `alg: none`, expired, a reset token used here, a token naming another user);
 * sending someone else's verification from a session (EMAIL_MISMATCH); and redirecting the
 * user to a foreign site through `callbackURL`.
 */
import { describe, expect, test } from "bun:test";
import { SignJWT, decodeJwt } from "jose";
import { testDialects } from "../../testing/index.ts";
import { signEmailVerificationToken } from "../../verification/email-verification-token.ts";
import { TEST_MIN_RESPONSE_MS, getEmailTestInstance, manualClock, relativeLink } from "./test-kit.ts";
import type { EmailTestInstance } from "./test-kit.ts";

async function isVerified(t: EmailTestInstance, email: string): Promise<boolean | undefined> {
	return (await t.auth.$context.storage.findOne("user", { email }))?.emailVerified;
}

async function timed(fn: () => Promise<Response>): Promise<{ res: Response; ms: number }> {
	const start = performance.now();
	const res = await fn();
	return { res, ms: performance.now() - start };
}

for (const dialect of await testDialects()) {
	describe(`POST /send-verification-email [${dialect}]`, () => {
		test("no session: mails an unverified user a JWT link; unknown or verified emails get the same padded answer", async () => {
			const t = await getEmailTestInstance(dialect);
			const { body } = await t.signUp({ email: "alice@example.com" });
			const known = await timed(() => t.client().request("/send-verification-email", { json: { email: "Alice@example.com", callbackURL: "/done" } }));
			expect(known.res.status).toBe(200);
			expect(await known.res.json()).toEqual({ status: true });
			expect(t.mails).toHaveLength(1);
			const mail = t.mails[0];
			expect(mail?.url).toBe(`http://localhost:3000/api/auth/verify-email?token=${mail?.token}&callbackURL=%2Fdone`);
			const claims = decodeJwt(mail?.token ?? "");
			expect(claims).toEqual({ email: "alice@example.com", userId: body.user.id, iat: expect.any(Number), exp: expect.any(Number) });
			expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(3600);

			const unknown = await timed(() => t.client().request("/send-verification-email", { json: { email: "nobody@example.com" } }));
			expect(await unknown.res.json()).toEqual({ status: true });
			for (const { ms } of [known, unknown]) expect(ms).toBeGreaterThanOrEqual(TEST_MIN_RESPONSE_MS - 2);
			await t.auth.$context.storage.update("user", { id: body.user.id }, { emailVerified: true });
			const verified = await t.client().request("/send-verification-email", { json: { email: "alice@example.com" } });
			expect(await verified.json()).toEqual({ status: true });
			expect(t.mails).toHaveLength(1);
		});

		test("with a session: EMAIL_MISMATCH, EMAIL_ALREADY_VERIFIED, else sends", async () => {
			const t = await getEmailTestInstance(dialect);
			const { client, body } = await t.signUp({ email: "bob@example.com" });
			const mismatch = await client.request("/send-verification-email", { json: { email: "other@example.com" } });
			expect(mismatch.status).toBe(400);
			expect(await mismatch.json()).toEqual({ code: "EMAIL_MISMATCH", message: "Email mismatch" });
			const ok = await client.request("/send-verification-email", { json: { email: "bob@example.com" } });
			expect(await ok.json()).toEqual({ status: true });
			expect(t.mails.map((m) => m.to)).toEqual(["bob@example.com"]);
			await t.auth.$context.storage.update("user", { id: body.user.id }, { emailVerified: true });
			const done = await client.request("/send-verification-email", { json: { email: "bob@example.com" } });
			expect(done.status).toBe(400);
			expect(await done.json()).toEqual({ code: "EMAIL_ALREADY_VERIFIED", message: "Email is already verified" });
		});

		test("400 VERIFICATION_EMAIL_NOT_ENABLED without a sender; bad input changes nothing", async () => {
			const off = await getEmailTestInstance(dialect, { senders: false });
			const res = await off.client().request("/send-verification-email", { json: { email: "a@example.com" } });
			expect(res.status).toBe(400);
			expect(await res.json()).toEqual({ code: "VERIFICATION_EMAIL_NOT_ENABLED", message: "Verification email isn't enabled" });
			const t = await getEmailTestInstance(dialect);
			await t.signUp({ email: "input@example.com" });
			const before = await t.snapshot();
			const bad = await t.client().request("/send-verification-email", { json: { email: "nope" } });
			expect(bad.status).toBe(400);
			expect(await bad.json()).toEqual({ code: "VALIDATION_ERROR", message: "[body.email] Invalid email address" });
			const evil = await t.client().request("/send-verification-email", { json: { email: "input@example.com", callbackURL: "https://evil.example" } });
			expect(evil.status).toBe(403);
			expect(t.mails).toHaveLength(0);
			expect(await t.snapshot()).toEqual(before);
		});
	});

	describe(`GET /verify-email [${dialect}]`, () => {
		test("the emailed link verifies and redirects to callbackURL; without one, 200 {status, user:null}", async () => {
			const t = await getEmailTestInstance(dialect);
			await t.signUp({ email: "carol@example.com" });
			await t.client().request("/send-verification-email", { json: { email: "carol@example.com", callbackURL: "/welcome" } });
			const res = await t.client().request(relativeLink(t.mails[0]?.url ?? ""), { redirect: "manual" });
			expect(res.status).toBe(302);
			expect(res.headers.get("location")).toBe("/welcome");
			expect(res.headers.getSetCookie()).toEqual([]);
			expect(await isVerified(t, "carol@example.com")).toBe(true);
			const again = await t.client().request(`/verify-email?token=${t.mails[0]?.token}`);
			expect(again.status).toBe(200);
			expect(await again.json()).toEqual({ status: true, user: null });
		});

		test("autoSignInAfterVerification creates a session", async () => {
			const t = await getEmailTestInstance(dialect, { emailVerification: { autoSignInAfterVerification: true } });
			await t.signUp({ email: "dave@example.com" });
			await t.client().request("/send-verification-email", { json: { email: "dave@example.com" } });
			const browser = t.client();
			const res = await browser.request(`/verify-email?token=${t.mails[0]?.token}`);
			expect(await res.json()).toEqual({ status: true, user: null });
			const session = await (await browser.request("/get-session")).json();
			expect(session.user).toMatchObject({ email: "dave@example.com", emailVerified: true });
		});

		test("error codes: 401 JSON without callbackURL, 302 ?error= with one", async () => {
			const clock = manualClock();
			const t = await getEmailTestInstance(dialect, { now: clock.now });
			const { body } = await t.signUp({ email: "erin@example.com" });
			const ctx = t.auth.$context;
			const valid = await signEmailVerificationToken(ctx, { email: "erin@example.com", userId: body.user.id });
			const ghost = await signEmailVerificationToken(ctx, { email: "ghost@example.com" });
			const otherUser = await signEmailVerificationToken(ctx, { email: "erin@example.com", userId: "someone-else" });
			const foreignSecret = await new SignJWT({ email: "erin@example.com" })
				.setProtectedHeader({ alg: "HS256" })
				.setIssuedAt()
				.setExpirationTime("1h")
				.sign(new TextEncoder().encode("another-secret-that-is-32-characters-long"));
			const unsigned = `${btoa(JSON.stringify({ alg: "none" }))}.${btoa(JSON.stringify({ email: "erin@example.com", exp: 9e9 }))}.`;
			await t.client().request("/request-password-reset", { json: { email: "erin@example.com" } });
			const resetToken = t.mails.find((m) => m.kind === "reset-password")?.token ?? "";
			const cases: [string, string, string][] = [
				["garbage", "INVALID_TOKEN", "Invalid token"],
				[foreignSecret, "INVALID_TOKEN", "Invalid token"],
				[unsigned, "INVALID_TOKEN", "Invalid token"],
				[resetToken, "INVALID_TOKEN", "Invalid token"],
				[otherUser, "INVALID_TOKEN", "Invalid token"],
				[ghost, "USER_NOT_FOUND", "User not found"],
			];
			for (const [token, code, message] of cases) {
				const json = await t.client().request(`/verify-email?token=${encodeURIComponent(token)}`);
				expect(json.status).toBe(401);
				expect(await json.json()).toEqual({ code, message });
				const redirect = await t.client().request(`/verify-email?token=${encodeURIComponent(token)}&callbackURL=%2Fcb%3Fx%3D1`, { redirect: "manual" });
				expect(redirect.status).toBe(302);
				expect(redirect.headers.get("location")).toBe(`/cb?x=1&error=${code}`);
			}
			clock.advance(3601);
			const expired = await t.client().request(`/verify-email?token=${valid}&callbackURL=/cb`, { redirect: "manual" });
			expect(expired.headers.get("location")).toBe("/cb?error=TOKEN_EXPIRED");
			const expiredJson = await t.client().request(`/verify-email?token=${valid}`);
			expect(await expiredJson.json()).toEqual({ code: "TOKEN_EXPIRED", message: "Token expired" });
			expect(await isVerified(t, "erin@example.com")).toBe(false);
		});

		test("bad input: missing token is VALIDATION_ERROR, a foreign callbackURL is 403", async () => {
			const t = await getEmailTestInstance(dialect);
			const before = await t.snapshot();
			const missing = await t.client().request("/verify-email");
			expect(missing.status).toBe(400);
			expect((await missing.json()).code).toBe("VALIDATION_ERROR");
			const evil = await t.client().request("/verify-email?token=x&callbackURL=https%3A%2F%2Fevil.example", { redirect: "manual" });
			expect(evil.status).toBe(403);
			expect(await evil.json()).toEqual({ code: "INVALID_CALLBACK_URL", message: "Invalid callbackURL" });
			expect(await t.snapshot()).toEqual(before);
		});
	});

	describe(`verification email on sign-up and sign-in [${dialect}]`, () => {
		test("requireEmailVerification sends on sign-up (with callbackURL) and sendOnSignIn re-sends before 403", async () => {
			const t = await getEmailTestInstance(dialect, {
				emailAndPassword: { requireEmailVerification: true },
				emailVerification: { sendOnSignIn: true },
			});
			const signUp = await t.client().request("/sign-up/email", {
				json: { name: "F", email: "frank@example.com", password: "password1234", callbackURL: "/hello" },
			});
			expect(signUp.status).toBe(200);
			expect(t.mails).toHaveLength(1);
			expect(t.mails[0]?.url).toEndWith("&callbackURL=%2Fhello");
			const wrong = await t.client().request("/sign-in/email", { json: { email: "frank@example.com", password: "wrong-password" } });
			expect(wrong.status).toBe(401);
			expect(t.mails).toHaveLength(1);
			const signIn = await t.client().request("/sign-in/email", { json: { email: "frank@example.com", password: "password1234" } });
			expect(signIn.status).toBe(403);
			expect(await signIn.json()).toEqual({ code: "EMAIL_NOT_VERIFIED", message: "Email not verified" });
			expect(t.mails).toHaveLength(2);
			await t.client().request(`/verify-email?token=${t.mails[1]?.token}`);
			const after = await t.client().request("/sign-in/email", { json: { email: "frank@example.com", password: "password1234" } });
			expect(after.status).toBe(200);
		});

		test("no mail on sign-up by default or with sendOnSignUp:false; sendOnSignUp:true forces it", async () => {
			const plain = await getEmailTestInstance(dialect);
			await plain.signUp();
			expect(plain.mails).toHaveLength(0);
			const off = await getEmailTestInstance(dialect, { emailAndPassword: { requireEmailVerification: true }, emailVerification: { sendOnSignUp: false } });
			await off.client().request("/sign-up/email", { json: { name: "G", email: "g@example.com", password: "password1234" } });
			expect(off.mails).toHaveLength(0);
			const on = await getEmailTestInstance(dialect, { emailVerification: { sendOnSignUp: true } });
			await on.signUp({ email: "h@example.com" });
			expect(on.mails.map((m) => m.to)).toEqual(["h@example.com"]);
		});
	});
}
