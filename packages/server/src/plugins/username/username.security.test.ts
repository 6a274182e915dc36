/**
 * Attacks on the username plugin.
 *
 * A username is a public, guessable handle, so `/sign-in/username` is an easy oracle: if an
 * unknown username answers differently or faster than a wrong password, an attacker learns
 * which handles have accounts. Both must do one password `verify` and answer the same 401.
 * Usernames are also attacker-chosen strings that end up in SQL lookups and on other users'
 * screens: SQL fragments, homoglyphs ("аdmin" with a Cyrillic а), bidi overrides and NUL
 * bytes must be refused cleanly (PostgreSQL cannot even compare a NUL, so a permissive
 * custom validator must not turn one into a 500). Case variants of a taken name must not
 * create a second account that impersonates the first.
 */
import { describe, expect, test } from "bun:test";
import type { PasswordHasher } from "../../crypto/password.ts";
import { fastTestHasher, getTestInstance, testDialects } from "../../testing/index.ts";
import { username } from "./index.ts";

const WRONG = { code: "INVALID_USERNAME_OR_PASSWORD", message: "Invalid username or password" };
const INVALID = { code: "INVALID_USERNAME", message: "Username is invalid" };

function countingHasher(): PasswordHasher & { verifies: number } {
	const hasher = {
		verifies: 0,
		hash: (password: string) => fastTestHasher.hash(password),
		async verify(input: { hash: string; password: string }): Promise<boolean> {
			hasher.verifies++;
			return fastTestHasher.verify(input);
		},
	};
	return hasher;
}

for (const dialect of await testDialects()) {
	describe(`username plugin security [${dialect}]`, () => {
		test("unknown username and wrong password do the same verify and give the same 401", async () => {
			const hasher = countingHasher();
			const t = await getTestInstance(dialect, { emailAndPassword: { enabled: true, password: hasher } });
			await t.signUp({ username: "oscar", password: "password1234" });
			const before = await t.snapshot();
			const c = t.client();
			for (const name of ["nobody", "oscar", "OSCAR"]) {
				const verifies = hasher.verifies;
				const res = await c.request("/sign-in/username", { json: { username: name, password: "wrong-password" } });
				expect(res.status).toBe(401);
				expect(await res.json()).toEqual(WRONG);
				expect(res.headers.getSetCookie()).toEqual([]);
				expect(hasher.verifies - verifies).toBe(1);
			}
			expect(await t.snapshot()).toEqual(before);
		});

		test("a refused username (422) and an overlong password (400) cost no hashing", async () => {
			const hasher = countingHasher();
			const t = await getTestInstance(dialect, { emailAndPassword: { enabled: true, password: hasher } });
			const c = t.client();
			const invalid = await c.request("/sign-in/username", { json: { username: "x", password: "password1234" } });
			expect(invalid.status).toBe(422);
			const long = await c.request("/sign-in/username", { json: { username: "peggy", password: "p".repeat(50_000) } });
			expect(long.status).toBe(400);
			expect(await long.json()).toEqual({ code: "PASSWORD_TOO_LONG", message: "Password too long" });
			expect(hasher.verifies).toBe(0);
		});

		test("SQL fragments, homoglyphs, bidi and zero-width characters are refused by the default pattern", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ username: "admin" });
			const before = await t.snapshot();
			const hostile = ["admin'--", "' OR 1=1 --", "\u0430dmin", "adm\u200Bin", "\u202Enimda", "admin%00", "admin\n"];
			for (const name of hostile) {
				const up = await t.client().request("/sign-up/email", { json: { name: "M", email: "m@example.com", password: "password1234", username: name } });
				expect(up.status).toBe(400);
				expect(await up.json()).toEqual(INVALID);
				const signIn = await t.client().request("/sign-in/username", { json: { username: name, password: "password1234" } });
				expect(signIn.status).toBe(422);
				expect(await signIn.json()).toEqual(INVALID);
				const available = await t.client().request("/is-username-available", { json: { username: name } });
				expect(available.status).toBe(422);
			}
			expect(await t.snapshot()).toEqual(before);
		});

		test("a permissive custom validator still cannot push a NUL byte into the database", async () => {
			const t = await getTestInstance(dialect, { plugins: [username({ usernameValidator: () => true })] });
			const before = await t.snapshot();
			// Refused before any validator runs, with the same answer on every route.
			const refused = { code: "VALIDATION_ERROR", message: "[body.username] Invalid input: NUL characters are not allowed" };
			const up = await t.client().request("/sign-up/email", { json: { name: "N", email: "n@example.com", password: "password1234", username: "nul\u0000" } });
			expect(up.status).toBe(400);
			expect(await up.json()).toEqual(refused);
			const signIn = await t.client().request("/sign-in/username", { json: { username: "nul\u0000", password: "password1234" } });
			expect(signIn.status).toBe(400);
			expect(await signIn.json()).toEqual(refused);
			const available = await t.client().request("/is-username-available", { json: { username: "nul\u0000" } });
			expect(available.status).toBe(400);
			expect(await available.json()).toEqual(refused);
			expect(await t.snapshot()).toEqual(before);
			// Everything else that validator allows is stored verbatim (lowercased).
			const odd = await t.client().request("/sign-up/email", { json: { name: "O", email: "o@example.com", password: "password1234", username: "Ünï Cödé' --" } });
			expect(odd.status).toBe(200);
			expect((await odd.json()).user.username).toBe("ünï cödé' --");
		});

		test("case variants of a taken username cannot register or be reported as free", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ username: "Quinn" });
			const before = await t.snapshot();
			for (const extra of [{ username: "QUINN" }, { username: "quinn" }, { displayUsername: "qUiNn" }]) {
				const res = await t.client().request("/sign-up/email", { json: { name: "Q", email: "q2@example.com", password: "password1234", ...extra } });
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual({ code: "USERNAME_IS_ALREADY_TAKEN", message: "Username is already taken. Please try another." });
			}
			expect(await (await t.client().request("/is-username-available", { json: { username: "QuInN" } })).json()).toEqual({ available: false });
			expect(await t.snapshot()).toEqual(before);
		});

		test("a username taken check runs before the email check: no email oracle through username errors", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "rita@example.com", username: "rita" });
			const before = await t.snapshot();
			// Same username, unknown email and known email: the same answer.
			for (const email of ["rita@example.com", "other@example.com"]) {
				const res = await t.client().request("/sign-up/email", { json: { name: "R", email, password: "password1234", username: "rita" } });
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual({ code: "USERNAME_IS_ALREADY_TAKEN", message: "Username is already taken. Please try another." });
			}
			expect(await t.snapshot()).toEqual(before);
		});
	});
}
