/**
 * Every core route through the client against a real in-process server (getTestInstance
 * "sqlite"): data and error shapes, and the session refetch after the routes of the signal
 * list (spec/core.md §2.6). The last test checks that every `coreRouteMethods` entry was hit.
 */
import { beforeEach, describe, expect, test } from "bun:test";
import { coreRouteMethods } from "@latchkey/core";
import { getTestInstance, TEST_ORIGIN } from "@latchkey/server/testing";
import { createInProcessClient, waitForValue } from "./testing/in-process.ts";
import type { RecordedRequest } from "./testing/in-process.ts";

/** One captured email. */
interface Mail {
	kind: "verify" | "reset" | "delete";
	to: string;
	token: string;
	url: string;
}

/** What the email senders receive (the part these tests read). */
interface Payload {
	user: { email: string };
	token: string;
	url: string;
}

const password = "password1234";
let counter = 0;
const freshEmail = (): string => `routes${++counter}-${Date.now()}@example.com`;

/** `METHOD /path` of every request any client in this file sent, for the coverage check. */
const hit = new Set<string>();
let mails: Mail[] = [];
let instance: Awaited<ReturnType<typeof getTestInstance>>;

async function setup(deleteByEmail = false): Promise<void> {
	mails = [];
	const capture = (kind: Mail["kind"]) => (payload: Payload) => void mails.push({ kind, to: payload.user.email, token: payload.token, url: payload.url });
	instance = await getTestInstance("sqlite", {
		advanced: { constantResponseMs: 10 },
		emailAndPassword: { sendResetPassword: capture("reset") },
		emailVerification: { sendVerificationEmail: capture("verify") },
		user: {
			deleteUser: { enabled: true, ...(deleteByEmail ? { sendDeleteAccountVerification: capture("delete") } : {}) },
			changeEmail: { enabled: true, updateEmailWithoutVerification: true },
		},
	});
}

beforeEach(() => setup());

function record(requests: RecordedRequest[]): RecordedRequest[] {
	const push = requests.push.bind(requests);
	requests.push = (...items) => {
		for (const item of items) hit.add(`${item.method} ${item.url.pathname.replace(/^\/api\/auth/, "")}`);
		return push(...items);
	};
	return requests;
}

/** A client signed up through HTTP (no store refetch yet), listening to its store. */
async function signedIn(email = freshEmail()) {
	const made = createInProcessClient(instance);
	record(made.requests);
	const signUp = await made.client.signUp.email({ name: "Ada", email, password }, { disableSignal: true });
	expect(signUp.error).toBeNull();
	const stop = made.client.$session.listen(() => {});
	await made.client.$session.get().refetch();
	return { ...made, email, stop };
}

/** Resolves once the store refetched `GET /get-session` after `since` requests. */
async function refetchedAfter(requests: RecordedRequest[], since: number): Promise<void> {
	for (let i = 0; i < 100; i++) {
		if (requests.slice(since).some((r) => r.method === "GET" && r.url.pathname === "/api/auth/get-session")) return;
		await Bun.sleep(10);
	}
	throw new Error("the session store did not refetch");
}

