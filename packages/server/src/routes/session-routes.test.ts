/**
 * `POST /sign-out`, `GET /list-sessions`, `POST /revoke-session`, `POST /revoke-sessions`,
 * `POST /revoke-other-sessions` (spec/core.md §9.5, §9.7–§9.10).
 *
 * Attacks covered: listing or revoking another user's sessions by guessing or stealing a
 * token (a foreign token must be left untouched, and the answer must not reveal whether it
 * exists); a stolen but old session listing every device (freshness); hostile input (missing,
 * mistyped or huge tokens) reaching a 500; and a sign-out that leaves a usable session behind.
 */
import { describe, expect, test } from "bun:test";
import { getTestInstance, TEST_ORIGIN, testDialects } from "../testing/index.ts";
import type { TestClient, TestInstance } from "../testing/index.ts";
import type { LatchkeyOptions } from "../context/options.ts";

// Close every instance after each test: the shared preload only disposes them at the very
// end of the run, and PostgreSQL allows 100 connections.

const START = Date.parse("2030-01-01T00:00:00.000Z");
const CLEARED = [
	"better-auth.session_token=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
	"better-auth.session_data=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
	"better-auth.dont_remember=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
];

function manualClock(): { now: () => Date; advance: (seconds: number) => void } {
	let ms = START;
	return { now: () => new Date(ms), advance: (seconds) => void (ms += seconds * 1000) };
}

/** Signs the same user in again on a new client: a second device. */
async function secondDevice(t: TestInstance<LatchkeyOptions>, email: string): Promise<{ client: TestClient; token: string }> {
	const client = t.client();
	const res = await client.request("/sign-in/email", { json: { email, password: "password1234" } });
	expect(res.status).toBe(200);
	return { client, token: (await res.json()).token };
}

async function exists(t: TestInstance<LatchkeyOptions>, token: string): Promise<boolean> {
	return (await t.auth.$context.storage.findOne("session", { token })) !== null;
}

const VALIDATION = (message: string): { code: string; message: string } => ({ code: "VALIDATION_ERROR", message });

