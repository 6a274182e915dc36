import { describe, expect, test } from "bun:test";
import { isAPIError } from "@latchkey/core";
import { scryptHasher } from "../crypto/password.ts";
import { getTestInstance, testDialects } from "../testing/index.ts";
import type { TestClient } from "../testing/index.ts";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ID = /^[a-zA-Z0-9]{32}$/;

function signUp(c: TestClient, json: unknown): Promise<Response> {
	return c.request("/sign-up/email", { json });
}

for (const dialect of await testDialects()) {
	describe(`POST /sign-up/email [${dialect}]`, () => {
		test("creates the user, its credential account and a session; answers {token, user}", async () => {
			const t = await getTestInstance(dialect);
			const c = t.client();
			const res = await signUp(c, { name: "Alice", email: "Alice@Example.COM", password: "password1234" });
			expect(res.status).toBe(200);
			expect(res.headers.get("content-type")).toBe("application/json");
			const body = await res.json();
			expect(Object.keys(body).sort()).toEqual(["token", "user"]);
			expect(body.token).toMatch(ID);
			expect(body.user).toEqual({
				id: expect.stringMatching(ID),
				name: "Alice",
				email: "alice@example.com",
				emailVerified: false,
				image: null,
				createdAt: expect.stringMatching(ISO_DATE),
				updatedAt: expect.stringMatching(ISO_DATE),
				username: null,
				displayUsername: null,
			});
			expect(body.user.createdAt).toBe(body.user.updatedAt);

			expect(res.headers.get("cache-control")).toBe("no-store");
			const cookies = res.headers.getSetCookie();
			expect(cookies).toHaveLength(1);
			expect(cookies[0]).toMatch(
				new RegExp(`^better-auth\\.session_token=${body.token}\\.[^;]{44,}; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax$`),
			);

			const storage = t.auth.$context.storage;
			const user = await storage.findOne("user", { id: body.user.id });
			expect(user?.email).toBe("alice@example.com");
			const accounts = await storage.findMany("account", { userId: body.user.id });
			expect(accounts).toHaveLength(1);
			expect(accounts[0]).toMatchObject({ providerId: "credential", accountId: body.user.id, userId: body.user.id });
			expect(accounts[0]?.password).toMatch(/^test:[0-9a-f]{64}$/);
			expect(await t.snapshot()).toEqual({ user: 1, session: 1, account: 1, verification: 0 });

			const session = await (await c.request("/get-session")).json();
			expect(session.user.id).toBe(body.user.id);
			expect(session.session.token).toBe(body.token);
		});

		test("the default hasher stores Better Auth's scrypt format <saltHex>:<keyHex>", async () => {
			const t = await getTestInstance(dialect, { emailAndPassword: { enabled: true, password: scryptHasher } });
			const { body } = await t.signUp({ email: "scrypt@example.com", password: "password1234" });
			const account = await t.auth.$context.storage.findOne("account", { userId: body.user.id });
			expect(account?.password).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
			const res = await t.client().request("/sign-in/email", { json: { email: "scrypt@example.com", password: "password1234" } });
			expect(res.status).toBe(200);
		});

		test("autoSignIn:false creates the user but no session: token null, no cookie", async () => {
			const t = await getTestInstance(dialect, { emailAndPassword: { enabled: true, autoSignIn: false } });
			const res = await signUp(t.client(), { name: "N", email: "n@example.com", password: "password1234" });
			expect(res.status).toBe(200);
			const body = await res.json();
			expect(body.token).toBeNull();
			expect(body.user.email).toBe("n@example.com");
			expect(res.headers.getSetCookie()).toEqual([]);
			expect(await t.snapshot()).toEqual({ user: 1, session: 0, account: 1, verification: 0 });
		});

		test("rememberMe:false gives a one-day session, a browser-session cookie and dont_remember", async () => {
			const t = await getTestInstance(dialect);
			const before = Date.now();
			const res = await signUp(t.client(), { name: "R", email: "r@example.com", password: "password1234", rememberMe: false });
			expect(res.status).toBe(200);
			const body = await res.json();
			const cookies = res.headers.getSetCookie();
			expect(cookies[0]).toMatch(/^better-auth\.session_token=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
			expect(cookies.some((c) => /^better-auth\.dont_remember=true\.[^;]+; Path=\/; HttpOnly; SameSite=Lax$/.test(c))).toBe(true);
			const session = await t.auth.$context.storage.findOne("session", { token: body.token });
			const lifetime = (session?.expiresAt.getTime() ?? 0) - before;
			expect(lifetime).toBeGreaterThan(86_390_000);
			expect(lifetime).toBeLessThan(86_410_000);
		});

		test("accepts a form-encoded body (rememberMe as the string \"false\")", async () => {
			const t = await getTestInstance(dialect);
			const form = new URLSearchParams({ name: "Form User", email: "Form@Example.com", password: "password1234", rememberMe: "false" });
			const res = await t.client().request("/sign-up/email", {
				method: "POST",
				headers: { "content-type": "application/x-www-form-urlencoded" },
				body: form.toString(),
			});
			expect(res.status).toBe(200);
			const body = await res.json();
			expect(body.user).toMatchObject({ name: "Form User", email: "form@example.com" });
			expect(res.headers.getSetCookie().some((c) => c.startsWith("better-auth.dont_remember=true."))).toBe(true);
		});

		test("an image and an empty name are stored as given", async () => {
			const t = await getTestInstance(dialect);
			const res = await signUp(t.client(), { name: "", email: "img@example.com", password: "password1234", image: "https://cdn.example.com/a.png" });
			expect(res.status).toBe(200);
			expect((await res.json()).user).toMatchObject({ name: "", image: "https://cdn.example.com/a.png" });
		});

		test("disabled sign-up (enabled:false, or disableSignUp) is 400 EMAIL_PASSWORD_SIGN_UP_DISABLED", async () => {
			const expected = { code: "EMAIL_PASSWORD_SIGN_UP_DISABLED", message: "Email and password sign up is not enabled" };
			for (const emailAndPassword of [{ enabled: false }, { enabled: true, disableSignUp: true }]) {
				const t = await getTestInstance(dialect, { emailAndPassword });
				const before = await t.snapshot();
				const res = await signUp(t.client(), { name: "D", email: "d@example.com", password: "password1234" });
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual(expected);
				expect(res.headers.getSetCookie()).toEqual([]);
				expect(await t.snapshot()).toEqual(before);
			}
		});

		test("an existing email, in any case, is 422 USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "taken@example.com" });
			const before = await t.snapshot();
			for (const email of ["taken@example.com", "TAKEN@Example.Com"]) {
				const res = await signUp(t.client(), { name: "X", email, password: "another-password" });
				expect(res.status).toBe(422);
				expect(await res.json()).toEqual({ code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", message: "User already exists. Use another email." });
				expect(res.headers.getSetCookie()).toEqual([]);
			}
			expect(await t.snapshot()).toEqual(before);
		});

		test("an existing email with requireEmailVerification or autoSignIn:false gets a synthetic 200 and writes nothing", async () => {
			for (const emailAndPassword of [{ enabled: true, requireEmailVerification: true }, { enabled: true, autoSignIn: false }]) {
				const t = await getTestInstance(dialect, { emailAndPassword });
				const first = await (await signUp(t.client(), { name: "Real", email: "dup@example.com", password: "password1234" })).json();
				expect(first.token).toBeNull();
				const before = await t.snapshot();
				const res = await signUp(t.client(), { name: "Probe", email: "DUP@example.com", password: "password5678" });
				expect(res.status).toBe(200);
				const body = await res.json();
				expect(body.token).toBeNull();
				expect(body.user).toMatchObject({ name: "Probe", email: "dup@example.com", emailVerified: false, image: null });
				expect(body.user.id).toMatch(ID);
				expect(body.user.id).not.toBe(first.user.id);
				expect(Object.keys(body.user).sort()).toEqual(Object.keys(first.user).sort());
				expect(res.headers.getSetCookie()).toEqual([]);
				expect(await t.snapshot()).toEqual(before);
				// The real account keeps its password.
				const signIn = await t.client().request("/sign-in/email", { json: { email: "dup@example.com", password: "password5678" } });
				expect(signIn.status).toBe(401);
			}
		});

		test("password length: 400 PASSWORD_TOO_SHORT / PASSWORD_TOO_LONG at the default bounds 8 and 128", async () => {
			const t = await getTestInstance(dialect);
			const before = await t.snapshot();
			const short = await signUp(t.client(), { name: "S", email: "s@example.com", password: "1234567" });
			expect(short.status).toBe(400);
			expect(await short.json()).toEqual({ code: "PASSWORD_TOO_SHORT", message: "Password too short" });
			const long = await signUp(t.client(), { name: "L", email: "l@example.com", password: "x".repeat(129) });
			expect(long.status).toBe(400);
			expect(await long.json()).toEqual({ code: "PASSWORD_TOO_LONG", message: "Password too long" });
			expect(await t.snapshot()).toEqual(before);
			expect((await signUp(t.client(), { name: "A", email: "a8@example.com", password: "12345678" })).status).toBe(200);
			expect((await signUp(t.client(), { name: "B", email: "b128@example.com", password: "x".repeat(128) })).status).toBe(200);
		});

		test("password length bounds are configurable and counted in code points", async () => {
			const t = await getTestInstance(dialect, { emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 10 } });
			// 8 emoji are 16 UTF-16 units but 8 code points: long enough, and not over 10.
			const ok = await signUp(t.client(), { name: "E", email: "emoji@example.com", password: "🔑".repeat(8) });
			expect(ok.status).toBe(200);
			const before = await t.snapshot();
			// 4 emoji are 8 UTF-16 units but only 4 code points: too short.
			const short = await signUp(t.client(), { name: "E", email: "emoji2@example.com", password: "🔑".repeat(4) });
			expect(short.status).toBe(400);
			expect(await short.json()).toEqual({ code: "PASSWORD_TOO_SHORT", message: "Password too short" });
			const long = await signUp(t.client(), { name: "E", email: "long@example.com", password: "x".repeat(11) });
			expect(long.status).toBe(400);
			expect(await long.json()).toEqual({ code: "PASSWORD_TOO_LONG", message: "Password too long" });
			expect(await t.snapshot()).toEqual(before);
			const signIn = await t.client().request("/sign-in/email", { json: { email: "emoji@example.com", password: "🔑".repeat(8) } });
			expect(signIn.status).toBe(200);
		});

		test("invalid input is 400 VALIDATION_ERROR naming the field", async () => {
			const t = await getTestInstance(dialect);
			const c = t.client();
			const before = await t.snapshot();
			const cases: [Record<string, unknown>, string][] = [
				[{ name: "I", email: "not-an-email", password: "password1234" }, "[body.email] Invalid email address"],
				[{ email: "a@example.com", password: "password1234" }, "[body.name] Invalid input: expected string, received undefined"],
				[{ name: "I", password: "password1234" }, "[body.email] Invalid input: expected string, received undefined"],
				[{ name: "I", email: "a@example.com" }, "[body.password] Invalid input: expected string, received undefined"],
				[{ name: "I", email: "a@example.com", password: "" }, "[body.password] Too small: expected string to have >=1 characters"],
				[{ name: 42, email: "a@example.com", password: "password1234" }, "[body.name] Invalid input: expected string, received number"],
				[{ name: "I", email: "a@example.com", password: ["password1234"] }, "[body.password] Invalid input: expected string, received array"],
				[{ name: "I", email: "a@example.com", password: "password1234", rememberMe: "yes" }, "[body.rememberMe] Invalid input"],
				[{ name: "I", email: "a@example.com", password: "password1234", image: 5 }, "[body.image] Invalid input: expected string, received number"],
			];
			for (const [json, message] of cases) {
				const res = await signUp(c, json);
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual({ code: "VALIDATION_ERROR", message });
			}
			const several = await signUp(c, { name: null, email: true });
			expect(await several.json()).toEqual({
				code: "VALIDATION_ERROR",
				message:
					"[body.name] Invalid input: expected string, received null; [body.email] Invalid input: expected string, received boolean; [body.password] Invalid input: expected string, received undefined",
			});
			const array = await signUp(c, [{ name: "I" }]);
			expect(await array.json()).toEqual({ code: "VALIDATION_ERROR", message: "[body] Invalid input: expected object, received array" });
			expect(await t.snapshot()).toEqual(before);
		});

		test("auth.api.signUpEmail returns {token, user} and sets cookies with returnHeaders", async () => {
			const t = await getTestInstance(dialect);
			const data = await t.auth.api.signUpEmail({ body: { name: "Api", email: "API@example.com", password: "password1234" } });
			expect(data.token).toMatch(ID);
			expect(data.user.email).toBe("api@example.com");
			expect(data.user.createdAt).toBeInstanceOf(Date);

			const { headers, response } = await t.auth.api.signUpEmail({
				body: { name: "Api2", email: "api2@example.com", password: "password1234" },
				returnHeaders: true,
			});
			expect(headers.getSetCookie()[0]).toStartWith(`better-auth.session_token=${response.token}.`);

			const res = await t.auth.api.signUpEmail({ body: { name: "Api3", email: "api3@example.com", password: "password1234" }, asResponse: true });
			expect(res).toBeInstanceOf(Response);
			expect(res.status).toBe(200);
			expect((await res.json()).user.email).toBe("api3@example.com");
		});

		test("auth.api.signUpEmail throws APIError with the status and code", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "api-dup@example.com" });
			const before = await t.snapshot();
			const cases: [Record<string, unknown>, number, string][] = [
				[{ name: "D", email: "api-dup@example.com", password: "password1234" }, 422, "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL"],
				[{ name: "D", email: "short@example.com", password: "short" }, 400, "PASSWORD_TOO_SHORT"],
				[{ name: "D", email: "nope", password: "password1234" }, 400, "VALIDATION_ERROR"],
			];
			for (const [body, status, code] of cases) {
				// Sound: the bodies are deliberately wrong in places to exercise validation.
				const error = await t.auth.api.signUpEmail({ body: body as { name: string; email: string; password: string } }).catch((e: unknown) => e);
				expect(isAPIError(error)).toBe(true);
				if (!isAPIError(error)) continue;
				expect(error.statusCode).toBe(status);
				expect(error.body?.code).toBe(code);
			}
			const asResponse = await t.auth.api.signUpEmail({ body: { name: "D", email: "api-dup@example.com", password: "password1234" }, asResponse: true });
			expect(asResponse.status).toBe(422);
			expect(await asResponse.json()).toEqual({ code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", message: "User already exists. Use another email." });
			expect(await t.snapshot()).toEqual(before);
		});
	});
}
