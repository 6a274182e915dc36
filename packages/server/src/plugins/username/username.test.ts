import { describe, expect, test } from "bun:test";
import { isAPIError } from "@latchkey/core";
import { createLatchkey } from "../../latchkey.ts";
import { TEST_ORIGIN, TEST_SECRET, createTestStorage, fastTestHasher, getTestInstance, testDialects } from "../../testing/index.ts";
import type { TestClient } from "../../testing/index.ts";
import { username } from "./index.ts";
import type { UsernameOptions } from "./index.ts";

const TAKEN = { code: "USERNAME_IS_ALREADY_TAKEN", message: "Username is already taken. Please try another." };
const TOO_SHORT = { code: "USERNAME_TOO_SHORT", message: "Username is too short" };
const TOO_LONG = { code: "USERNAME_TOO_LONG", message: "Username is too long" };
const INVALID = { code: "INVALID_USERNAME", message: "Username is invalid" };
const WRONG = { code: "INVALID_USERNAME_OR_PASSWORD", message: "Invalid username or password" };

let counter = 0;

function signUp(c: TestClient, extra: Record<string, unknown>): Promise<Response> {
	counter++;
	return c.request("/sign-up/email", { json: { name: "U", email: `u${counter}@example.com`, password: "password1234", ...extra } });
}

/** An instance whose username plugin has `options`. */
function withOptions(dialect: Parameters<typeof getTestInstance>[0], options: UsernameOptions) {
	return getTestInstance(dialect, { plugins: [username(options)] });
}