describe("session routes", () => {
	test("ok, signUp.email, signIn.email, getSession (GET and POST), signOut", async () => {
		const { client, requests } = createInProcessClient(instance);
		record(requests);
		expect(await client.ok()).toEqual({ data: { ok: true }, error: null });
		const email = freshEmail();
		const signUp = await client.signUp.email({ name: "Ada", email, password });
		expect(signUp.data).toMatchObject({ token: expect.any(String), user: { email, name: "Ada", emailVerified: false } });
		const signIn = await client.signIn.email({ email, password });
		expect(signIn.data?.user.createdAt).toBeInstanceOf(Date);
		expect((await client.getSession()).data?.user.email).toBe(email);
		const viaPost = await client.$fetch<{ user: { email: string } }>("/get-session", { method: "POST", body: {} });
		expect(viaPost.data?.user.email).toBe(email);
		expect(await client.signOut()).toEqual({ data: { success: true }, error: null });
		expect(await client.getSession()).toEqual({ data: null, error: null });
	});

	test("listSessions, revokeSession, revokeOtherSessions, revokeSessions", async () => {
		const { client, email } = await signedIn();
		const { client: other, requests } = createInProcessClient(instance);
		record(requests);
		await other.signIn.email({ email, password }, { disableSignal: true });
		const { data: sessions } = await client.listSessions();
		expect(sessions).toHaveLength(2);
		expect(sessions?.[0]?.expiresAt).toBeInstanceOf(Date);
		expect(await client.revokeOtherSessions()).toEqual({ data: { status: true }, error: null });
		expect((await other.getSession()).data).toBeNull();
		const current = (await client.getSession()).data?.session.token ?? "";
		expect(await client.revokeSession({ token: current })).toEqual({ data: { status: true }, error: null });
		expect((await client.getSession()).data).toBeNull();
		const { client: third } = await signedIn();
		expect(await third.revokeSessions()).toEqual({ data: { status: true }, error: null });
		expect((await third.listSessions()).error).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
	});
});

describe("user routes", () => {
	test("updateUser changes the name and refreshes $session", async () => {
		const { client, requests, stop } = await signedIn();
		const since = requests.length;
		expect(await client.updateUser({ name: "Grace", image: null })).toEqual({ data: { status: true }, error: null });
		await refetchedAfter(requests, since);
		const state = await waitForValue(client.$session, (value) => value.data?.user.name === "Grace");
		expect(state.data?.user.image).toBeNull();
		const refused = await client.updateUser({ email: "other@example.com" });
		expect(refused).toMatchObject({ data: null, error: { status: 400, code: "EMAIL_CAN_NOT_BE_UPDATED" } });
		stop();
	});

	test("changePassword returns a new token and user, refreshes $session; a wrong current password is 400", async () => {
		const { client, email, requests, stop } = await signedIn();
		const wrong = await client.changePassword({ currentPassword: "not-the-password", newPassword: "new-password-1234" });
		expect(wrong).toMatchObject({ data: null, error: { status: 400, code: "INVALID_PASSWORD" } });
		const since = requests.length;
		const changed = await client.changePassword({ currentPassword: password, newPassword: "new-password-1234", revokeOtherSessions: true });
		expect(changed.error).toBeNull();
		expect(changed.data?.token).toEqual(expect.any(String));
		expect(changed.data?.user.email).toBe(email);
		await refetchedAfter(requests, since);
		expect((await waitForValue(client.$session, (value) => !value.isRefetching)).data?.user.email).toBe(email);
		const { client: fresh } = createInProcessClient(instance);
		expect((await fresh.signIn.email({ email, password: "new-password-1234" })).error).toBeNull();
		stop();
	});

	test("setPassword: a user who has one gets 400 PASSWORD_ALREADY_SET; signed out is 401", async () => {
		const { client, stop } = await signedIn();
		const result = await client.setPassword({ newPassword: "another-password-1" });
		expect(result).toMatchObject({ data: null, error: { status: 400, code: "PASSWORD_ALREADY_SET" } });
		const { client: anonymous, requests } = createInProcessClient(instance);
		record(requests);
		expect((await anonymous.setPassword({ newPassword: "another-password-1" })).error).toMatchObject({ status: 401 });
		stop();
	});

	test("verifyPassword: {status:true} for the right password, 400 INVALID_PASSWORD otherwise, 401 signed out; no session refetch", async () => {
		const { client, requests, stop } = await signedIn();
		const since = requests.length;
		expect(await client.verifyPassword({ password })).toEqual({ data: { status: true }, error: null });
		expect(await client.verifyPassword({ password: "not-the-password" })).toMatchObject({ data: null, error: { status: 400, code: "INVALID_PASSWORD" } });
		// Not in the session-signal list (spec/core.md §9.15): nothing changed, nothing to refetch.
		expect(requests.slice(since).map((r) => r.url.pathname)).toEqual(["/api/auth/verify-password", "/api/auth/verify-password"]);
		const { client: anonymous, requests: anonymousRequests } = createInProcessClient(instance);
		record(anonymousRequests);
		expect((await anonymous.verifyPassword({ password })).error).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
		stop();
	});

	test("deleteUser with the password deletes at once and clears $session", async () => {
		const { client, requests, stop } = await signedIn();
		expect((await client.deleteUser({ password: "not-the-password" })).error).toMatchObject({ status: 400, code: "INVALID_PASSWORD" });
		const since = requests.length;
		expect(await client.deleteUser({ password })).toEqual({ data: { success: true, message: "User deleted" }, error: null });
		await refetchedAfter(requests, since);
		expect((await waitForValue(client.$session, (value) => value.data === null && !value.isRefetching)).error).toBeNull();
		stop();
	});

	test("deleteUser by email link: deleteUserCallback through $fetch", async () => {
		await setup(true);
		const { client, email, stop } = await signedIn();
		expect((await client.deleteUser()).data).toEqual({ success: true, message: "Verification email sent" });
		const mail = mails.find((m) => m.kind === "delete" && m.to === email);
		expect(mail?.url).toStartWith(`${TEST_ORIGIN}/api/auth/delete-user/callback?token=`);
		const bad = await client.$fetch("/delete-user/callback", { query: { token: "nope" } });
		expect(bad.error).toMatchObject({ status: 404, code: "INVALID_TOKEN" });
		const done = await client.$fetch("/delete-user/callback", { query: { token: mail?.token } });
		expect(done).toEqual({ data: { success: true, message: "User deleted" }, error: null });
		expect((await client.getSession()).data).toBeNull();
		stop();
	});
});

