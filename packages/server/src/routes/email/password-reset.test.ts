/**
 * `POST /request-password-reset`, `POST /forget-password`, `GET /reset-password/:token`,
 * `POST /reset-password` (spec/core.md §9.21–§9.24).
 *
 * Attacks covered: learning which emails have accounts from the reset answer (same body for
 * every address); replaying or racing one reset token (twenty parallel resets, exactly one
 * wins; a used or expired token is dead); using a token of another flow (a verification JWT)
 * as a reset token; poisoning the emailed link through the Host header (links come from
 * baseURL); redirecting the victim to a foreign site through `redirectTo` / `callbackURL`;
 * and a thief keeping a session after the owner reset the password (all sessions revoked).
 */
import { describe, expect, test } from "bun:test";
import { RESET_REQUEST_MESSAGE } from "@latchkey/core";
import { testDialects } from "../../testing/index.ts";
import { signEmailVerificationToken } from "../../verification/email-verification-token.ts";
import { getEmailTestInstance, manualClock, relativeLink } from "./test-kit.ts";
import type { EmailTestInstance } from "./test-kit.ts";

const CONSTANT = { status: true, message: RESET_REQUEST_MESSAGE };

async function requestReset(t: EmailTestInstance, email: string, redirectTo = "/reset"): Promise<string> {
	const res = await t.client().request("/request-password-reset", { json: { email, redirectTo } });
	expect(res.status).toBe(200);
	const mail = t.mails.at(-1);
	if (!mail || mail.kind !== "reset-password") throw new Error("no reset mail");
	return mail.token;
}

async function signIn(t: EmailTestInstance, email: string, password: string): Promise<number> {
	return (await t.client().request("/sign-in/email", { json: { email, password } })).status;
}

