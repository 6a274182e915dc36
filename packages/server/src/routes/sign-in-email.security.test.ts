/**
 * Attacks on `POST /sign-in/email`.
 *
 * User enumeration: an attacker who can tell "no such account" from "wrong password", by
 * the body or by the time the answer takes, learns who has an account and can then target
 * them. So an unknown email, a user without a credential account, a credential account
 * without a password, and a wrong password must all do the same hashing work (one
 * `verify`) and give the same 401 body (SECURITY.md rule 8, spec/core.md §7.1). An
 * overlong password must be refused before any hashing (a scrypt DoS). A credential row
 * whose `accountId` is not the user's id is not the user's password. Login CSRF: a foreign
 * site must not be able to sign a victim's browser into the attacker's account, nor bounce
 * it to an untrusted callbackURL. Every sign-in mints a new session token (no fixation).
 */
import { describe, expect, test } from "bun:test";
import { isAPIError } from "@latchkey/core";
import type { PasswordHasher } from "../crypto/password.ts";
import { fastTestHasher, getTestInstance, testDialects } from "../testing/index.ts";
import type { TestClient } from "../testing/index.ts";

const INVALID = { code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password" };

/** The fast test hasher, counting calls, with an optional delay on `verify`. */
function countingHasher(verifyDelayMs = 0): PasswordHasher & { hashes: number; verifies: number } {
	const hasher = {
		hashes: 0,
		verifies: 0,
		async hash(password: string): Promise<string> {
			hasher.hashes++;
			return fastTestHasher.hash(password);
		},
		async verify(input: { hash: string; password: string }): Promise<boolean> {
			hasher.verifies++;
			if (verifyDelayMs > 0) await Bun.sleep(verifyDelayMs);
			return fastTestHasher.verify(input);
		},
	};
	return hasher;
}

function signIn(c: TestClient, json: Record<string, unknown>): Promise<Response> {
	return c.request("/sign-in/email", { json });
}

for (const dialect of await testDialects()) {
	describe(`sign-in security [${dialect}]`, () => {
		test("unknown user, no credential account, null password and wrong password: one verify each, same 401", async () => {
			const hasher = countingHasher();
			const t = await getTestInstance(dialect, { emailAndPassword: { enabled: true, password: hasher } });
			await t.signUp({ email: "known@example.com", password: "password1234" });
			const storage = t.auth.$context.storage;
			const now = new Date();
			const bare = { emailVerified: false, image: null, createdAt: now, updatedAt: now, username: null, displayUsername: null };
			await storage.create("user", { ...bare, id: "socialonlyuser000000000000000000", name: "Social", email: "social@example.com" });
			await storage.create("user", { ...bare, id: "nullpassworduser0000000000000000", name: "Null", email: "nullpw@example.com" });
			await storage.create("account", {
				id: "nullpasswordaccount0000000000000",
				accountId: "nullpassworduser0000000000000000",
				providerId: "credential",
				userId: "nullpassworduser0000000000000000",
				accessToken: null,
				refreshToken: null,
				idToken: null,
				accessTokenExpiresAt: null,
				refreshTokenExpiresAt: null,
				scope: null,
				password: null,
				createdAt: now,
				updatedAt: now,
			});
			const before = await t.snapshot();
			const c = t.client();
			for (const email of ["nobody@example.com", "social@example.com", "nullpw@example.com", "known@example.com"]) {
				const verifies = hasher.verifies;
				const res = await signIn(c, { email, password: "wrong-password" });
				expect(res.status).toBe(401);
				expect(await res.json()).toEqual(INVALID);
				expect(res.headers.getSetCookie()).toEqual([]);
				expect(hasher.verifies - verifies).toBe(1);
			}
			// The dummy hash is made once per instance, not per request.
			expect(hasher.hashes).toBeLessThanOrEqual(2);
			expect(await t.snapshot()).toEqual(before);
			const verifies = hasher.verifies;
			expect((await signIn(c, { email: "known@example.com", password: "password1234" })).status).toBe(200);
			expect(hasher.verifies - verifies).toBe(1);
		});

		test("a dummy hash that failed once is made again, so unknown users keep getting 401", async () => {
			let failures = 1;
			const flaky: PasswordHasher = {
				async hash(password) {
					if (password === "latchkey-dummy-password" && failures-- > 0) throw new Error("hasher unavailable");
					return fastTestHasher.hash(password);
				},
				verify: fastTestHasher.verify,
			};
			const t = await getTestInstance(dialect, { emailAndPassword: { enabled: true, password: flaky } });
			const first = await signIn(t.client(), { email: "nobody@example.com", password: "password1234" });
			expect(first.status).toBe(500);
			expect(await first.text()).toBe("");
			const second = await signIn(t.client(), { email: "nobody@example.com", password: "password1234" });
			expect(second.status).toBe(401);
			expect(await second.json()).toEqual(INVALID);
		});

		test("a slow verify makes unknown and known emails equally slow", async () => {
			const t = await getTestInstance(dialect, { emailAndPassword: { enabled: true, password: countingHasher(40) } });
			await t.signUp({ email: "slow@example.com", password: "password1234" });
			const c = t.client();
			const time = async (email: string): Promise<number> => {
				const start = performance.now();
				const res = await signIn(c, { email, password: "wrong-password" });
				expect(res.status).toBe(401);
				return performance.now() - start;
			};
			expect(await time("nobody@example.com")).toBeGreaterThanOrEqual(38);
			expect(await time("slow@example.com")).toBeGreaterThanOrEqual(38);
		});

		test("an overlong password is refused before any hashing (no scrypt DoS)", async () => {
			const hasher = countingHasher();
			const t = await getTestInstance(dialect, { emailAndPassword: { enabled: true, password: hasher } });
			await t.signUp({ email: "dos@example.com", password: "password1234" });
			const before = { ...(await t.snapshot()), verifies: hasher.verifies, hashes: hasher.hashes };
			const res = await signIn(t.client(), { email: "dos@example.com", password: "x".repeat(100_000) });
			expect(res.status).toBe(400);
			expect(await res.json()).toEqual({ code: "PASSWORD_TOO_LONG", message: "Password too long" });
			expect({ ...(await t.snapshot()), verifies: hasher.verifies, hashes: hasher.hashes }).toEqual(before);
		});

		test("a credential row whose accountId is not the user's id is not accepted", async () => {
			const t = await getTestInstance(dialect);
			const { body } = await t.signUp({ email: "victim@example.com", password: "password1234" });
			const storage = t.auth.$context.storage;
			const account = await storage.findOne("account", { userId: body.user.id });
			await storage.update("account", { id: account?.id ?? "" }, { accountId: "someone-else" });
			const before = await t.snapshot();
			const res = await signIn(t.client(), { email: "victim@example.com", password: "password1234" });
			expect(res.status).toBe(401);
			expect(await res.json()).toEqual(INVALID);
			expect(await t.snapshot()).toEqual(before);
		});

		test("every sign-in mints a new session token; a planted cookie is replaced", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "fix@example.com", password: "password1234" });
			const c = t.client();
			c.jar.cookies.set("better-auth.session_token", "planted-by-attacker");
			const firstRes = await signIn(c, { email: "fix@example.com", password: "password1234" });
			// A response carrying a session token must not be cached (SECURITY.md rule 17).
			expect(firstRes.headers.get("cache-control")).toBe("no-store");
			const first = await firstRes.json();
			const second = await (await signIn(c, { email: "fix@example.com", password: "password1234" })).json();
			expect(first.token).not.toBe(second.token);
			expect(c.jar.cookies.get("better-auth.session_token")).toStartWith(`${second.token}.`);
			expect((await (await c.request("/get-session")).json()).session.token).toBe(second.token);
		});

		test("login CSRF: a cross-site navigation or foreign Origin cannot sign in; callbackURL must be trusted", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "csrf@example.com", password: "password1234" });
			const before = await t.snapshot();
			const json = { email: "csrf@example.com", password: "password1234" };
			const navigation = await t.client({ headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" } }).request("/sign-in/email", { json });
			expect(navigation.status).toBe(403);
			expect((await navigation.json()).code).toBe("CROSS_SITE_NAVIGATION_LOGIN_BLOCKED");
			const foreign = await t.client({ headers: { origin: "https://evil.example" } }).request("/sign-in/email", { json });
			expect(foreign.status).toBe(403);
			expect(await foreign.json()).toEqual({ code: "INVALID_ORIGIN", message: "Invalid origin" });
			for (const callbackURL of ["//evil.example", "https://evil.example/x", "javascript:alert(1)", "/\\evil.example"]) {
				const res = await signIn(t.client(), { ...json, callbackURL });
				expect(res.status).toBe(403);
				expect(await res.json()).toEqual({ code: "INVALID_CALLBACK_URL", message: "Invalid callbackURL" });
				expect(res.headers.getSetCookie()).toEqual([]);
			}
			expect(await t.snapshot()).toEqual(before);
		});

		test("NUL or hostile strings in the email are 400, never a 500", async () => {
			const t = await getTestInstance(dialect);
			const before = await t.snapshot();
			const nul = await signIn(t.client(), { email: "a\u0000@example.com", password: "password1234" });
			expect(nul.status).toBe(400);
			expect(await nul.json()).toEqual({ code: "VALIDATION_ERROR", message: "[body.email] Invalid input: NUL characters are not allowed" });
			for (const email of ["' OR 1=1 --", "\u202Eadmin@example.com"]) {
				const res = await signIn(t.client(), { email, password: "password1234" });
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual({ code: "INVALID_EMAIL", message: "Invalid email" });
			}
			expect(await t.snapshot()).toEqual(before);
		});
	});

	describe(`sign-in through form bodies and auth.api [${dialect}]`, () => {
		test("a form-encoded body signs in", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "form@example.com", password: "password1234" });
			const res = await t.client().request("/sign-in/email", {
				method: "POST",
				headers: { "content-type": "application/x-www-form-urlencoded" },
				body: new URLSearchParams({ email: "Form@Example.com", password: "password1234", rememberMe: "false" }).toString(),
			});
			expect(res.status).toBe(200);
			expect(await res.json()).toMatchObject({ redirect: false, user: { email: "form@example.com" } });
			expect(res.headers.getSetCookie().some((c) => c.startsWith("better-auth.dont_remember=true."))).toBe(true);
		});

		test("auth.api.signInEmail returns data, { headers, response } or a Response", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "api@example.com", password: "password1234" });
			const body = { email: "api@example.com", password: "password1234" };
			const data = await t.auth.api.signInEmail({ body });
			expect(data).toMatchObject({ redirect: false, user: { email: "api@example.com" } });
			expect(data.token).toMatch(/^[a-zA-Z0-9]{32}$/);
			const { headers, response } = await t.auth.api.signInEmail({ body, returnHeaders: true });
			expect(headers.getSetCookie()[0]).toStartWith(`better-auth.session_token=${response.token}.`);
			const res = await t.auth.api.signInEmail({ body, asResponse: true });
			expect(res.status).toBe(200);
			const json = await res.json();
			expect(res.headers.getSetCookie()[0]).toStartWith(`better-auth.session_token=${json.token}.`);
			expect(new Set([data.token, response.token, json.token]).size).toBe(3);
		});

		test("auth.api.signInEmail throws APIError; asResponse answers the error instead", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "apierr@example.com", password: "password1234" });
			const before = await t.snapshot();
			const cases: [Record<string, unknown>, number, string][] = [
				[{ email: "apierr@example.com", password: "wrong-password" }, 401, "INVALID_EMAIL_OR_PASSWORD"],
				[{ email: "nobody@example.com", password: "wrong-password" }, 401, "INVALID_EMAIL_OR_PASSWORD"],
				[{ email: "bad", password: "password1234" }, 400, "INVALID_EMAIL"],
				[{ email: "apierr@example.com" }, 400, "VALIDATION_ERROR"],
			];
			for (const [body, status, code] of cases) {
				// Sound: some bodies are deliberately incomplete to exercise validation.
				const error = await t.auth.api.signInEmail({ body: body as { email: string; password: string } }).catch((e: unknown) => e);
				expect(isAPIError(error)).toBe(true);
				if (!isAPIError(error)) continue;
				expect(error.statusCode).toBe(status);
				expect(error.body?.code).toBe(code);
			}
			const res = await t.auth.api.signInEmail({ body: { email: "apierr@example.com", password: "wrong-password" }, asResponse: true });
			expect(res.status).toBe(401);
			expect(await res.json()).toEqual(INVALID);
			expect(res.headers.getSetCookie()).toEqual([]);
			expect(await t.snapshot()).toEqual(before);
		});
	});
}
