import { describe, expect, test } from "bun:test";
import { getTestInstance, testDialects } from "../testing/index.ts";
import { SESSION_COOKIE, createDropInClient } from "./create-drop-in-client.ts";

/**
 * The drop-in proof: Better Auth's own published client, unmodified, against our server.
 * Bearer, `useSession` and the cookie cache are in `better-auth-client.session.test.ts`.
 */

const PASSWORD = "password1234";
const DAY_MS = 86_400_000;

for (const dialect of await testDialects()) {
	describe(`Better Auth client: sign-up and sign-in [${dialect}]`, () => {
		test("signUp.email (with username) returns the token and a user with Dates", async () => {
			const t = await getTestInstance(dialect);
			const { client, jar } = createDropInClient(t);
			const { data, error } = await client.signUp.email({ name: "Alice", email: "Alice@Example.com", password: PASSWORD, username: "Alice_1" });
			expect(error).toBeNull();
			if (!data) throw new Error("no data");
			expect(data.token).toMatch(/^[a-zA-Z0-9]{32}$/);
			expect(data.user).toMatchObject({ name: "Alice", email: "alice@example.com", emailVerified: false, username: "alice_1", displayUsername: "Alice_1" });
			expect(data.user.id).toMatch(/^[a-zA-Z0-9]{32}$/);
			// The client revives ISO strings into Dates: ours must be ISO-8601 with milliseconds.
			expect(data.user.createdAt).toBeInstanceOf(Date);
			expect(data.user.updatedAt).toBeInstanceOf(Date);
			expect(jar.cookies.get(SESSION_COOKIE)?.startsWith(`${data.token}.`)).toBe(true);
		});

		test("signUp.email with a taken email gives 422 USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", async () => {
			const t = await getTestInstance(dialect);
			await createDropInClient(t).client.signUp.email({ name: "A", email: "dup@example.com", password: PASSWORD });
			const { data, error } = await createDropInClient(t).client.signUp.email({ name: "B", email: "DUP@example.com", password: PASSWORD });
			expect(data).toBeNull();
			expect(error).toMatchObject({ status: 422, code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", message: "User already exists. Use another email." });
		});

		test("getSession returns session and user with Date objects", async () => {
			const t = await getTestInstance(dialect);
			const { client } = createDropInClient(t);
			const signUp = await client.signUp.email({ name: "Gus", email: "gus@example.com", password: PASSWORD, username: "gus" });
			const { data, error } = await client.getSession();
			expect(error).toBeNull();
			if (!data) throw new Error("no session");
			expect(data.session.token).toBe(signUp.data?.token ?? "missing");
			expect(data.session.userId).toBe(data.user.id);
			expect(data.session.ipAddress).toBe("127.0.0.1");
			for (const date of [data.session.expiresAt, data.session.createdAt, data.session.updatedAt, data.user.createdAt, data.user.updatedAt]) {
				expect(date).toBeInstanceOf(Date);
			}
			const lifetime = data.session.expiresAt.getTime() - Date.now();
			expect(lifetime).toBeGreaterThan(7 * DAY_MS - 60_000);
			expect(lifetime).toBeLessThanOrEqual(7 * DAY_MS);
			expect(data.user).toMatchObject({ email: "gus@example.com", username: "gus", displayUsername: "gus" });
		});

		test("getSession with query disableCookieCache:true reads the session", async () => {
			const t = await getTestInstance(dialect);
			const { client, requests } = createDropInClient(t);
			await client.signUp.email({ name: "Q", email: "q@example.com", password: PASSWORD });
			const { data, error } = await client.getSession({ query: { disableCookieCache: true } });
			expect(error).toBeNull();
			expect(data?.user.email).toBe("q@example.com");
			const sent = requests.at(-1);
			expect(sent?.method).toBe("GET");
			expect(sent ? new URL(sent.url).search : "").toBe("?disableCookieCache=true");
		});

		test("signIn.email succeeds with the right password", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "bob@example.com", password: PASSWORD });
			const { client, jar } = createDropInClient(t);
			const { data, error } = await client.signIn.email({ email: "Bob@Example.com", password: PASSWORD });
			expect(error).toBeNull();
			if (!data) throw new Error("no data");
			expect(data.redirect).toBe(false);
			expect(data.token).toMatch(/^[a-zA-Z0-9]{32}$/);
			expect(data.user.email).toBe("bob@example.com");
			expect(data.user.createdAt).toBeInstanceOf(Date);
			expect(jar.cookies.get(SESSION_COOKIE)?.startsWith(`${data.token}.`)).toBe(true);
			const session = await client.getSession();
			expect(session.data?.session.token).toBe(data.token);
		});

		test("signIn.email with a wrong password gives 401 INVALID_EMAIL_OR_PASSWORD", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "carol@example.com", password: PASSWORD });
			const { client, jar } = createDropInClient(t);
			const { data, error } = await client.signIn.email({ email: "carol@example.com", password: "wrong-password" });
			expect(data).toBeNull();
			expect(error).toMatchObject({ code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password", status: 401 });
			expect(jar.cookies.size).toBe(0);
			expect((await client.getSession()).data).toBeNull();
		});

		test("errors reach the client as exactly { code, message, status, statusText } (spec §1.4, §2.5)", async () => {
			const t = await getTestInstance(dialect);
			const { client } = createDropInClient(t);
			const wrong = await client.signIn.email({ email: "nobody@example.com", password: "wrong-password" });
			// statusText is the standard reason phrase, as a client over HTTP sees it (spec §13).
			expect(wrong.error).toEqual({ code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password", status: 401, statusText: "Unauthorized" });
			const short = await client.isUsernameAvailable({ username: "ab" });
			expect(short.error).toEqual({ code: "USERNAME_TOO_SHORT", message: "Username is too short", status: 422, statusText: "Unprocessable Entity" });
		});

		test("signIn.email with callbackURL answers redirect:true and echoes url", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "cb@example.com", password: PASSWORD });
			const { client } = createDropInClient(t);
			const { data } = await client.signIn.email({ email: "cb@example.com", password: PASSWORD, callbackURL: "/dashboard" });
			expect(data).toMatchObject({ redirect: true, url: "/dashboard" });
		});

		test("signIn.email with rememberMe:false gives a one-day, don't-remember session", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "dora@example.com", password: PASSWORD });
			const { client, jar } = createDropInClient(t);
			const { data, error } = await client.signIn.email({ email: "dora@example.com", password: PASSWORD, rememberMe: false });
			expect(error).toBeNull();
			expect(data?.token).toMatch(/^[a-zA-Z0-9]{32}$/);
			expect(jar.cookies.get("better-auth.dont_remember")?.startsWith("true.")).toBe(true);
			const session = await client.getSession();
			const lifetime = (session.data?.session.expiresAt.getTime() ?? 0) - Date.now();
			expect(lifetime).toBeGreaterThan(DAY_MS - 60_000);
			expect(lifetime).toBeLessThanOrEqual(DAY_MS);
		});
	});

	describe(`Better Auth client: username plugin [${dialect}]`, () => {
		test("signIn.username succeeds, case-insensitively, and sets the session", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "erin@example.com", password: PASSWORD, username: "Erin.B" });
			const { client } = createDropInClient(t);
			const { data, error } = await client.signIn.username({ username: "ERIN.b", password: PASSWORD });
			expect(error).toBeNull();
			if (!data) throw new Error("no data");
			expect(data.token).toMatch(/^[a-zA-Z0-9]{32}$/);
			expect(data.user).toMatchObject({ email: "erin@example.com", username: "erin.b", displayUsername: "Erin.B" });
			const session = await client.getSession();
			expect(session.data?.session.token).toBe(data.token);
		});

		test("signIn.username with a wrong password gives 401 INVALID_USERNAME_OR_PASSWORD", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "fay@example.com", password: PASSWORD, username: "fay" });
			const { client } = createDropInClient(t);
			const { data, error } = await client.signIn.username({ username: "fay", password: "wrong-password" });
			expect(data).toBeNull();
			expect(error).toMatchObject({ code: "INVALID_USERNAME_OR_PASSWORD", message: "Invalid username or password", status: 401 });
		});

		test("isUsernameAvailable: taken, free, and 422 USERNAME_TOO_SHORT", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "hal@example.com", password: PASSWORD, username: "hal9000" });
			const { client } = createDropInClient(t);
			expect((await client.isUsernameAvailable({ username: "HAL9000" })).data).toEqual({ available: false });
			expect((await client.isUsernameAvailable({ username: "dave" })).data).toEqual({ available: true });
			const short = await client.isUsernameAvailable({ username: "ab" });
			expect(short.data).toBeNull();
			expect(short.error).toMatchObject({ code: "USERNAME_TOO_SHORT", message: "Username is too short", status: 422 });
		});

		test("signUp.email with a taken username gives 400 USERNAME_IS_ALREADY_TAKEN", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "ivy@example.com", password: PASSWORD, username: "ivy" });
			const { client } = createDropInClient(t);
			const { error } = await client.signUp.email({ name: "Ivy 2", email: "ivy2@example.com", password: PASSWORD, username: "IVY" });
			expect(error).toMatchObject({ status: 400, code: "USERNAME_IS_ALREADY_TAKEN" });
		});
	});

	describe(`Better Auth client: sessions [${dialect}]`, () => {
		/** Three signed-in browsers of one user. */
		async function threeBrowsers() {
			const t = await getTestInstance(dialect);
			const a = createDropInClient(t);
			const signUp = await a.client.signUp.email({ name: "Jo", email: "jo@example.com", password: PASSWORD });
			const b = createDropInClient(t);
			const c = createDropInClient(t);
			const signInB = await b.client.signIn.email({ email: "jo@example.com", password: PASSWORD });
			const signInC = await c.client.signIn.email({ email: "jo@example.com", password: PASSWORD });
			const tokens = [signUp.data?.token, signInB.data?.token, signInC.data?.token].map((token) => token ?? "missing");
			return { t, a, b, c, tokens };
		}

		test("listSessions returns every session of the user with Dates and tokens", async () => {
			const { a, tokens } = await threeBrowsers();
			const { data, error } = await a.client.listSessions();
			expect(error).toBeNull();
			if (!data) throw new Error("no data");
			expect(data.map((s) => s.token).sort()).toEqual([...tokens].sort());
			for (const session of data) {
				expect(session.expiresAt).toBeInstanceOf(Date);
				expect(session.createdAt).toBeInstanceOf(Date);
				expect(session.userId).toBe(data[0]?.userId ?? "missing");
			}
		});

		test("listSessions signed out gives 401 UNAUTHORIZED", async () => {
			const t = await getTestInstance(dialect);
			const { error } = await createDropInClient(t).client.listSessions();
			expect(error).toMatchObject({ code: "UNAUTHORIZED", message: "Unauthorized", status: 401 });
		});

		test("revokeSession revokes another browser's session by token", async () => {
			const { a, b, c, tokens } = await threeBrowsers();
			const { data, error } = await a.client.revokeSession({ token: tokens[1] ?? "" });
			expect(error).toBeNull();
			expect(data).toEqual({ status: true });
			expect((await b.client.getSession()).data).toBeNull();
			expect((await a.client.getSession()).data?.session.token).toBe(tokens[0] ?? "missing");
			expect((await c.client.getSession()).data?.session.token).toBe(tokens[2] ?? "missing");
		});

		test("revokeSession of the current token signs this browser out", async () => {
			const { a, tokens } = await threeBrowsers();
			await a.client.revokeSession({ token: tokens[0] ?? "" });
			expect(a.jar.cookies.has(SESSION_COOKIE)).toBe(false);
			expect((await a.client.getSession()).data).toBeNull();
		});

		test("revokeSession with a foreign token answers status:true and changes nothing", async () => {
			const { t, a } = await threeBrowsers();
			const stranger = createDropInClient(t);
			const other = await stranger.client.signUp.email({ name: "Kim", email: "kim@example.com", password: PASSWORD });
			const { data } = await a.client.revokeSession({ token: other.data?.token ?? "" });
			expect(data).toEqual({ status: true });
			expect((await stranger.client.getSession()).data?.user.email).toBe("kim@example.com");
		});

		test("revokeOtherSessions keeps only the current session", async () => {
			const { a, b, c, tokens } = await threeBrowsers();
			const { data, error } = await a.client.revokeOtherSessions();
			expect(error).toBeNull();
			expect(data).toEqual({ status: true });
			expect((await b.client.getSession()).data).toBeNull();
			expect((await c.client.getSession()).data).toBeNull();
			const list = await a.client.listSessions();
			expect(list.data?.map((s) => s.token)).toEqual([tokens[0] ?? "missing"]);
		});

		test("revokeSessions revokes all sessions, the current one included", async () => {
			const { a, b, c } = await threeBrowsers();
			const { data, error } = await a.client.revokeSessions();
			expect(error).toBeNull();
			expect(data).toEqual({ status: true });
			for (const browser of [a, b, c]) expect((await browser.client.getSession()).data).toBeNull();
			expect(a.jar.cookies.has(SESSION_COOKIE)).toBe(false);
		});

		test("signOut, then getSession is null, and the session row is gone", async () => {
			const { t, a, b, tokens } = await threeBrowsers();
			const { data, error } = await a.client.signOut();
			expect(error).toBeNull();
			expect(JSON.stringify(data)).toBe('{"success":true}');
			expect(a.jar.cookies.size).toBe(0);
			expect(await a.client.getSession()).toEqual({ data: null, error: null });
			expect(await t.auth.$context.storage.findOne("session", { token: tokens[0] ?? "" })).toBeNull();
			expect((await b.client.getSession()).data?.session.token).toBe(tokens[1] ?? "missing");
		});

		test("signOut while signed out still answers success", async () => {
			const t = await getTestInstance(dialect);
			const { data, error } = await createDropInClient(t).client.signOut();
			expect(error).toBeNull();
			expect(JSON.stringify(data)).toBe('{"success":true}');
		});
	});
}
