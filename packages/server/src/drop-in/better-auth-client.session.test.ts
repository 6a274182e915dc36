import { describe, expect, test } from "bun:test";
import { getTestInstance, testDialects } from "../testing/index.ts";
import { SESSION_COOKIE, createDropInClient, waitFor } from "./create-drop-in-client.ts";

/**
 * The drop-in proof, continued: Better Auth's `useSession` atom, bearer tokens
 * (spec/plugins.md §9) and the cookie cache, through the published client.
 */

const PASSWORD = "password1234";

for (const dialect of await testDialects()) {
	describe(`Better Auth client: useSession atom [${dialect}]`, () => {
		test("a subscriber sees the session after sign-in and null after sign-out", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "atom@example.com", password: PASSWORD, username: "atom" });
			const { client } = createDropInClient(t);
			const seen: (string | null)[] = [];
			const unsubscribe = client.useSession.subscribe((value) => {
				seen.push(value.data?.user.email ?? null);
			});
			try {
				expect(client.useSession.get()).toMatchObject({ data: null, error: null });
				// The session signal fires 10 ms after a successful sign-in, then the atom refetches.
				const signIn = await client.signIn.email({ email: "atom@example.com", password: PASSWORD });
				expect(signIn.error).toBeNull();
				await waitFor(() => client.useSession.get().data !== null);
				const value = client.useSession.get();
				expect(value.isPending).toBe(false);
				expect(value.error).toBeNull();
				expect(value.data?.user).toMatchObject({ email: "atom@example.com", username: "atom" });
				expect(value.data?.session.token).toBe(signIn.data?.token ?? "missing");
				expect(value.data?.session.expiresAt).toBeInstanceOf(Date);

				await client.signOut();
				await waitFor(() => client.useSession.get().data === null);
				expect(client.useSession.get().error).toBeNull();
				expect(seen).toContain("atom@example.com");
				expect(seen.at(-1)).toBeNull();
			} finally {
				unsubscribe();
			}
		});

		test("the atom follows signIn.username too (usernameClient's signal)", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "un-atom@example.com", password: PASSWORD, username: "unatom" });
			const { client } = createDropInClient(t);
			const unsubscribe = client.useSession.listen(() => {});
			try {
				await client.signIn.username({ username: "unatom", password: PASSWORD });
				await waitFor(() => client.useSession.get().data !== null);
				expect(client.useSession.get().data?.user.username).toBe("unatom");
			} finally {
				unsubscribe();
			}
		});

		test("refetch() drops the session once another browser revoked it", async () => {
			const t = await getTestInstance(dialect);
			const a = createDropInClient(t);
			const b = createDropInClient(t);
			await a.client.signUp.email({ name: "Rae", email: "rae@example.com", password: PASSWORD });
			await b.client.signIn.email({ email: "rae@example.com", password: PASSWORD });
			const unsubscribe = b.client.useSession.listen(() => {});
			try {
				await b.client.useSession.get().refetch();
				expect(b.client.useSession.get().data?.user.email).toBe("rae@example.com");
				await a.client.revokeSessions();
				await b.client.useSession.get().refetch();
				expect(b.client.useSession.get()).toMatchObject({ data: null, error: null, isPending: false });
			} finally {
				unsubscribe();
			}
		});
	});

	describe(`Better Auth client: bearer tokens [${dialect}]`, () => {
		test("set-auth-token from sign-in works as fetchOptions.auth with no cookies", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "bea@example.com", password: PASSWORD });
			let authToken: string | undefined;
			const { client, jar, requests } = createDropInClient(t, { cookies: false, onAuthToken: (token) => (authToken = token) });
			const signIn = await client.signIn.email({ email: "bea@example.com", password: PASSWORD });
			expect(signIn.error).toBeNull();
			const raw = signIn.data?.token ?? "missing";
			// The decoded signed cookie value: `<token>.<base64 HMAC>` (spec/plugins.md §9).
			expect(authToken).toMatch(new RegExp(`^${raw}\\.[A-Za-z0-9+/]{43}=$`));
			const token = authToken ?? "";

			const anonymous = await client.getSession();
			expect(anonymous).toEqual({ data: null, error: null });

			const { data, error } = await client.getSession({ fetchOptions: { auth: { type: "Bearer", token } } });
			expect(error).toBeNull();
			expect(data?.session.token).toBe(raw);
			expect(data?.user.email).toBe("bea@example.com");
			expect(data?.session.expiresAt).toBeInstanceOf(Date);

			const sent = requests.at(-1);
			expect(sent?.headers.get("authorization")).toBe(`Bearer ${token}`);
			expect(sent?.headers.get("cookie")).toBeNull();
			expect(jar.cookies.size).toBe(0);
		});

		test("the raw token from the JSON body is accepted as a bearer too", async () => {
			const t = await getTestInstance(dialect);
			const { client } = createDropInClient(t, { cookies: false });
			const signUp = await client.signUp.email({ name: "Raw", email: "raw@example.com", password: PASSWORD });
			const raw = signUp.data?.token ?? "missing";
			const { data } = await client.getSession({ fetchOptions: { auth: { type: "Bearer", token: raw } } });
			expect(data?.user.email).toBe("raw@example.com");
		});

		test("a client-wide token function drives session routes, sign-out included", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "spa@example.com", password: PASSWORD });
			let stored: string | undefined;
			const { client, requests } = createDropInClient(t, {
				cookies: false,
				onAuthToken: (token) => (stored = token),
				bearerToken: () => stored,
			});
			const first = await client.signIn.email({ email: "spa@example.com", password: PASSWORD });
			const firstToken = stored;
			await client.signIn.email({ email: "spa@example.com", password: PASSWORD });
			expect(stored).not.toBe(firstToken);

			// Three sessions: the helper's sign-up and the two sign-ins above.
			const list = await client.listSessions();
			expect(list.error).toBeNull();
			expect(list.data).toHaveLength(3);

			const others = await client.revokeOtherSessions();
			expect(others.data).toEqual({ status: true });
			const remaining = await client.listSessions();
			expect(remaining.data?.map((s) => s.token)).not.toContain(first.data?.token ?? "missing");
			expect(remaining.data).toHaveLength(1);

			const out = await client.signOut();
			expect(JSON.stringify(out.data)).toBe('{"success":true}');
			expect((await client.getSession()).data).toBeNull();
			for (const request of requests) expect(request.headers.get("cookie")).toBeNull();
		});

		test("a forged or tampered bearer is ignored: signed out, not an error", async () => {
			const t = await getTestInstance(dialect);
			let authToken = "";
			const { client } = createDropInClient(t, { cookies: false, onAuthToken: (token) => (authToken = token) });
			await client.signUp.email({ name: "Tam", email: "tam@example.com", password: PASSWORD });
			const [token = "", signature = ""] = authToken.split(".");
			const tampered = `${token}.${signature.startsWith("A") ? "B" : "A"}${signature.slice(1)}`;
			expect(await client.getSession({ fetchOptions: { auth: { type: "Bearer", token: tampered } } })).toEqual({ data: null, error: null });
			const list = await client.listSessions({ fetchOptions: { auth: { type: "Bearer", token: "not-a-session-token" } } });
			expect(list.error).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
		});

		test("set-auth-token is exposed to browsers and absent when nothing is signed in", async () => {
			const t = await getTestInstance(dialect);
			await t.signUp({ email: "exp@example.com", password: PASSWORD });
			const headers: Headers[] = [];
			const { client } = createDropInClient(t, { cookies: false });
			await client.signIn.email(
				{ email: "exp@example.com", password: PASSWORD },
				{ onResponse: (context) => void headers.push(context.response.headers) },
			);
			await client.signIn.email({ email: "exp@example.com", password: "wrong-password" }, { onResponse: (context) => void headers.push(context.response.headers) });
			const [ok, failed] = headers;
			expect(ok?.get("access-control-expose-headers")).toContain("set-auth-token");
			expect(ok?.get("set-auth-token")).toBeTruthy();
			expect(failed?.get("set-auth-token")).toBeNull();
		});
	});

	describe(`Better Auth client: cookie cache and disableCookieCache [${dialect}]`, () => {
		test("getSession answers from the cache; query disableCookieCache:true reads the database", async () => {
			const t = await getTestInstance(dialect, { session: { cookieCache: { enabled: true } } });
			const { client, jar } = createDropInClient(t);
			const signUp = await client.signUp.email({ name: "Cat", email: "cat@example.com", password: PASSWORD });
			expect(jar.cookies.has("better-auth.session_data")).toBe(true);
			// Revoke the row behind the client's back: only the database knows.
			await t.auth.$context.storage.delete("session", { token: signUp.data?.token ?? "" });

			const cached = await client.getSession();
			expect(cached.data?.user.email).toBe("cat@example.com");
			expect(cached.data?.session.expiresAt).toBeInstanceOf(Date);
			expect(cached.data?.user.createdAt).toBeInstanceOf(Date);

			const fresh = await client.getSession({ query: { disableCookieCache: true } });
			expect(fresh).toEqual({ data: null, error: null });
			expect(jar.cookies.has(SESSION_COOKIE)).toBe(false);
			expect(jar.cookies.has("better-auth.session_data")).toBe(false);
		});

		test("disableCookieCache:false is sent as \"false\", which still bypasses the cache (spec §5.5)", async () => {
			const t = await getTestInstance(dialect, { session: { cookieCache: { enabled: true } } });
			const { client, requests } = createDropInClient(t);
			const signUp = await client.signUp.email({ name: "Flag", email: "flag@example.com", password: PASSWORD });
			await t.auth.$context.storage.delete("session", { token: signUp.data?.token ?? "" });
			const result = await client.getSession({ query: { disableCookieCache: false } });
			expect(new URL(requests.at(-1)?.url ?? "http://x").search).toBe("?disableCookieCache=false");
			expect(result.data).toBeNull();
		});

		test("sensitive routes ignore the cache: a revoked session cannot revoke others", async () => {
			const t = await getTestInstance(dialect, { session: { cookieCache: { enabled: true } } });
			const a = createDropInClient(t);
			const b = createDropInClient(t);
			const signUp = await a.client.signUp.email({ name: "Sen", email: "sen@example.com", password: PASSWORD });
			await b.client.signIn.email({ email: "sen@example.com", password: PASSWORD });
			await t.auth.$context.storage.delete("session", { token: signUp.data?.token ?? "" });
			const { error } = await a.client.revokeOtherSessions();
			expect(error).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
			expect((await b.client.getSession({ query: { disableCookieCache: true } })).data?.user.email).toBe("sen@example.com");
		});
	});
}