for (const dialect of await testDialects()) {
	describe(`POST /request-password-reset [${dialect}]`, () => {
		test("stores reset-password:<24 alnum> for the user and mails a baseURL link", async () => {
			const t = await getEmailTestInstance(dialect);
			const { body } = await t.signUp({ email: "reset@example.com" });
			const res = await t.client({ headers: { host: "evil.example" } }).request("/request-password-reset", {
				json: { email: "RESET@example.com", redirectTo: "/reset?x=1" },
			});
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual(CONSTANT);
			expect(t.mails).toHaveLength(1);
			const mail = t.mails[0];
			expect(mail?.token).toMatch(/^[A-Za-z0-9]{24}$/);
			expect(mail?.to).toBe("reset@example.com");
			expect(mail?.url).toBe(`http://localhost:3000/api/auth/reset-password/${mail?.token}?callbackURL=%2Freset%3Fx%3D1`);
			const row = await t.auth.$context.storage.findOne("verification", { identifier: `reset-password:${mail?.token}` });
			expect(row?.value).toBe(body.user.id);
			expect((row?.expiresAt.getTime() ?? 0) - (row?.createdAt.getTime() ?? 0)).toBe(3600_000);
		});

		test("unknown email: the same answer, no row, no mail", async () => {
			const t = await getEmailTestInstance(dialect);
			await t.signUp({ email: "known@example.com" });
			const before = await t.snapshot();
			const res = await t.client().request("/request-password-reset", { json: { email: "nobody@example.com" } });
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual(CONSTANT);
			expect(t.mails).toHaveLength(0);
			expect(await t.snapshot()).toEqual(before);
		});

		test("POST /forget-password is the same route under its old name; empty callbackURL without redirectTo", async () => {
			const t = await getEmailTestInstance(dialect);
			await t.signUp({ email: "legacy@example.com" });
			const res = await t.client().request("/forget-password", { json: { email: "legacy@example.com" } });
			expect(await res.json()).toEqual(CONSTANT);
			expect(t.mails[0]?.url).toEndWith(`/reset-password/${t.mails[0]?.token}?callbackURL=`);
			const unknown = await t.client().request("/forget-password", { json: { email: "ghost@example.com" } });
			expect(await unknown.json()).toEqual(CONSTANT);
		});

		test("the TTL follows resetPasswordTokenExpiresIn", async () => {
			const t = await getEmailTestInstance(dialect, { emailAndPassword: { resetPasswordTokenExpiresIn: 60 } });
			await t.signUp({ email: "ttl@example.com" });
			const token = await requestReset(t, "ttl@example.com");
			const row = await t.auth.$context.storage.findOne("verification", { identifier: `reset-password:${token}` });
			expect((row?.expiresAt.getTime() ?? 0) - (row?.createdAt.getTime() ?? 0)).toBe(60_000);
		});

		test("400 RESET_PASSWORD_DISABLED without a sender", async () => {
			const t = await getEmailTestInstance(dialect, { senders: false });
			await t.signUp({ email: "off@example.com" });
			for (const path of ["/request-password-reset", "/forget-password"]) {
				const res = await t.client().request(path, { json: { email: "off@example.com" } });
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual({ code: "RESET_PASSWORD_DISABLED", message: "Reset password isn't enabled" });
			}
		});

		test("bad input changes nothing: invalid email, missing body, foreign redirectTo", async () => {
			const t = await getEmailTestInstance(dialect);
			await t.signUp({ email: "input@example.com" });
			const before = await t.snapshot();
			const bad = await t.client().request("/request-password-reset", { json: { email: "not-an-email" } });
			expect(bad.status).toBe(400);
			expect(await bad.json()).toEqual({ code: "VALIDATION_ERROR", message: "[body.email] Invalid email address" });
			const missing = await t.client().request("/request-password-reset", { json: {} });
			expect(missing.status).toBe(400);
			const evil = await t.client().request("/request-password-reset", { json: { email: "input@example.com", redirectTo: "https://evil.example/x" } });
			expect(evil.status).toBe(403);
			expect(await evil.json()).toEqual({ code: "INVALID_REDIRECT_URL", message: "Invalid redirectURL" });
			const long = await t.client().request("/request-password-reset", { json: { email: `${"a".repeat(250)}@example.com` } });
			expect(long.status).toBe(400);
			expect(t.mails).toHaveLength(0);
			expect(await t.snapshot()).toEqual(before);
		});
	});

	describe(`GET /reset-password/:token [${dialect}]`, () => {
		test("302 to callbackURL resolved against the base URL with ?token=, without consuming", async () => {
			const t = await getEmailTestInstance(dialect);
			await t.signUp({ email: "cb@example.com" });
			const token = await requestReset(t, "cb@example.com");
			const res = await t.client().request(relativeLink(t.mails[0]?.url ?? ""), { redirect: "manual" });
			expect(res.status).toBe(302);
			expect(res.headers.get("location")).toBe(`http://localhost:3000/reset?token=${token}`);
			expect(await t.auth.$context.storage.findOne("verification", { identifier: `reset-password:${token}` })).not.toBeNull();
			const absolute = await t.client().request(`/reset-password/${token}?callbackURL=${encodeURIComponent("http://localhost:3000/done")}`, { redirect: "manual" });
			expect(absolute.headers.get("location")).toBe(`http://localhost:3000/done?token=${token}`);
		});

		test("unknown or expired token: 302 with ?error=INVALID_TOKEN", async () => {
			const clock = manualClock();
			const t = await getEmailTestInstance(dialect, { now: clock.now });
			await t.signUp({ email: "cbexp@example.com" });
			const token = await requestReset(t, "cbexp@example.com");
			const unknown = await t.client().request("/reset-password/nope?callbackURL=%2Freset%3Fa%3D1", { redirect: "manual" });
			expect(unknown.status).toBe(302);
			expect(unknown.headers.get("location")).toBe("http://localhost:3000/reset?a=1&error=INVALID_TOKEN");
			clock.advance(3601);
			const expired = await t.client().request(`/reset-password/${token}?callbackURL=/reset`, { redirect: "manual" });
			expect(expired.headers.get("location")).toBe("http://localhost:3000/reset?error=INVALID_TOKEN");
		});

		test("callbackURL is required and must be trusted", async () => {
			const t = await getEmailTestInstance(dialect);
			const missing = await t.client().request("/reset-password/abc");
			expect(missing.status).toBe(400);
			expect((await missing.json()).code).toBe("VALIDATION_ERROR");
			for (const cb of ["https://evil.example/reset", "//evil.example/reset"]) {
				const res = await t.client().request(`/reset-password/abc?callbackURL=${encodeURIComponent(cb)}`, { redirect: "manual" });
				expect(res.status).toBe(403);
				expect(await res.json()).toEqual({ code: "INVALID_CALLBACK_URL", message: "Invalid callbackURL" });
			}
		});
	});

	describe(`POST /reset-password [${dialect}]`, () => {
		test("sets the password, uses the token up, revokes every session, calls onPasswordReset", async () => {
			const resets: string[] = [];
			const t = await getEmailTestInstance(dialect, { emailAndPassword: { onPasswordReset: ({ user }) => void resets.push(user.email) } });
			const { client } = await t.signUp({ email: "change@example.com", password: "old-password" });
			const token = await requestReset(t, "change@example.com");
			const res = await t.client().request("/reset-password", { json: { newPassword: "new-password", token } });
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({ status: true });
			expect(resets).toEqual(["change@example.com"]);
			expect(await signIn(t, "change@example.com", "old-password")).toBe(401);
			expect(await signIn(t, "change@example.com", "new-password")).toBe(200);
			expect(await (await client.request("/get-session")).json()).toBeNull();
			const again = await t.client().request("/reset-password", { json: { newPassword: "third-password", token } });
			expect(again.status).toBe(400);
			expect(await again.json()).toEqual({ code: "INVALID_TOKEN", message: "Invalid token" });
		});

		test("the token may come in the query; revokeSessionsOnPasswordReset:false keeps sessions", async () => {
			const t = await getEmailTestInstance(dialect, { emailAndPassword: { revokeSessionsOnPasswordReset: false } });
			const { client } = await t.signUp({ email: "keep@example.com" });
			const token = await requestReset(t, "keep@example.com");
			const res = await t.client().request(`/reset-password?token=${token}`, { json: { newPassword: "new-password" } });
			expect(res.status).toBe(200);
			expect(await (await client.request("/get-session")).json()).not.toBeNull();
		});

		test("creates a credential account for a user without one", async () => {
			const t = await getEmailTestInstance(dialect);
			const { body } = await t.signUp({ email: "social@example.com" });
			await t.auth.$context.storage.delete("account", { userId: body.user.id });
			const token = await requestReset(t, "social@example.com");
			expect((await t.client().request("/reset-password", { json: { newPassword: "brand-new-pass", token } })).status).toBe(200);
			expect(await t.auth.$context.storage.count("account", { userId: body.user.id, providerId: "credential" })).toBe(1);
			expect(await signIn(t, "social@example.com", "brand-new-pass")).toBe(200);
		});

		test("errors: no token, bad length (token kept), unknown token, deleted user", async () => {
			const t = await getEmailTestInstance(dialect);
			const { body } = await t.signUp({ email: "errors@example.com" });
			const token = await requestReset(t, "errors@example.com");
			const before = await t.snapshot();
			const cases: [unknown, number, string][] = [
				[{ newPassword: "new-password" }, 400, "INVALID_TOKEN"],
				[{ newPassword: "short", token }, 400, "PASSWORD_TOO_SHORT"],
				[{ newPassword: "x".repeat(129), token }, 400, "PASSWORD_TOO_LONG"],
				[{ newPassword: "new-password", token: "A".repeat(24) }, 400, "INVALID_TOKEN"],
				[{ token }, 400, "VALIDATION_ERROR"],
				[{ newPassword: 12345678, token }, 400, "VALIDATION_ERROR"],
			];
			for (const [json, status, code] of cases) {
				const res = await t.client().request("/reset-password", { json });
				expect(res.status).toBe(status);
				expect((await res.json()).code).toBe(code);
			}
			expect(await t.snapshot()).toEqual(before);
			await t.auth.$context.storage.delete("user", { id: body.user.id });
			const gone = await t.client().request("/reset-password", { json: { newPassword: "new-password", token } });
			expect(gone.status).toBe(400);
			expect(await gone.json()).toEqual({ code: "USER_NOT_FOUND", message: "User not found" });
		});

		test("an expired token is refused (injected clock)", async () => {
			const clock = manualClock();
			const t = await getEmailTestInstance(dialect, { now: clock.now });
			await t.signUp({ email: "expired@example.com", password: "old-password" });
			const token = await requestReset(t, "expired@example.com");
			clock.advance(3601);
			const res = await t.client().request("/reset-password", { json: { newPassword: "new-password", token } });
			expect(res.status).toBe(400);
			expect((await res.json()).code).toBe("INVALID_TOKEN");
			expect(await signIn(t, "expired@example.com", "old-password")).toBe(200);
		});

		test("a verification JWT is not a reset token", async () => {
			const t = await getEmailTestInstance(dialect);
			const { body } = await t.signUp({ email: "jwt@example.com", password: "old-password" });
			const jwt = await signEmailVerificationToken(t.auth.$context, { email: "jwt@example.com", userId: body.user.id });
			const res = await t.client().request("/reset-password", { json: { newPassword: "new-password", token: jwt } });
			expect(res.status).toBe(400);
			expect((await res.json()).code).toBe("INVALID_TOKEN");
			expect(await signIn(t, "jwt@example.com", "old-password")).toBe(200);
		});

		test("20 parallel resets with one token: exactly one succeeds", async () => {
			const t = await getEmailTestInstance(dialect);
			await t.signUp({ email: "race@example.com" });
			const token = await requestReset(t, "race@example.com");
			const results = await Promise.all(
				Array.from({ length: 20 }, (_, i) => t.client().request("/reset-password", { json: { newPassword: `parallel-pass-${i}`, token } })),
			);
			const statuses = results.map((r) => r.status);
			expect(statuses.filter((s) => s === 200)).toHaveLength(1);
			expect(statuses.filter((s) => s === 400)).toHaveLength(19);
			const winner = statuses.indexOf(200);
			expect(await signIn(t, "race@example.com", `parallel-pass-${winner}`)).toBe(200);
		});
	});
}
