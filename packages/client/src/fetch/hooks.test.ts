/**
 * better-fetch's hook contract as Better Auth apps use it: which hooks run, in what order
 * (the call's, the client's `fetchOptions`, then fetch plugins), and what their contexts hold.
 * The last block goes through the real server.
 */
import { describe, expect, test } from "bun:test";
import { getTestInstance } from "@latchkey/server/testing";
import { createAuthClient } from "../create-client.ts";
import { createInProcessClient } from "../testing/in-process.ts";
import type { ClientPlugin } from "../types.ts";
import type { ErrorContext, FetchHooks, RequestContext, SuccessContext } from "./types.ts";

/** Hooks that append `<name>:<hook>` to `log`. */
function logging(name: string, log: string[]): Required<FetchHooks> {
	return {
		onRequest: () => void log.push(`${name}:request`),
		onResponse: () => void log.push(`${name}:response`),
		onSuccess: () => void log.push(`${name}:success`),
		onError: () => void log.push(`${name}:error`),
	};
}

/** A client on a fetch answering `status` with a JSON body, with hooks at every level. */
function hookedClient(status: number, log: string[]) {
	const customFetchImpl = async (): Promise<Response> => Response.json(status < 300 ? { ok: true } : { code: "NOPE", message: "No" }, { status });
	const plugin = { id: "plugin", routes: {}, fetchPlugins: [{ id: "plugin-fetch", hooks: logging("plugin", log) }] } satisfies ClientPlugin;
	return createAuthClient({
		baseURL: "http://localhost:3000",
		plugins: [plugin],
		fetchOptions: { customFetchImpl, ...logging("client", log), plugins: [{ id: "user", hooks: logging("user", log) }] },
	});
}

describe("order", () => {
	test("success: call → client → fetchOptions.plugins → client plugins' fetchPlugins, per phase", async () => {
		const log: string[] = [];
		const client = hookedClient(200, log);
		const result = await client.ok(undefined, logging("call", log));
		expect(result).toEqual({ data: { ok: true }, error: null });
		const phases = ["request", "response", "success"];
		expect(log).toEqual(phases.flatMap((phase) => ["call", "client", "user", "plugin"].map((who) => `${who}:${phase}`)));
	});

	test("error: the same order with onError, and no onSuccess", async () => {
		const log: string[] = [];
		const client = hookedClient(400, log);
		const result = await client.$fetch("/x", logging("call", log));
		expect(result.error).toEqual({ code: "NOPE", message: "No", status: 400, statusText: "" });
		expect(log.filter((entry) => entry.endsWith(":error"))).toEqual(["call:error", "client:error", "user:error", "plugin:error"]);
		expect(log.some((entry) => entry.endsWith(":success"))).toBe(false);
	});

	test("per-call hooks come from the second argument or from fetchOptions in the first", async () => {
		const log: string[] = [];
		const client = hookedClient(200, log);
		await client.signIn.email({ email: "a@example.com", password: "x", fetchOptions: { onSuccess: () => void log.push("inline:success"), disableSignal: true } });
		expect(log.filter((entry) => entry.endsWith(":success"))[0]).toBe("inline:success");
	});
});