describe("account routes", () => {
	test("listAccounts revives dates; unlinkAccount refuses the last account", async () => {
		const { client, stop } = await signedIn();
		const { data } = await client.listAccounts();
		expect(data).toHaveLength(1);
		expect(data?.[0]).toMatchObject({ providerId: "credential", scopes: [] });
		expect(data?.[0]?.createdAt).toBeInstanceOf(Date);
		const last = await client.unlinkAccount({ accountId: data?.[0]?.id ?? "" });
		expect(last).toMatchObject({ data: null, error: { status: 400, code: "FAILED_TO_UNLINK_LAST_ACCOUNT" } });
		const unknown = await client.unlinkAccount({ providerId: "github" });
		expect(unknown.error?.status).toBe(400);
		stop();
	});
});

describe("social routes", () => {
	test("signIn.social returns the provider's URL; the account routes answer their errors", async () => {
		instance = await getTestInstance("sqlite", { socialProviders: { github: { clientId: "client-id", clientSecret: "client-secret" } } });
		const { client, stop } = await signedIn();
		const started = await client.signIn.social({ provider: "github", callbackURL: "/dashboard", disableRedirect: true });
		expect(started.error).toBeNull();
		expect(started.data?.url).toStartWith("https://github.com/login/oauth/authorize?");
		expect(new URL(started.data?.url ?? "").searchParams.get("client_id")).toBe("client-id");
		const unknown = await client.signIn.social({ provider: "nobody" });
		expect(unknown.error).toMatchObject({ status: 404, code: "PROVIDER_NOT_FOUND" });
		// A callback with a state this browser never started goes back with an error, by GET and by POST.
		const viaGet = await client.$fetch("/callback/github", { method: "GET", query: { state: "forged", code: "x" } });
		const viaPost = await client.$fetch("/callback/github", { method: "POST", body: { state: "forged", code: "x" } });
		for (const callback of [viaGet, viaPost]) expect(callback.error?.status ?? 200).toBeLessThan(500);
		expect((await client.linkSocial({ provider: "nobody" })).error).toMatchObject({ status: 404, code: "PROVIDER_NOT_FOUND" });
		expect((await client.getAccessToken({ accountId: "nope" })).error?.status).toBe(400);
		expect((await client.refreshToken({ accountId: "nope" })).error?.status).toBe(400);
		expect((await client.accountInfo({ query: { accountId: "nope" } })).error?.status).toBe(400);
		stop();
	});
});