for (const dialect of await testDialects()) {
	describe(`POST /sign-out [${dialect}]`, () => {
		test("deletes the session and clears the three cookies in order", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp();
			const res = await client.request("/sign-out", { json: {} });
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({ success: true });
			expect(res.headers.getSetCookie()).toEqual(CLEARED);
			expect(await exists(t, body.token)).toBe(false);
			expect(await (await client.request("/get-session")).json()).toBeNull();
		});

		test("clears cookies even without a session, with no body or a forged cookie", async () => {
			const t = await getTestInstance(dialect);
			const bare = await t.auth.handler(new Request(`${TEST_ORIGIN}/api/auth/sign-out`, { method: "POST" }));
			expect(bare.status).toBe(200);
			expect(await bare.json()).toEqual({ success: true });
			expect(bare.headers.getSetCookie()).toEqual(CLEARED);
			const forged = await t.client({ headers: { cookie: "better-auth.session_token=abc.def" } }).request("/sign-out", { json: {} });
			expect(forged.status).toBe(200);
			expect(forged.headers.getSetCookie()).toEqual(CLEARED);
		});

		test("only the signed-out device loses its session", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp({ email: "two@example.com", password: "password1234" });
			const other = await secondDevice(t, "two@example.com");
			await client.request("/sign-out", { json: {} });
			expect(await exists(t, body.token)).toBe(false);
			expect(await exists(t, other.token)).toBe(true);
		});

		test("a hostile callbackURL is refused before anything is deleted", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp();
			const res = await client.request("/sign-out", { json: { callbackURL: "https://evil.example" } });
			expect(res.status).toBe(403);
			expect(await res.json()).toEqual({ code: "INVALID_CALLBACK_URL", message: "Invalid callbackURL" });
			expect(await exists(t, body.token)).toBe(true);
		});
	});

	describe(`GET /list-sessions [${dialect}]`, () => {
		test("lists only the caller's unexpired sessions, token included", async () => {
			const clock = manualClock();
			const t = await getTestInstance(dialect, { now: clock.now, session: { freshAge: 0 } });
			const { client, body } = await t.signUp({ email: "lister@example.com", password: "password1234" });
			const other = await secondDevice(t, "lister@example.com");
			const stranger = await t.signUp();
			// An already expired session of the same user.
			await t.auth.$context.storage.create("session", {
				id: "expired-session-id",
				token: "e".repeat(32),
				userId: body.user.id,
				expiresAt: new Date(START - 1000),
				createdAt: new Date(START - 10_000),
				updatedAt: new Date(START - 10_000),
				ipAddress: "",
				userAgent: "",
			});
			const res = await client.request("/list-sessions");
			expect(res.status).toBe(200);
			const sessions: { token: string; userId: string; expiresAt: string }[] = await res.json();
			expect(sessions.map((s) => s.token).sort()).toEqual([body.token, other.token].sort());
			expect(sessions.every((s) => s.userId === body.user.id)).toBe(true);
			expect(sessions.map((s) => s.token)).not.toContain(stranger.body.token);
		});

		test("401 without a session", async () => {
			const t = await getTestInstance(dialect);
			const res = await t.client().request("/list-sessions");
			expect(res.status).toBe(401);
			expect(await res.json()).toEqual({ code: "UNAUTHORIZED", message: "Unauthorized" });
		});

		test("403 SESSION_NOT_FRESH once the session is freshAge old, measured from createdAt", async () => {
			const clock = manualClock();
			const t = await getTestInstance(dialect, { now: clock.now, session: { freshAge: 3600 } });
			const { client } = await t.signUp();
			clock.advance(3599);
			expect((await client.request("/list-sessions")).status).toBe(200);
			clock.advance(1);
			const res = await client.request("/list-sessions");
			expect(res.status).toBe(403);
			expect(await res.json()).toEqual({ code: "SESSION_NOT_FRESH", message: "Session is not fresh" });
		});

		test("a refresh does not make a session fresh again; freshAge 0 disables the check", async () => {
			const clock = manualClock();
			const t = await getTestInstance(dialect, { now: clock.now });
			const { client } = await t.signUp();
			clock.advance(86_400);
			expect((await client.request("/get-session")).headers.getSetCookie()).toHaveLength(1);
			expect((await client.request("/list-sessions")).status).toBe(403);

			const lax = await getTestInstance(dialect, { now: clock.now, session: { freshAge: 0 } });
			const { client: old } = await lax.signUp();
			clock.advance(5 * 86_400);
			expect((await old.request("/list-sessions")).status).toBe(200);
		});
	});

	describe(`POST /revoke-session [${dialect}]`, () => {
		test("revoking one of the caller's other sessions deletes it and leaves cookies alone", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp({ email: "rs@example.com", password: "password1234" });
			const other = await secondDevice(t, "rs@example.com");
			const res = await client.request("/revoke-session", { json: { token: other.token } });
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({ status: true });
			expect(res.headers.getSetCookie()).toEqual([]);
			expect(await exists(t, other.token)).toBe(false);
			expect(await exists(t, body.token)).toBe(true);
			expect(await (await other.client.request("/get-session")).json()).toBeNull();
		});

		test("a foreign or unknown token: 200, nothing deleted", async () => {
			const t = await getTestInstance(dialect);
			const { client } = await t.signUp();
			const victim = await t.signUp();
			for (const token of [victim.body.token, "u".repeat(32)]) {
				const res = await client.request("/revoke-session", { json: { token } });
				expect(res.status).toBe(200);
				expect(await res.json()).toEqual({ status: true });
			}
			expect(await exists(t, victim.body.token)).toBe(true);
		});

		test("revoking the current token clears the cookies", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp();
			const res = await client.request("/revoke-session", { json: { token: body.token } });
			expect(res.status).toBe(200);
			expect(res.headers.getSetCookie()).toEqual(CLEARED);
			expect(await exists(t, body.token)).toBe(false);
		});

		test("bad input: missing, wrong type, empty and huge tokens", async () => {
			const t = await getTestInstance(dialect);
			const { client } = await t.signUp();
			const before = await t.snapshot();
			const cases: [unknown, string][] = [
				[{}, "[body.token] Invalid input: expected string, received undefined"],
				[{ token: 42 }, "[body.token] Invalid input: expected string, received number"],
				[{ token: ["a"] }, "[body.token] Invalid input: expected string, received array"],
				[{ token: "" }, "[body.token] Too small: expected string to have >=1 characters"],
				[{ token: "x".repeat(513) }, "[body.token] Too big: expected string to have <=512 characters"],
				[[], "[body] Invalid input: expected object, received array"],
			];
			for (const [json, message] of cases) {
				const res = await client.request("/revoke-session", { json });
				expect(res.status).toBe(400);
				expect(await res.json()).toEqual(VALIDATION(message));
			}
			const empty = await client.request("/revoke-session", { method: "POST" });
			expect(empty.status).toBe(400);
			expect(await empty.json()).toEqual(VALIDATION("[body] Invalid input: expected object, received undefined"));
			expect(await t.snapshot()).toEqual(before);
		});

		test("401 without a session, whatever the body", async () => {
			const t = await getTestInstance(dialect);
			const victim = await t.signUp();
			const res = await t.client().request("/revoke-session", { json: { token: victim.body.token } });
			expect(res.status).toBe(401);
			expect(await res.json()).toEqual({ code: "UNAUTHORIZED", message: "Unauthorized" });
			expect(await exists(t, victim.body.token)).toBe(true);
		});
	});

	describe(`POST /revoke-sessions and /revoke-other-sessions [${dialect}]`, () => {
		test("revoke-sessions deletes every session of the caller, this one included, and clears cookies", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp({ email: "all@example.com", password: "password1234" });
			const other = await secondDevice(t, "all@example.com");
			const stranger = await t.signUp();
			const res = await client.request("/revoke-sessions", { json: {} });
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({ status: true });
			expect(res.headers.getSetCookie()).toEqual(CLEARED);
			expect(await exists(t, body.token)).toBe(false);
			expect(await exists(t, other.token)).toBe(false);
			expect(await exists(t, stranger.body.token)).toBe(true);
		});

		test("revoke-other-sessions keeps the current one and sets no cookie", async () => {
			const t = await getTestInstance(dialect);
			const { client, body } = await t.signUp({ email: "others@example.com", password: "password1234" });
			const other = await secondDevice(t, "others@example.com");
			const stranger = await t.signUp();
			const res = await client.request("/revoke-other-sessions", { json: {} });
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({ status: true });
			expect(res.headers.getSetCookie()).toEqual([]);
			expect(await exists(t, body.token)).toBe(true);
			expect(await exists(t, other.token)).toBe(false);
			expect(await exists(t, stranger.body.token)).toBe(true);
		});

		test("both accept no body, and refuse a non-object body", async () => {
			const t = await getTestInstance(dialect);
			for (const path of ["/revoke-sessions", "/revoke-other-sessions"]) {
				const { client } = await t.signUp();
				const wrong = await client.request(path, { json: "everything" });
				expect(wrong.status).toBe(400);
				expect(await wrong.json()).toEqual(VALIDATION("[body] Invalid input: expected object, received string"));
				const none = await client.request(path, { method: "POST" });
				expect(none.status).toBe(200);
				expect(await none.json()).toEqual({ status: true });
			}
		});

		test("401 without a session; GET is not routed", async () => {
			const t = await getTestInstance(dialect);
			for (const path of ["/revoke-sessions", "/revoke-other-sessions"]) {
				const res = await t.client().request(path, { json: {} });
				expect(res.status).toBe(401);
				expect(await res.json()).toEqual({ code: "UNAUTHORIZED", message: "Unauthorized" });
				const get = await t.client().request(path);
				expect(get.status).toBe(404);
				expect(await get.text()).toBe("");
			}
		});
	});
}
