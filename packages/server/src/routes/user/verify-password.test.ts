/**
 * `POST /verify-password` (spec/core.md §9.15).
 *
 * The route answers one question, "is this the password?", so it is a password oracle for
 * whoever holds a session: a thief with a stolen cookie trying guesses, a cookie that was
 * revoked but still sits in the cookie cache, an admin impersonating the user. Covered here:
 * the oracle answers only a live session read from the database, at most 3 times per 10 s,
 * never to an impersonating admin; it changes nothing; and hostile or oversized input gets a
 * `{ code, message }` 400 without reaching the hasher (or a 500).
 */
import { describe, expect, test } from "bun:test";
import type { LatchkeyOptions } from "../../context/options.ts";
import type { PasswordHasher } from "../../crypto/password.ts";
import { adminTestInstance } from "../../plugins/admin/test-kit.ts";
import { fastTestHasher, getTestInstance, TEST_ORIGIN, testDialects } from "../../testing/index.ts";
import type { TestInstance } from "../../testing/index.ts";

const OK = { status: true };
const INVALID_PASSWORD = { code: "INVALID_PASSWORD", message: "Invalid password" };
const NO_CREDENTIAL = { code: "CREDENTIAL_ACCOUNT_NOT_FOUND", message: "Credential account not found" };
const TOO_LONG = { code: "PASSWORD_TOO_LONG", message: "Password too long" };
const UNAUTHORIZED = { code: "UNAUTHORIZED", message: "Unauthorized" };
const VALIDATION = (message: string): { code: string; message: string } => ({ code: "VALIDATION_ERROR", message });

/** The fast test hasher, counting `verify` calls: proves refused input never reached it. */
function countingHasher(): { hasher: PasswordHasher; verifies: () => number } {
	let n = 0;
	const hasher: PasswordHasher = {
		hash: fastTestHasher.hash,
		verify: (input) => {
			n++;
			return fastTestHasher.verify(input);
		},
	};
	return { hasher, verifies: () => n };
}

/** The user's credential account row as stored (to prove a refused call changed nothing). */
async function credentialRow(t: TestInstance<LatchkeyOptions>, userId: string): Promise<unknown> {
	return t.auth.$context.storage.findOne("account", { userId, providerId: "credential" });
}