describe("email routes", () => {
	test("sendVerificationEmail then verifyEmail: emailVerified in $session", async () => {
		const { client, email, requests, stop } = await signedIn();
		expect(await client.sendVerificationEmail({ email })).toEqual({ data: { status: true }, error: null });
		const mail = mails.find((m) => m.kind === "verify" && m.to === email);
		expect(mail?.url).toContain("/api/auth/verify-email?token=");
		const bad = await client.verifyEmail({ query: { token: "not-a-jwt" } });
		expect(bad.error).toMatchObject({ status: 401, code: "INVALID_TOKEN" });
		const since = requests.length;
		const verified = await client.verifyEmail({ query: { token: mail?.token ?? "" } });
		expect(verified.error).toBeNull();
		expect(verified.data?.status).toBe(true);
		await refetchedAfter(requests, since);
		await waitForValue(client.$session, (value) => value.data?.user.emailVerified === true);
		stop();
	});

	test("requestPasswordReset, forgetPassword, resetPasswordCallback, resetPassword", async () => {
		const { client, email, stop } = await signedIn();
		const message = "If this email exists in our system, check your email for the reset link";
		const requested = await client.requestPasswordReset({ email, redirectTo: "/reset" });
		expect(requested).toEqual({ data: { status: true, message }, error: null });
		expect((await client.requestPasswordReset({ email: freshEmail() })).data).toEqual({ status: true, message });
		expect((await client.forgetPassword({ email, redirectTo: "/reset" })).data).toEqual({ status: true, message });
		const [first, second] = mails.filter((m) => m.kind === "reset" && m.to === email);
		expect(second?.token).toEqual(expect.any(String));

		const seen = { location: "" };
		const redirected = await client.$fetch(`/reset-password/${first?.token}`, {
			query: { callbackURL: "/reset" },
			onResponse(context) {
				seen.location = context.response.headers.get("location") ?? "";
			},
		});
		expect(redirected.error?.status).toBe(302);
		expect(seen.location).toBe(`${TEST_ORIGIN}/reset?token=${first?.token}`);

		const wrong = await client.resetPassword({ newPassword: "reset-password-1", token: "nope" });
		expect(wrong).toMatchObject({ data: null, error: { status: 400, code: "INVALID_TOKEN" } });
		expect(await client.resetPassword({ newPassword: "reset-password-1", token: second?.token })).toEqual({ data: { status: true }, error: null });
		const { client: fresh } = createInProcessClient(instance);
		expect((await fresh.signIn.email({ email, password: "reset-password-1" })).error).toBeNull();
		stop();
	});

	test("changeEmail switches an unverified user at once and refreshes $session", async () => {
		const { client, email, requests, stop } = await signedIn();
		const same = await client.changeEmail({ newEmail: email });
		expect(same).toMatchObject({ data: null, error: { status: 400, message: "Email is the same" } });
		expect(same.error?.code).toBeUndefined();
		const newEmail = freshEmail();
		const since = requests.length;
		expect(await client.changeEmail({ newEmail })).toEqual({ data: { status: true }, error: null });
		await refetchedAfter(requests, since);
		await waitForValue(client.$session, (value) => value.data?.user.email === newEmail);
		expect(mails.some((m) => m.kind === "verify" && m.to === newEmail)).toBe(true);
		stop();
	});
});

test("every core route was called through the client", () => {
	const missing = Object.entries(coreRouteMethods)
		.filter(([, [method, path]]) => {
			const pattern = new RegExp(`^${method} ${path.replace(/:[^/]+/g, "[^/]+")}$`);
			return ![...hit].some((entry) => pattern.test(entry));
		})
		.map(([name]) => name);
	expect(missing).toEqual([]);
});
