import { describe, expect, test } from "bun:test";
import { getTestInstance, testDialects } from "../testing/index.ts";

for (const dialect of await testDialects()) {
	describe(`POST /sign-in/email [${dialect}]`, () => {
		test("signs in with the right password and sets a signed session cookie", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "alice@example.com", password: "password1234" });
			const c = t.client();
			const res = await c.request("/sign-in/email", { json: { email: "Alice@Example.com", password: "password1234" } });
			expect(res.status).toBe(200);
			const body = await res.json();
			expect(body).toMatchObject({ redirect: false, user: { email: "alice@example.com" } });
			expect(body.token).toMatch(/^[a-zA-Z0-9]{32}$/);
			const cookie = res.headers.getSetCookie()[0] ?? "";
			expect(cookie).toMatch(/^better-auth\.session_token=[a-zA-Z0-9]{32}\.[^;]{44,}; Max-Age=604800; Path=\/; HttpOnly; SameSite=Lax$/);
			const session = await (await c.request("/get-session")).json();
			expect(session.user.email).toBe("alice@example.com");
			expect(session.session.token).toBe(body.token);
		});

		test("unknown email and wrong password get the same 401", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "bob@example.com", password: "password1234" });
			const c = t.client();
			const wrong = await c.request("/sign-in/email", { json: { email: "bob@example.com", password: "nope-nope-nope" } });
			const unknown = await c.request("/sign-in/email", { json: { email: "nobody@example.com", password: "nope-nope-nope" } });
			expect(wrong.status).toBe(401);
			expect(unknown.status).toBe(401);
			const expected = { code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password" };
			expect(await wrong.json()).toEqual(expected);
			expect(await unknown.json()).toEqual(expected);
			expect(wrong.headers.getSetCookie()).toEqual([]);
		});

		test("callbackURL is echoed with redirect:true and a Location header", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "cb@example.com", password: "password1234" });
			const res = await t.client().request("/sign-in/email", { json: { email: "cb@example.com", password: "password1234", callbackURL: "/dashboard" } });
			expect(res.status).toBe(200);
			expect(await res.json()).toMatchObject({ redirect: true, url: "/dashboard" });
			expect(res.headers.get("location")).toBe("/dashboard");
		});

		test("rememberMe:false gives a browser-session cookie and a dont_remember marker", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "rm@example.com", password: "password1234" });
			const res = await t.client().request("/sign-in/email", { json: { email: "rm@example.com", password: "password1234", rememberMe: false } });
			const cookies = res.headers.getSetCookie();
			expect(cookies[0]).not.toContain("Max-Age");
			expect(cookies.some((c) => c.startsWith("better-auth.dont_remember=true."))).toBe(true);
		});

		test("bad input: invalid email syntax, overlong password, wrong types, missing fields", async () => {
			const t = await getTestInstance(dialect);
			const c = t.client();
			const before = await t.snapshot();
			const invalidEmail = await c.request("/sign-in/email", { json: { email: "not-an-email", password: "x" } });
			expect(invalidEmail.status).toBe(400);
			expect((await invalidEmail.json()).code).toBe("INVALID_EMAIL");
			const tooLong = await c.request("/sign-in/email", { json: { email: "a@example.com", password: "x".repeat(129) } });
			expect((await tooLong.json()).code).toBe("PASSWORD_TOO_LONG");
			const wrongType = await c.request("/sign-in/email", { json: { email: 42, password: ["x"] } });
			expect(wrongType.status).toBe(400);
			const wrongTypeBody = await wrongType.json();
			expect(wrongTypeBody.code).toBe("VALIDATION_ERROR");
			expect(wrongTypeBody.message).toContain("[body.email]");
			const missing = await c.request("/sign-in/email", { json: {} });
			expect((await missing.json()).message).toContain("[body.password] Invalid input: expected string, received undefined");
			expect(await t.snapshot()).toEqual(before);
		});

		test("disabled email and password gives EMAIL_PASSWORD_DISABLED", async () => {
			const t = await getTestInstance(dialect, { emailAndPassword: { enabled: false } });
			const res = await t.client().request("/sign-in/email", { json: { email: "a@example.com", password: "password1234" } });
			expect(res.status).toBe(400);
			expect((await res.json()).code).toBe("EMAIL_PASSWORD_DISABLED");
		});

		test("requireEmailVerification refuses an unverified user with 403 EMAIL_NOT_VERIFIED", async () => {
			const t = await getTestInstance(dialect, { emailAndPassword: { enabled: true, requireEmailVerification: true } });
			const c = t.client();
			const up = await c.request("/sign-up/email", { json: { name: "V", email: "v@example.com", password: "password1234" } });
			expect((await up.json()).token).toBeNull();
			const res = await c.request("/sign-in/email", { json: { email: "v@example.com", password: "password1234" } });
			expect(res.status).toBe(403);
			expect(await res.json()).toEqual({ code: "EMAIL_NOT_VERIFIED", message: "Email not verified" });
		});
	});
}