for (const dialect of await testDialects()) {
	describe(`username plugin: sign-up [${dialect}]`, () => {
		test("username is stored normalised and displayUsername keeps the typed casing", async () => {
			const t = await getTestInstance(dialect);
			const c = t.client();
			const res = await signUp(c, { username: "Alice_1" });
			expect(res.status).toBe(200);
			const { user } = await res.json();
			expect(user).toMatchObject({ username: "alice_1", displayUsername: "Alice_1" });
			const row = await t.auth.$context.storage.findOne("user", { id: user.id });
			expect(row).toMatchObject({ username: "alice_1", displayUsername: "Alice_1" });
			const session = await (await c.request("/get-session")).json();
			expect(session.user).toMatchObject({ username: "alice_1", displayUsername: "Alice_1" });
		});

		test("only displayUsername given: the username is derived from it", async () => {
			const t = await getTestInstance(dialect);
			const res = await signUp(t.client(), { displayUsername: "Bob.Smith" });
			expect(res.status).toBe(200);
			expect((await res.json()).user).toMatchObject({ username: "bob.smith", displayUsername: "Bob.Smith" });
		});

		test("both given: displayUsername is free text, username is validated", async () => {
			const t = await getTestInstance(dialect);
			const res = await signUp(t.client(), { username: "carol", displayUsername: "Carol ✨ C." });
			expect(res.status).toBe(200);
			expect((await res.json()).user).toMatchObject({ username: "carol", displayUsername: "Carol ✨ C." });
		});

		test("a taken username, in any case, is 400 USERNAME_IS_ALREADY_TAKEN", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ username: "eve" });
			const before = await t.snapshot();
			for (const extra of [{ username: "EVE" }, { username: "eve" }, { displayUsername: "Eve" }]) {
				const res = await signUp(t.client(), extra);
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual(TAKEN);
				expect(res.headers.getSetCookie()).toEqual([]);
			}
			expect(await t.snapshot()).toEqual(before);
		});

		test("too short, too long or invalid usernames are 400 on sign-up", async () => {
			const t = await getTestInstance(dialect);
			const before = await t.snapshot();
			const cases: [Record<string, unknown>, typeof INVALID][] = [
				[{ username: "ab" }, TOO_SHORT],
				[{ username: "" }, TOO_SHORT],
				[{ username: "a".repeat(31) }, TOO_LONG],
				[{ username: "bad name" }, INVALID],
				[{ username: "bad-name" }, INVALID],
				[{ username: "ünïcode" }, INVALID],
				[{ displayUsername: "x" }, TOO_SHORT],
				[{ displayUsername: "Not Valid!" }, INVALID],
			];
			for (const [extra, expected] of cases) {
				const res = await signUp(t.client(), extra);
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual(expected);
			}
			expect(await t.snapshot()).toEqual(before);
			expect((await signUp(t.client(), { username: "abc" })).status).toBe(200);
			expect((await signUp(t.client(), { username: "a".repeat(30) })).status).toBe(200);
		});

		test("a sign-up without username leaves both fields null", async () => {
			const t = await getTestInstance(dialect);
			const res = await signUp(t.client(), {});
			expect((await res.json()).user).toMatchObject({ username: null, displayUsername: null });
		});
	});

	describe(`username plugin: POST /sign-in/username [${dialect}]`, () => {
		test("signs in with any casing of the username and sets the session cookie", async () => {
			const t = await getTestInstance(dialect);
			const { body: up } = await t.signUp({ username: "Dave_9", password: "password1234" });
			const c = t.client();
			const res = await c.request("/sign-in/username", { json: { username: "DAVE_9", password: "password1234" } });
			expect(res.status).toBe(200);
			const body = await res.json();
			expect(Object.keys(body).sort()).toEqual(["redirect", "token", "user"]);
			expect(body).toMatchObject({ redirect: false, user: { id: up.user.id, username: "dave_9", displayUsername: "Dave_9" } });
			expect(body.token).toMatch(/^[a-zA-Z0-9]{32}$/);
			expect(res.headers.get("cache-control")).toBe("no-store");
			expect(res.headers.getSetCookie()[0]).toMatch(new RegExp(`^better-auth\\.session_token=${body.token}\\.[^;]+; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax$`));
			expect((await (await c.request("/get-session")).json()).session.token).toBe(body.token);
		});

		test("callbackURL gives redirect:true, url and Location; rememberMe:false a browser-session cookie", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ username: "frank", password: "password1234" });
			const res = await t.client().request("/sign-in/username", { json: { username: "frank", password: "password1234", callbackURL: "/home", rememberMe: false } });
			expect(res.status).toBe(200);
			expect(await res.json()).toMatchObject({ redirect: true, url: "/home" });
			expect(res.headers.get("location")).toBe("/home");
			const cookies = res.headers.getSetCookie();
			expect(cookies[0]).not.toContain("Max-Age");
			expect(cookies.some((c) => c.startsWith("better-auth.dont_remember=true."))).toBe(true);
		});

		test("wrong password and unknown username are the same 401", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ username: "grace", password: "password1234" });
			const before = await t.snapshot();
			for (const json of [{ username: "grace", password: "wrong-password" }, { username: "nobody", password: "password1234" }]) {
				const res = await t.client().request("/sign-in/username", { json });
				expect(res.status).toBe(401);
				expect(await res.json()).toEqual(WRONG);
				expect(res.headers.getSetCookie()).toEqual([]);
			}
			expect(await t.snapshot()).toEqual(before);
		});

		test("an invalid username is 422, an overlong password 400, missing fields 400 VALIDATION_ERROR", async () => {
			const t = await getTestInstance(dialect);
			const c = t.client();
			const before = await t.snapshot();
			const cases: [Record<string, unknown>, number, { code: string; message: string }][] = [
				[{ username: "ab", password: "password1234" }, 422, TOO_SHORT],
				[{ username: "a".repeat(31), password: "password1234" }, 422, TOO_LONG],
				[{ username: "bad name", password: "password1234" }, 422, INVALID],
				[{ username: "heidi", password: "x".repeat(129) }, 400, { code: "PASSWORD_TOO_LONG", message: "Password too long" }],
				[{ password: "password1234" }, 400, { code: "VALIDATION_ERROR", message: "[body.username] Invalid input: expected string, received undefined" }],
				[{ username: "heidi" }, 400, { code: "VALIDATION_ERROR", message: "[body.password] Invalid input: expected string, received undefined" }],
				[{ username: 5, password: true }, 400, {
					code: "VALIDATION_ERROR",
					message: "[body.username] Invalid input: expected string, received number; [body.password] Invalid input: expected string, received boolean",
				}],
			];
			for (const [json, status, expected] of cases) {
				const res = await c.request("/sign-in/username", { json });
				expect(res.status).toBe(status);
				expect(await res.json()).toEqual(expected);
			}
			expect(await t.snapshot()).toEqual(before);
		});

		test("requireEmailVerification refuses an unverified user with 403 EMAIL_NOT_VERIFIED", async () => {
			const t = await getTestInstance(dialect, { emailAndPassword: { enabled: true, requireEmailVerification: true } });
			await signUp(t.client(), { username: "ivan" });
			const before = await t.snapshot();
			const res = await t.client().request("/sign-in/username", { json: { username: "ivan", password: "password1234" } });
			expect(res.status).toBe(403);
			expect(await res.json()).toEqual({ code: "EMAIL_NOT_VERIFIED", message: "Email not verified" });
			expect(await t.snapshot()).toEqual(before);
		});
	});

	describe(`username plugin: POST /is-username-available [${dialect}]`, () => {
		test("true for a free name, false for a taken one in any case, 422 for an invalid one", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ username: "judy" });
			const c = t.client();
			const ask = (name: unknown) => c.request("/is-username-available", { json: { username: name } });
			const free = await ask("kim");
			expect(free.status).toBe(200);
			expect(await free.json()).toEqual({ available: true });
			for (const name of ["judy", "JUDY", "Judy"]) expect(await (await ask(name)).json()).toEqual({ available: false });
			const before = await t.snapshot();
			for (const [name, expected] of [["ab", TOO_SHORT], ["a".repeat(31), TOO_LONG], ["bad name", INVALID]] as const) {
				const res = await ask(name);
				expect(res.status).toBe(422);
				expect(await res.json()).toEqual(expected);
			}
			const missing = await c.request("/is-username-available", { json: {} });
			expect(missing.status).toBe(400);
			expect(await missing.json()).toEqual({ code: "VALIDATION_ERROR", message: "[body.username] Invalid input: expected string, received undefined" });
			expect(await t.snapshot()).toEqual(before);
		});
	});

	describe(`username plugin: options [${dialect}]`, () => {
		test("minUsernameLength and maxUsernameLength", async () => {
			const t = await withOptions(dialect, { minUsernameLength: 5, maxUsernameLength: 8 });
			const before = await t.snapshot();
			const short = await signUp(t.client(), { username: "abcd" });
			expect(short.status).toBe(400);
			expect(await short.json()).toEqual(TOO_SHORT);
			const long = await signUp(t.client(), { username: "abcdefghi" });
			expect(await long.json()).toEqual(TOO_LONG);
			const available = await t.client().request("/is-username-available", { json: { username: "abcd" } });
			expect(available.status).toBe(422);
			expect(await t.snapshot()).toEqual(before);
			expect((await signUp(t.client(), { username: "abcde" })).status).toBe(200);
			expect((await signUp(t.client(), { username: "abcdefgh" })).status).toBe(200);
		});

		test("usernameValidator replaces the default pattern", async () => {
			const t = await withOptions(dialect, { usernameValidator: (name) => /^[a-z-]+$/.test(name) && name !== "admin" });
			const before = await t.snapshot();
			for (const name of ["admin", "under_score"]) {
				const res = await signUp(t.client(), { username: name });
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual(INVALID);
			}
			expect(await t.snapshot()).toEqual(before);
			const res = await signUp(t.client(), { username: "with-dash" });
			expect(res.status).toBe(200);
			const signIn = await t.client().request("/sign-in/username", { json: { username: "with-dash", password: "password1234" } });
			expect(signIn.status).toBe(200);
		});

		test("an async usernameValidator is awaited", async () => {
			const t = await withOptions(dialect, { usernameValidator: async (name) => name.startsWith("ok") });
			expect((await signUp(t.client(), { username: "okay" })).status).toBe(200);
			const res = await signUp(t.client(), { username: "nope" });
			expect(await res.json()).toEqual(INVALID);
		});

		test("usernameNormalization:false stores usernames as typed and compares them exactly", async () => {
			const t = await withOptions(dialect, { usernameNormalization: false });
			const upper = await signUp(t.client(), { username: "Alice" });
			expect((await upper.json()).user).toMatchObject({ username: "Alice", displayUsername: "Alice" });
			const lower = await signUp(t.client(), { username: "alice" });
			expect(lower.status).toBe(200);
			expect(await (await t.client().request("/is-username-available", { json: { username: "ALICE" } })).json()).toEqual({ available: true });
			const ok = await t.client().request("/sign-in/username", { json: { username: "Alice", password: "password1234" } });
			expect(ok.status).toBe(200);
			const wrongCase = await t.client().request("/sign-in/username", { json: { username: "ALICE", password: "password1234" } });
			expect(wrongCase.status).toBe(401);
			expect(await wrongCase.json()).toEqual(WRONG);
		});

		test("a custom normalisation with validationOrder post-normalization validates the normalised name", async () => {
			const normalize = (name: string) => name.trim().toLowerCase();
			const post = await withOptions(dialect, { usernameNormalization: normalize, validationOrder: { username: "post-normalization" } });
			const res = await signUp(post.client(), { username: "  Mike  " });
			expect(res.status).toBe(200);
			expect((await res.json()).user).toMatchObject({ username: "mike", displayUsername: "  Mike  " });
			const signIn = await post.client().request("/sign-in/username", { json: { username: " MIKE", password: "password1234" } });
			expect(signIn.status).toBe(200);

			// Pre-normalization (the default) validates the raw input, whose spaces fail the pattern.
			const pre = await withOptions(dialect, { usernameNormalization: normalize });
			const before = await pre.snapshot();
			const refused = await signUp(pre.client(), { username: "  Mike  " });
			expect(refused.status).toBe(400);
			expect(await refused.json()).toEqual(INVALID);
			expect(await pre.snapshot()).toEqual(before);
		});

		test("post-normalization checks the length of the normalised name", async () => {
			const t = await withOptions(dialect, {
				usernameNormalization: (name) => name.replaceAll(".", ""),
				validationOrder: { username: "post-normalization" },
			});
			const res = await signUp(t.client(), { username: "a.b" });
			expect(res.status).toBe(400);
			expect(await res.json()).toEqual(TOO_SHORT);
		});

		test("displayUsernameValidator and displayUsernameNormalization", async () => {
			const t = await withOptions(dialect, {
				displayUsernameValidator: (name) => !name.includes("!"),
				displayUsernameNormalization: (name) => name.trim(),
			});
			const before = await t.snapshot();
			const refused = await signUp(t.client(), { username: "nina", displayUsername: "Nina!" });
			expect(refused.status).toBe(400);
			expect(await refused.json()).toEqual({ code: "INVALID_DISPLAY_USERNAME", message: "Display username is invalid" });
			expect(await t.snapshot()).toEqual(before);
			const ok = await signUp(t.client(), { username: "nina", displayUsername: "  Nina  " });
			expect((await ok.json()).user).toMatchObject({ username: "nina", displayUsername: "Nina" });
		});
	});

	describe(`username plugin: auth.api [${dialect}]`, () => {
		test("signInUsername and isUsernameAvailable as server functions; errors thrown as APIError", async () => {
			// A typed instance: getTestInstance's `auth` does not know its plugins statically.
			const { storage, dispose } = await createTestStorage(dialect);
			try {
				const auth = createLatchkey({
					baseURL: TEST_ORIGIN,
					secret: TEST_SECRET,
					database: storage,
					emailAndPassword: { enabled: true, password: fastTestHasher },
					plugins: [username()],
				});
				const up = await auth.api.signUpEmail({ body: { name: "Sam", email: "sam@example.com", password: "password1234", username: "Sam_01" } });
				expect(up.user).toMatchObject({ username: "sam_01", displayUsername: "Sam_01" });
				const data = await auth.api.signInUsername({ body: { username: "SAM_01", password: "password1234" } });
				expect(data.user.id).toBe(up.user.id);
				const { headers, response } = await auth.api.signInUsername({ body: { username: "sam_01", password: "password1234" }, returnHeaders: true });
				expect(headers.getSetCookie()[0]).toStartWith(`better-auth.session_token=${response.token}.`);
				expect(await auth.api.isUsernameAvailable({ body: { username: "sam_01" } })).toEqual({ available: false });
				expect(await auth.api.isUsernameAvailable({ body: { username: "tom_01" } })).toEqual({ available: true });

				const cases: [() => Promise<unknown>, number, string][] = [
					[() => auth.api.signInUsername({ body: { username: "sam_01", password: "wrong-password" } }), 401, "INVALID_USERNAME_OR_PASSWORD"],
					[() => auth.api.signInUsername({ body: { username: "ab", password: "password1234" } }), 422, "USERNAME_TOO_SHORT"],
					[() => auth.api.isUsernameAvailable({ body: { username: "bad name" } }), 422, "INVALID_USERNAME"],
					[() => auth.api.signUpEmail({ body: { name: "S", email: "s2@example.com", password: "password1234", username: "SAM_01" } }), 400, "USERNAME_IS_ALREADY_TAKEN"],
				];
				for (const [call, status, code] of cases) {
					const error = await call().catch((e: unknown) => e);
					expect(isAPIError(error)).toBe(true);
					if (!isAPIError(error)) continue;
					expect(error.statusCode).toBe(status);
					expect(error.body?.code).toBe(code);
				}
				const res = await auth.api.signInUsername({ body: { username: "nobody", password: "password1234" }, asResponse: true });
				expect(res.status).toBe(401);
				expect(await res.json()).toEqual(WRONG);
			} finally {
				await dispose();
			}
		});
	});
}
