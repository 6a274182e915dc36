import { describe, expect, test } from "bun:test";
import { coreRouteMethods } from "@latchkey/core/route-methods";
import { createAuthClient } from "./create-client.ts";
import { usernameClient } from "./plugins/username.ts";
import { toKebabCase } from "./proxy.ts";

interface Sent {
	method: string;
	path: string;
	search: string;
	body: string;
	contentType: string | null;
	xTest: string | null;
}

/** A client on a fake fetch that records requests and answers `{}` (no server needed). */
function recordingClient(options: { plugins?: [ReturnType<typeof usernameClient>] } = {}) {
	const sent: Sent[] = [];
	const customFetchImpl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
		const request = new Request(input, init);
		const url = new URL(request.url);
		sent.push({ method: request.method, path: url.pathname, search: url.search, body: await request.text(), contentType: request.headers.get("content-type"), xTest: request.headers.get("x-test") });
		return Response.json({});
	};
	const client = createAuthClient({ baseURL: "http://localhost:3000", fetchOptions: { customFetchImpl }, ...options });
	return { client, sent };
}

/** Reaches routes the types do not declare, as a plugin-less or newer-server call would. */
function untyped(client: object): Record<string, (...args: unknown[]) => Promise<unknown>> {
	// Sound for these tests: every property of the client proxy that is not a real member is a callable path node.
	return client as Record<string, (...args: unknown[]) => Promise<unknown>>;
}

describe("path mapping", () => {
	test("camelCase segments become kebab-case path segments", () => {
		expect(toKebabCase("signIn")).toBe("sign-in");
		expect(toKebabCase("getAccessToken")).toBe("get-access-token");
		expect(toKebabCase("email")).toBe("email");
	});

	test("contract methods: POST with JSON body, GET with query", async () => {
		const { client, sent } = recordingClient();
		await client.signIn.email({ email: "a@example.com", password: "password1234" });
		await client.getSession({ query: { disableCookieCache: true, disableRefresh: "1" } });
		await client.listSessions();
		expect(sent[0]).toEqual({
			method: "POST",
			path: "/api/auth/sign-in/email",
			search: "",
			body: JSON.stringify({ email: "a@example.com", password: "password1234" }),
			contentType: "application/json",
			xTest: null,
		});
		expect(sent[1]).toMatchObject({ method: "GET", path: "/api/auth/get-session", search: "?disableCookieCache=true&disableRefresh=1", body: "" });
		expect(sent[2]).toMatchObject({ method: "GET", path: "/api/auth/list-sessions" });
	});

	test("POST routes without a body send {} as JSON", async () => {
		const { client, sent } = recordingClient();
		await client.signOut();
		await client.revokeSessions();
		await client.revokeOtherSessions();
		for (const request of sent) expect(request).toMatchObject({ method: "POST", body: "{}", contentType: "application/json" });
		expect(sent.map((r) => r.path)).toEqual(["/api/auth/sign-out", "/api/auth/revoke-sessions", "/api/auth/revoke-other-sessions"]);
	});

	test("unknown paths follow spec §2.2: POST with body keys, else GET, unless fetchOptions.method", async () => {
		const { client, sent } = recordingClient();
		const loose = untyped(client);
		await loose.requestPasswordReset?.({ email: "a@example.com" });
		await loose.listAccounts?.();
		await loose.deleteUser?.();
		await loose.updateSession?.({ fetchOptions: { method: "POST" } });
		expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([
			"POST /api/auth/request-password-reset",
			"GET /api/auth/list-accounts",
			"POST /api/auth/delete-user",
			"POST /api/auth/update-session",
		]);
	});

	test("every core route goes out with its contract's method, with no route table at runtime", async () => {
		const { client, sent } = recordingClient();
		const loose = untyped(client);
		const routes = Object.values(coreRouteMethods).filter(([, path]) => !path.includes(":") && path !== "/get-session");
		for (const [method, path] of routes) {
			const call = path.slice(1).split("/").reduce<unknown>((node, segment) => (node as Record<string, unknown>)[segment.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())], loose);
			// As the types allow: GET routes take a query, POST routes a body, empty where it may be
			// (the routes client.types.ts finds with an optional body).
			const emptyBody = ["/sign-out", "/revoke-sessions", "/revoke-other-sessions", "/delete-user", "/update-user", "/unlink-account"].includes(path);
			await (call as (arg?: object) => Promise<unknown>)(method === "GET" ? { query: {} } : emptyBody ? undefined : { field: "x" });
			expect(`${sent.at(-1)?.method} ${sent.at(-1)?.path}`).toBe(`${method} /api/auth${path}`);
		}
		expect(sent.length).toBe(routes.length);
	});

	test("plugin routes are known once the plugin is installed", async () => {
		const { client, sent } = recordingClient({ plugins: [usernameClient()] });
		await client.isUsernameAvailable({ username: "ada" });
		await client.signIn.username({ username: "ada", password: "password1234" });
		expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /api/auth/is-username-available", "POST /api/auth/sign-in/username"]);
	});

	test("fetchOptions in the argument and as second parameter both apply", async () => {
		const { client, sent } = recordingClient();
		const calls: string[] = [];
		await client.signIn.email(
			{ email: "a@example.com", password: "password1234", fetchOptions: { onSuccess: () => void calls.push("arg") } },
			{ headers: { "x-test": "1" } },
		);
		expect(calls).toEqual(["arg"]);
		expect(sent[0]?.xTest).toBe("1");
		expect(JSON.parse(sent[0]?.body ?? "")).toEqual({ email: "a@example.com", password: "password1234" });
	});
});

describe("proxy guard", () => {
	test("await client resolves to the client without a request", async () => {
		const { client, sent } = recordingClient();
		const awaited = await client;
		expect(awaited.$session).toBe(client.$session);
		expect(sent).toHaveLength(0);
	});

	test("real members are returned as they are", () => {
		const { client, sent } = recordingClient();
		expect(typeof client.$session.listen).toBe("function");
		expect(typeof client.$session.get).toBe("function");
		expect(typeof client.$fetch).toBe("function");
		expect(client.$store.atoms.session).toBe(client.$session);
		expect(client.baseURL).toBe("http://localhost:3000/api/auth");
		expect(sent).toHaveLength(0);
	});

	test("then/catch/finally and symbols are undefined at every depth", () => {
		const { client } = recordingClient();
		const root: Record<PropertyKey, unknown> = untyped(client);
		const nested: Record<PropertyKey, unknown> = untyped(client.signIn);
		for (const target of [root, nested]) {
			expect(target.then).toBeUndefined();
			expect(target.catch).toBeUndefined();
			expect(target.finally).toBeUndefined();
			expect(target[Symbol.asyncIterator]).toBeUndefined();
		}
	});

	test("$fetch is the raw fetcher on the same base URL", async () => {
		const { client, sent } = recordingClient();
		await client.$fetch("/ok");
		expect(sent[0]).toMatchObject({ method: "GET", path: "/api/auth/ok" });
	});

	test("$store.notify flips the session signal", () => {
		const { client } = recordingClient();
		const seen: boolean[] = [];
		const stop = client.$store.listen("$sessionSignal", (value) => seen.push(value));
		client.$store.notify("$sessionSignal");
		expect(seen).toEqual([true]);
		stop();
	});
});
