import { beforeEach, describe, expect, test } from "bun:test";
import { getTestInstance } from "@latchkey/server/testing";
import { usernameClient } from "./plugins/username.ts";
import { createInProcessClient, waitForValue } from "./testing/in-process.ts";

let instance: Awaited<ReturnType<typeof getTestInstance>>;
let counter = 0;
const freshEmail = (): string => `client${++counter}-${Date.now()}@example.com`;
const password = "password1234";

beforeEach(async () => {
	instance = await getTestInstance("sqlite");
});

describe("session store through the real server", () => {
	test("sign-up fills $session, sign-out clears it", async () => {
		const { client } = createInProcessClient(instance);
		const email = freshEmail();
		expect(client.$session.get()).toMatchObject({ data: null, isPending: true });
		const stop = client.$session.listen(() => {});
		const signUp = await client.signUp.email({ name: "Ada", email, password });
		expect(signUp.error).toBeNull();
		const signedIn = await waitForValue(client.$session, (state) => state.data !== null);
		expect(signedIn.data?.user.email).toBe(email);
		expect(signedIn.data?.user.createdAt).toBeInstanceOf(Date);
		expect(signedIn).toMatchObject({ isPending: false, isRefetching: false, error: null });

		const signOut = await client.signOut();
		expect(signOut).toEqual({ data: { success: true }, error: null });
		const signedOut = await waitForValue(client.$session, (state) => state.data === null && !state.isRefetching);
		expect(signedOut.error).toBeNull();
		stop();
	});

	test("with fetchOnMount the first listener loads the current session", async () => {
		const { client: signer, jar } = createInProcessClient(instance);
		await signer.signUp.email({ name: "Ada", email: freshEmail(), password }, { disableSignal: true });
		const { client, jar: copy, requests } = createInProcessClient(instance, { sessionOptions: { fetchOnMount: true } });
		for (const [name, value] of jar.cookies) copy.cookies.set(name, value);
		const stop = client.$session.listen(() => {});
		const state = await waitForValue(client.$session, (value) => !value.isPending);
		expect(state.data?.user.name).toBe("Ada");
		expect(requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(["GET /api/auth/get-session"]);
		stop();

		const { client: anonymous } = createInProcessClient(instance, { sessionOptions: { fetchOnMount: true } });
		const stopAnonymous = anonymous.$session.listen(() => {});
		const empty = await waitForValue(anonymous.$session, (value) => !value.isPending);
		expect(empty.data).toBeNull();
		stopAnonymous();
	});

	test("useSession is the same atom and refetch() reloads it", async () => {
		const { client } = createInProcessClient(instance);
		expect(client.useSession).toBe(client.$session);
		await client.signUp.email({ name: "Ada", email: freshEmail(), password }, { disableSignal: true });
		expect(client.$session.get().isPending).toBe(true);
		await client.$session.get().refetch();
		expect(client.$session.get().data?.user.name).toBe("Ada");
	});

	test("disableSignal keeps the store untouched", async () => {
		const { client, requests } = createInProcessClient(instance);
		const stop = client.$session.listen(() => {});
		await client.signUp.email({ name: "Ada", email: freshEmail(), password, fetchOptions: { disableSignal: true } });
		await Bun.sleep(40);
		expect(requests.map((r) => r.url.pathname)).toEqual(["/api/auth/sign-up/email"]);
		stop();
	});
});

describe("errors", () => {
	test("wrong password → 401 INVALID_EMAIL_OR_PASSWORD, data null", async () => {
		const { body } = await instance.signUp({ password });
		const { client } = createInProcessClient(instance);
		const result = await client.signIn.email({ email: body.user.email, password: "not-the-password" });
		expect(result.data).toBeNull();
		expect(result.error).toMatchObject({ status: 401, code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password" });
		// In process the server sends no reason phrase yet; over a socket Bun.serve writes one.
		expect(typeof result.error?.statusText).toBe("string");
		expect(result.error?.code).toBe(client.$ERROR_CODES.INVALID_EMAIL_OR_PASSWORD.code);
	});

	test("validation failure → 400 VALIDATION_ERROR", async () => {
		const { client } = createInProcessClient(instance);
		const result = await client.signUp.email({ name: "Ada", email: "not-an-email", password });
		expect(result.error).toMatchObject({ status: 400, code: "VALIDATION_ERROR" });
		expect(result.error?.message).toContain("[body.email]");
	});

	test("a session route without a session → 401 and the store stays signed out", async () => {
		const { client } = createInProcessClient(instance);
		const result = await client.listSessions();
		expect(result.error?.status).toBe(401);
		expect(client.$session.get().data).toBeNull();
	});
});

describe("core routes", () => {
	test("getSession sends GET with the query and revives dates", async () => {
		const { client, requests } = createInProcessClient(instance);
		await client.signUp.email({ name: "Ada", email: freshEmail(), password }, { disableSignal: true });
		const { data } = await client.getSession({ query: { disableCookieCache: true } });
		const last = requests.at(-1);
		expect(last?.method).toBe("GET");
		expect(last?.url.pathname).toBe("/api/auth/get-session");
		expect(last?.url.searchParams.get("disableCookieCache")).toBe("true");
		expect(data?.session.expiresAt).toBeInstanceOf(Date);
	});

	test("getSession when signed out is { data: null, error: null }", async () => {
		const { client } = createInProcessClient(instance);
		expect(await client.getSession()).toEqual({ data: null, error: null });
	});

	test("ok() answers the health check", async () => {
		const { client } = createInProcessClient(instance);
		expect(await client.ok()).toEqual({ data: { ok: true }, error: null });
	});

	test("listSessions, revokeSession, revokeOtherSessions, revokeSessions", async () => {
		const email = freshEmail();
		const { client: first } = createInProcessClient(instance);
		await first.signUp.email({ name: "Ada", email, password });
		const { client: second, requests } = createInProcessClient(instance);
		await second.signIn.email({ email, password });
		const { client: third } = createInProcessClient(instance);
		await third.signIn.email({ email, password });

		const listed = await second.listSessions();
		expect(listed.data).toHaveLength(3);

		const firstToken = (await first.getSession()).data?.session.token ?? "";
		expect(await second.revokeSession({ token: firstToken })).toEqual({ data: { status: true }, error: null });
		expect((await first.getSession()).data).toBeNull();

		expect(await second.revokeOtherSessions()).toEqual({ data: { status: true }, error: null });
		expect((await third.getSession()).data).toBeNull();
		expect((await second.getSession()).data).not.toBeNull();

		expect(await second.revokeSessions()).toEqual({ data: { status: true }, error: null });
		expect((await second.getSession()).data).toBeNull();
		const revokeAll = requests.find((r) => r.url.pathname.endsWith("/revoke-sessions"));
		expect(revokeAll?.method).toBe("POST");
		expect(revokeAll?.body).toBe("{}");
	});
});

describe("username plugin", () => {
	test("signIn.username signs in and refreshes $session", async () => {
		await instance.signUp({ username: "ada_lovelace", password });
		const { client } = createInProcessClient(instance, { plugins: [usernameClient()] });
		const stop = client.$session.listen(() => {});
		const result = await client.signIn.username({ username: "ada_lovelace", password });
		expect(result.error).toBeNull();
		expect(result.data?.user.username).toBe("ada_lovelace");
		const state = await waitForValue(client.$session, (value) => value.data !== null);
		expect(state.data?.user.username).toBe("ada_lovelace");
		stop();
	});

	test("wrong username password → 401 INVALID_USERNAME_OR_PASSWORD", async () => {
		const { client } = createInProcessClient(instance, { plugins: [usernameClient()] });
		const result = await client.signIn.username({ username: "nobody_here", password });
		expect(result.error).toMatchObject({ status: 401, code: client.$ERROR_CODES.INVALID_USERNAME_OR_PASSWORD.code });
	});

	test("isUsernameAvailable", async () => {
		await instance.signUp({ username: "taken_name", password });
		const { client } = createInProcessClient(instance, { plugins: [usernameClient()] });
		expect((await client.isUsernameAvailable({ username: "taken_name" })).data).toEqual({ available: false });
		expect((await client.isUsernameAvailable({ username: "free_name" })).data).toEqual({ available: true });
	});

	test("$ERROR_CODES merges core and plugin codes", () => {
		const { client: plain } = createInProcessClient(instance);
		const { client } = createInProcessClient(instance, { plugins: [usernameClient()] });
		expect(client.$ERROR_CODES.USER_NOT_FOUND.code).toBe("USER_NOT_FOUND");
		expect(client.$ERROR_CODES.USERNAME_IS_ALREADY_TAKEN.message).toBe("Username is already taken. Please try another.");
		expect("USERNAME_IS_ALREADY_TAKEN" in plain.$ERROR_CODES).toBe(false);
	});
});

describe("bearer", () => {
	test("set-auth-token from onSuccess authenticates a cookie-less client", async () => {
		let stored: string | undefined;
		const { client: signer } = createInProcessClient(instance, {
			fetchOptions: {
				onSuccess(context) {
					const token = context.response.headers.get("set-auth-token");
					if (token) stored = token;
				},
			},
		});
		const email = freshEmail();
		await signer.signUp.email({ name: "Ada", email, password });
		expect(stored).toContain(".");

		const { client, requests } = createInProcessClient(instance, {
			cookies: false,
			fetchOptions: { auth: { type: "Bearer", token: () => stored } },
		});
		const { data } = await client.getSession();
		expect(data?.user.email).toBe(email);
		expect(requests[0]?.headers.get("cookie")).toBeNull();
		expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${stored}`);

		const stop = client.$session.listen(() => {});
		await client.$session.get().refetch();
		expect(client.$session.get().data?.user.email).toBe(email);
		stop();
	});

	test("without the token the cookie-less client is signed out", async () => {
		const { client } = createInProcessClient(instance, { cookies: false });
		expect((await client.getSession()).data).toBeNull();
	});
});