describe("contexts", () => {
	test("onRequest sees the resolved request and may change it; onResponse may replace the response", async () => {
		let seenRequest: RequestContext | undefined;
		let sentHeader = null as string | null; // Written in a callback, which control-flow narrowing cannot see.
		const client = createAuthClient({
			baseURL: "http://localhost:3000",
			fetchOptions: {
				customFetchImpl: async (input, init) => {
					sentHeader = new Request(input, init).headers.get("x-added");
					return Response.json({ from: "server" });
				},
				onRequest(context) {
					seenRequest = { ...context };
					context.headers.set("x-added", "by onRequest");
					return { method: "POST", body: JSON.stringify({ rewritten: true }) };
				},
				onResponse: () => Response.json({ from: "onResponse" }),
			},
		});
		const result = await client.$fetch("/echo", { query: { q: "1" }, body: { a: 1 }, method: "PUT" });
		expect(String(seenRequest?.url)).toBe("http://localhost:3000/api/auth/echo?q=1");
		expect(seenRequest).toMatchObject({ method: "PUT", body: '{"a":1}', credentials: "include" });
		expect(seenRequest?.headers.get("content-type")).toBe("application/json");
		expect(seenRequest?.signal).toBeInstanceOf(AbortSignal);
		expect(sentHeader).toBe("by onRequest");
		expect(result.data).toEqual({ from: "onResponse" });
	});

	test("onResponse may also return { response }", async () => {
		const client = createAuthClient({
			baseURL: "http://localhost:3000",
			fetchOptions: { customFetchImpl: async () => Response.json({ a: 1 }), onResponse: (context) => ({ ...context, response: new Response("replaced") }) },
		});
		expect((await client.$fetch("/x")).data).toBe("replaced");
	});

	test("onSuccess gets { data, response, request }; onError gets { error, response, responseText, request }", async () => {
		let success: SuccessContext | undefined;
		let failure: ErrorContext | undefined;
		const answers = [Response.json({ at: "2026-11-22T07:43:00.958Z" }, { headers: { "set-auth-token": "tok" } }), new Response('{"code":"X","message":"Bad"}', { status: 422, statusText: "Unprocessable Entity" })];
		const client = createAuthClient({
			baseURL: "http://localhost:3000",
			fetchOptions: {
				customFetchImpl: async () => answers.shift() ?? Response.json({}),
				onSuccess: (context) => void (success = context),
				onError: (context) => void (failure = context),
			},
		});
		await client.$fetch("/ok");
		expect(success?.data).toEqual({ at: new Date("2026-11-22T07:43:00.958Z") });
		expect(success?.response.headers.get("set-auth-token")).toBe("tok");
		expect(success?.request.method).toBe("GET");
		const result = await client.$fetch("/bad", { method: "POST", body: {} });
		expect(failure?.error).toEqual({ code: "X", message: "Bad", status: 422, statusText: "Unprocessable Entity" });
		expect<unknown>(failure?.error).toEqual(result.error);
		expect(failure?.responseText).toBe('{"code":"X","message":"Bad"}');
		expect(failure?.response.status).toBe(422);
		expect(failure?.request.method).toBe("POST");
	});

	test("an async hook is awaited before the call resolves", async () => {
		const order: string[] = [];
		const client = createAuthClient({
			baseURL: "http://localhost:3000",
			fetchOptions: { customFetchImpl: async () => Response.json({}), onSuccess: async () => (await Bun.sleep(5), void order.push("hook")) },
		});
		await client.$fetch("/x");
		order.push("resolved");
		expect(order).toEqual(["hook", "resolved"]);
	});
});

describe("through the real server", () => {
	test("onError reads the server's code and message; onSuccess reads set-auth-token", async () => {
		const instance = await getTestInstance("sqlite");
		const { body } = await instance.signUp({ password: "password1234" });
		const errors: ErrorContext["error"][] = [];
		const tokens: string[] = [];
		const { client } = createInProcessClient(instance, {
			fetchOptions: {
				onError: (context) => void errors.push(context.error),
				onSuccess: (context) => void tokens.push(context.response.headers.get("set-auth-token") ?? ""),
			},
		});
		await client.signIn.email({ email: body.user.email, password: "wrong password" });
		expect(errors).toEqual([expect.objectContaining({ status: 401, code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password" })]);
		const signedIn = await client.signIn.email({ email: body.user.email, password: "password1234" }, { disableSignal: true });
		expect(signedIn.error).toBeNull();
		expect(tokens[0]).toContain(".");
	});
});

describe("throw at the client level", () => {
	test("methods resolve to the data and reject with a FetchError; the session store still works", async () => {
		const instance = await getTestInstance("sqlite");
		const { body } = await instance.signUp({ password: "password1234" });
		const { client } = createInProcessClient(instance, { fetchOptions: { throw: true } });
		const rejected = await client.signIn.email({ email: body.user.email, password: "wrong password" }).catch((error: unknown) => error);
		expect(rejected).toMatchObject({ status: 401, error: { code: "INVALID_EMAIL_OR_PASSWORD" } });
		const signedIn: unknown = await client.signIn.email({ email: body.user.email, password: "password1234" }, { disableSignal: true });
		expect(signedIn).toMatchObject({ user: { email: body.user.email } });
		await client.$session.get().refetch();
		expect(client.$session.get()).toMatchObject({ data: { user: { email: body.user.email } }, error: null });
	});
});