for (const dialect of await testDialects()) {
	describe(`POST /verify-password [${dialect}]`, () => {
		test("200 {status:true} for the right password, over HTTP and through auth.api; nothing is written", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp({ email: "vp@example.com" });
			const before = await t.snapshot();
			const account = await credentialRow(t, body.user.id);
			const res = await client.request("/verify-password", { json: { password: "password1234" } });
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual(OK);
			// Not a session-changing route: no cookie is set.
			expect(res.headers.getSetCookie()).toEqual([]);
			const headers = new Headers({ cookie: client.jar.header() ?? "" });
			expect(await t.auth.api.verifyPassword({ body: { password: "password1234" }, headers })).toEqual(OK);
			expect(await t.snapshot()).toEqual(before);
			expect(await credentialRow(t, body.user.id)).toEqual(account);
		});

		test("400 INVALID_PASSWORD for a wrong password; nothing changes and the password still works", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp({ email: "wrong@example.com" });
			const before = await t.snapshot();
			const account = await credentialRow(t, body.user.id);
			for (const password of ["not-the-password", "PASSWORD1234", "password123", "password12345", " password1234"]) {
				const res = await client.request("/verify-password", { json: { password } });
				expect({ password, status: res.status }).toEqual({ password, status: 400 });
				expect(await res.json()).toEqual(INVALID_PASSWORD);
			}
			expect(await t.snapshot()).toEqual(before);
			expect(await credentialRow(t, body.user.id)).toEqual(account);
			expect((await client.request("/verify-password", { json: { password: "password1234" } })).status).toBe(200);
			expect((await t.client().request("/sign-in/email", { json: { email: "wrong@example.com", password: "password1234" } })).status).toBe(200);
		});

		test("400 CREDENTIAL_ACCOUNT_NOT_FOUND for a social-only user, an empty password and no account at all", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp();
			const storage = t.auth.$context.storage;
			const json = { password: "password1234" };
			// Social-only: the user's one account belongs to a provider and carries no password.
			await storage.update("account", { userId: body.user.id }, { providerId: "google", accountId: "google-subject-1", password: null });
			const social = await client.request("/verify-password", { json });
			expect(social.status).toBe(400);
			expect(await social.json()).toEqual(NO_CREDENTIAL);
			// A credential account whose password is empty.
			await storage.update("account", { userId: body.user.id }, { providerId: "credential", accountId: body.user.id, password: null });
			const empty = await client.request("/verify-password", { json });
			expect(empty.status).toBe(400);
			expect(await empty.json()).toEqual(NO_CREDENTIAL);
			await storage.delete("account", { userId: body.user.id });
			const none = await client.request("/verify-password", { json });
			expect(none.status).toBe(400);
			expect(await none.json()).toEqual(NO_CREDENTIAL);
		});

		test("401 without a session, with a forged cookie, and through auth.api without headers", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "anon@example.com" });
			const send = (headers: Record<string, string>) =>
				t.auth.handler(
					new Request(`${TEST_ORIGIN}/api/auth/verify-password`, {
						method: "POST",
						headers: { "content-type": "application/json", origin: TEST_ORIGIN, ...headers },
						body: JSON.stringify({ password: "password1234" }),
					}),
				);
			const callers: Record<string, string>[] = [{}, { cookie: "better-auth.session_token=forged.c2lnbmF0dXJl" }];
			for (const headers of callers) {
				const res = await send(headers);
				expect(res.status).toBe(401);
				expect(await res.json()).toEqual(UNAUTHORIZED);
			}
			const viaApi = await t.auth.api.verifyPassword({ body: { password: "password1234" }, headers: new Headers() }).catch((error: unknown) => error);
			expect(viaApi).toMatchObject({ statusCode: 401, body: UNAUTHORIZED });
		});

		test("bad input: missing field, wrong types, non-object bodies → 400 VALIDATION_ERROR, hasher untouched", async () => {
			const { hasher, verifies } = countingHasher();
			const t = await getTestInstance(dialect, { emailAndPassword: { enabled: true, password: hasher } });
			const { client } = await t.signUp();
			const before = await t.snapshot();
			const cases: [unknown, string][] = [
				[{}, "[body.password] Invalid input: expected string, received undefined"],
				[{ currentPassword: "password1234" }, "[body.password] Invalid input: expected string, received undefined"],
				[{ password: 12345678 }, "[body.password] Invalid input: expected string, received number"],
				[{ password: null }, "[body.password] Invalid input: expected string, received null"],
				[{ password: ["password1234"] }, "[body.password] Invalid input: expected string, received array"],
				[{ password: { value: "password1234" } }, "[body.password] Invalid input: expected string, received object"],
				[{ password: true }, "[body.password] Invalid input: expected string, received boolean"],
				[[], "[body] Invalid input: expected object, received array"],
				["password1234", "[body] Invalid input: expected object, received string"],
			];
			for (const [json, message] of cases) {
				const res = await client.request("/verify-password", { json });
				expect({ json, status: res.status }).toEqual({ json, status: 400 });
				expect(await res.json()).toEqual(VALIDATION(message));
			}
			expect(verifies()).toBe(0);
			expect(await t.snapshot()).toEqual(before);
		});

		test("length: an over-long password is PASSWORD_TOO_LONG before any hashing; length counts code points", async () => {
			const { hasher, verifies } = countingHasher();
			const t = await getTestInstance(dialect, { emailAndPassword: { enabled: true, password: hasher } });
			const { client } = await t.signUp();
			for (const password of ["x".repeat(10_000), "x".repeat(129), "🔑".repeat(129)]) {
				const res = await client.request("/verify-password", { json: { password } });
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual(TOO_LONG);
			}
			expect(verifies()).toBe(0);
			// 128 emoji are 256 UTF-16 units but 128 code points: within the limit, merely wrong.
			const atLimit = await client.request("/verify-password", { json: { password: "🔑".repeat(128) } });
			expect(atLimit.status).toBe(400);
			expect(await atLimit.json()).toEqual(INVALID_PASSWORD);
			expect(verifies()).toBe(1);
		});

		test("hostile strings: empty, NUL, control characters, unicode → 400 INVALID_PASSWORD, never truncated at NUL", async () => {
			const t = await getTestInstance(dialect);
			const { client } = await t.signUp();
			const hostile = [
				"",
				"\u0000",
				"password1234\u0000",
				"password1234\u0000anything",
				"\u0000password1234",
				"password1234\r\n",
				"pässwörd1234",
				"пароль-1234🔑",
				"\u202epassword1234",
				"\ud800password1234",
				"' OR 1=1 --",
				"<script>alert(1)</script>",
			];
			for (const password of hostile) {
				const res = await client.request("/verify-password", { json: { password } });
				expect({ password, status: res.status }).toEqual({ password, status: 400 });
				const text = await res.text();
				expect(JSON.parse(text)).toEqual(INVALID_PASSWORD);
			}
		});

		test("a unicode password is verified as set, NFKC-equivalent spellings included", async () => {
			const t = await getTestInstance(dialect);
			const { client } = await t.signUp({ password: "pässwörd-ﬁ-🔑" });
			expect((await client.request("/verify-password", { json: { password: "pässwörd-ﬁ-🔑" } })).status).toBe(200);
			// "ä" as a + combining diaeresis, "ﬁ" as "fi": the same password after NFKC (SECURITY.md rule 10).
			expect((await client.request("/verify-password", { json: { password: "pa\u0308sswo\u0308rd-fi-🔑" } })).status).toBe(200);
			expect((await client.request("/verify-password", { json: { password: "passwoerd-fi-🔑" } })).status).toBe(400);
		});

		test("rate limit: the 4th call within 10 s is 429, even with the right password", async () => {
			let now = Date.parse("2030-01-01T00:00:00.000Z");
			const t = await getTestInstance(dialect, { now: () => new Date(now), rateLimit: { enabled: true } });
			const { client } = await t.signUp();
			const verify = (password: string) => client.request("/verify-password", { json: { password } });
			expect((await verify("guess-1")).status).toBe(400);
			expect((await verify("guess-2")).status).toBe(400);
			expect((await verify("password1234")).status).toBe(200);
			now += 4_000;
			const refused = await verify("password1234");
			expect(refused.status).toBe(429);
			expect(refused.headers.get("x-retry-after")).toBe("6");
			expect(await refused.json()).toEqual({ message: "Too many requests. Please try again later." });
			now += 6_000;
			expect((await verify("password1234")).status).toBe(200);
		});

		test("parallel guesses cannot squeeze past the limit: 20 at once, 3 answered", async () => {
			const t = await getTestInstance(dialect, { rateLimit: { enabled: true } });
			const { client } = await t.signUp();
			const results = await Promise.all(Array.from({ length: 20 }, (_, i) => client.request("/verify-password", { json: { password: `guess-${i}` } })));
			const statuses = results.map((r) => r.status);
			expect(statuses.filter((s) => s === 400)).toHaveLength(3);
			expect(statuses.filter((s) => s === 429)).toHaveLength(17);
		});

		test("cookie cache bypassed: a session deleted from the database is 401 though the cache still holds it", async () => {
			const t = await getTestInstance(dialect, { session: { cookieCache: { enabled: true } } });
			const { client, body } = await t.signUp();
			expect((await client.request("/verify-password", { json: { password: "password1234" } })).status).toBe(200);
			expect(await t.auth.$context.storage.delete("session", { token: body.token })).toBe(1);
			// The cache alone would still vouch for the session…
			expect((await (await client.request("/get-session")).json())?.session.token).toBe(body.token);
			// …but the oracle reads the database, where the row is gone.
			const res = await client.request("/verify-password", { json: { password: "password1234" } });
			expect(res.status).toBe(401);
			expect(await res.json()).toEqual(UNAUTHORIZED);
		});

		test("an impersonating admin gets 403 IMPERSONATION_NOT_ALLOWED, even with the user's password", async () => {
			const { hasher, verifies } = countingHasher();
			const k = await adminTestInstance(dialect, {}, { emailAndPassword: { enabled: true, password: hasher } });
			const started = await k.admin.client.request("/admin/impersonate-user", { json: { userId: k.user.id } });
			expect(started.status).toBe(200);
			const checked = verifies();
			for (const password of ["password1234", "a-guess-1234"]) {
				const res = await k.admin.client.request("/verify-password", { json: { password } });
				expect(res.status).toBe(403);
				expect(await res.json()).toEqual({ code: "IMPERSONATION_NOT_ALLOWED", message: "This action is not allowed while impersonating a user" });
			}
			expect(verifies()).toBe(checked);
			// Control: the user, and the admin once back as themself, may use it.
			expect((await k.user.client.request("/verify-password", { json: { password: "password1234" } })).status).toBe(200);
			expect((await k.admin.client.request("/admin/stop-impersonating", { json: {} })).status).toBe(200);
			expect((await k.admin.client.request("/verify-password", { json: { password: "password1234" } })).status).toBe(200);
		});
	});
}
