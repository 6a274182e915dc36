/**
 * The fetch layer on its own, against a scripted `customFetchImpl`: request building (URL,
 * query, headers, body, auth), response parsing, error shapes, `throw`, aborts and timeouts.
 * Hook order and contexts are in hooks.test.ts; the real server is exercised by every other
 * client test.
 */
import { describe, expect, test } from "bun:test";
import { createFetch } from "./create-fetch.ts";
import { FetchError } from "./fetch-error.ts";
import type { FetchImpl, FetchOptions } from "./types.ts";

interface Seen {
	url: string;
	method: string;
	headers: Headers;
	body: string;
	credentials: RequestCredentials | undefined;
}

/** A fetch that records what it was given and answers with `answer()` (default: JSON `{}`). */
function scripted(answer: (request: Request) => Response | Promise<Response> = () => Response.json({})) {
	const seen: Seen[] = [];
	const customFetchImpl: FetchImpl = async (input, init) => {
		const request = new Request(input, init);
		seen.push({ url: request.url, method: request.method, headers: request.headers, body: await request.clone().text(), credentials: init?.credentials });
		return answer(request);
	};
	return { seen, customFetchImpl };
}

const BASE = "http://localhost:3000/api/auth";

function fetcher(options: FetchOptions = {}, answer?: (request: Request) => Response | Promise<Response>) {
	const { seen, customFetchImpl } = scripted(answer);
	return { seen, $fetch: createFetch({ baseURL: BASE, customFetchImpl, ...options }) };
}

describe("requests", () => {
	test("joins base and path with one slash; an absolute path is used as is", async () => {
		const { seen, $fetch } = fetcher({ baseURL: `${BASE}/` });
		await $fetch("/ok");
		await $fetch("ok");
		await $fetch("https://other.example/x?y=1");
		expect(seen.map((s) => s.url)).toEqual([`${BASE}/ok`, `${BASE}/ok`, "https://other.example/x?y=1"]);
	});

	test("query: strings as is, other values as JSON, arrays repeat, null skipped, spaces as %20; client and call merged", async () => {
		const { seen, $fetch } = fetcher({ query: { lang: "en", keep: "client" } });
		await $fetch("/list?page=2", { query: { keep: "call", flag: true, n: 3, ids: ["a", "b"], none: null, gone: undefined, text: "a b+c" } });
		const url = new URL(seen[0]?.url ?? "");
		expect(url.search).toBe("?page=2&lang=en&keep=call&flag=true&n=3&ids=a&ids=b&text=a%20b%2Bc");
	});

	test("a plain object body is JSON with content-type; GET unless a method or body says otherwise", async () => {
		const { seen, $fetch } = fetcher();
		await $fetch("/a");
		await $fetch("/b", { body: { name: "Ada", when: new Date("2026-01-01T00:00:00.000Z") } });
		await $fetch("/c", { method: "post", body: {} });
		expect(seen.map((s) => s.method)).toEqual(["GET", "POST", "POST"]);
		expect(seen[0]?.body).toBe("");
		expect(seen[0]?.headers.get("content-type")).toBeNull();
		expect(seen[1]?.body).toBe('{"name":"Ada","when":"2026-01-01T00:00:00.000Z"}');
		expect(seen[1]?.headers.get("content-type")).toBe("application/json");
		expect(seen[2]?.body).toBe("{}");
	});

	test("FormData goes as multipart, form-encoded content type encodes the object, a string as it is", async () => {
		const { seen, $fetch } = fetcher();
		const form = new FormData();
		form.set("file", "x");
		await $fetch("/upload", { method: "POST", body: form });
		await $fetch("/form", { method: "POST", body: { a: "1", b: "two words" }, headers: { "content-type": "application/x-www-form-urlencoded" } });
		await $fetch("/raw", { method: "POST", body: '{"pre":"serialised"}' });
		expect(seen[0]?.headers.get("content-type")).toStartWith("multipart/form-data");
		expect(seen[1]?.body).toBe("a=1&b=two+words");
		expect(seen[2]?.body).toBe('{"pre":"serialised"}');
		expect(seen[2]?.headers.get("content-type")).toBe("application/json");
	});

	test("headers: client then call (call wins, undefined skipped); Headers and pairs accepted; RequestInit fields pass through", async () => {
		const { seen, $fetch } = fetcher({ headers: { "x-client": "1", "x-both": "client" }, credentials: "include" });
		await $fetch("/a", { headers: { "x-both": "call", "x-none": undefined } });
		await $fetch("/b", { headers: new Headers({ "x-h": "h" }) });
		await $fetch("/c", { headers: [["x-pair", "p"]], credentials: "omit" });
		expect(Object.fromEntries(seen[0]?.headers ?? [])).toEqual({ "x-client": "1", "x-both": "call" });
		expect(seen[1]?.headers.get("x-h")).toBe("h");
		expect(seen[2]?.headers.get("x-pair")).toBe("p");
		expect(seen.map((s) => s.credentials)).toEqual(["include", "include", "omit"]);
	});

	test("bearer token: a value, a sync or async function; nothing while empty; it overrides a set authorization", async () => {
		let token: string | undefined;
		const { seen, $fetch } = fetcher({ auth: { type: "Bearer", token: () => token } });
		await $fetch("/a");
		token = "t1";
		await $fetch("/b", { headers: { authorization: "Bearer stale" } });
		await $fetch("/c", { auth: { type: "Bearer", token: async () => "t2" } });
		await $fetch("/d", { auth: { type: "Bearer", token: "t3" } });
		expect(seen.map((s) => s.headers.get("authorization"))).toEqual([null, "Bearer t1", "Bearer t2", "Bearer t3"]);
	});

	test("Basic and Custom auth, as better-fetch sends them", async () => {
		const { seen, $fetch } = fetcher();
		await $fetch("/a", { auth: { type: "Basic", username: "ada", password: () => "pw" } });
		await $fetch("/b", { auth: { type: "Basic", username: "ada", password: undefined } });
		await $fetch("/c", { auth: { type: "Custom", prefix: "Token", value: "v" } });
		expect(seen.map((s) => s.headers.get("authorization"))).toEqual([`Basic ${btoa("ada:pw")}`, null, "Token v"]);
	});

	test("customFetchImpl gets the URL and a RequestInit; the global fetch is the default", async () => {
		let received: { input: unknown; init: RequestInit | undefined } | undefined;
		const $fetch = createFetch({
			baseURL: BASE,
			customFetchImpl: async (input, init) => {
				received = { input, init };
				return Response.json({ ok: true });
			},
		});
		expect(await $fetch("/ok")).toEqual({ data: { ok: true }, error: null });
		expect(String(received?.input)).toBe(`${BASE}/ok`);
		expect(received?.init?.method).toBe("GET");
		expect(received?.init?.signal).toBeInstanceOf(AbortSignal);

		const server = Bun.serve({ port: 0, fetch: () => Response.json({ via: "global fetch" }) });
		try {
			expect((await createFetch({ baseURL: `http://localhost:${server.port}` })("/x")).data).toEqual({ via: "global fetch" });
		} finally {
			server.stop(true);
		}
	});

	test("a plugin's init may rewrite the path and options before the request", async () => {
		const { seen, $fetch } = fetcher({
			plugins: [{ id: "rewrite", init: (url, options) => ({ url: url.replace("/old", "/new"), options: { ...options, headers: { "x-init": "1" } } }) }],
		});
		await $fetch("/old/path");
		expect(seen[0]?.url).toBe(`${BASE}/new/path`);
		expect(seen[0]?.headers.get("x-init")).toBe("1");
	});
});

describe("responses", () => {
	test("JSON with ISO dates revived; empty body → null; text → the text; JSON content-type not required", async () => {
		const bodies = ['{"at":"2026-11-22T07:43:00.958Z"}', "", "Not JSON", "null", "42"];
		const { $fetch } = fetcher({}, () => new Response(bodies.shift() ?? "", { headers: { "content-type": "text/plain" } }));
		expect((await $fetch<{ at: Date }>("/a")).data?.at).toEqual(new Date("2026-11-22T07:43:00.958Z"));
		expect(await $fetch("/b")).toEqual({ data: null, error: null });
		expect(await $fetch("/c")).toEqual({ data: "Not JSON", error: null });
		expect(await $fetch("/d")).toEqual({ data: null, error: null });
		expect(await $fetch("/e")).toEqual({ data: 42, error: null });
	});

	test("a 204 is { data: null }; a binary type is a Blob; HEAD is ''", async () => {
		const answers = [new Response(null, { status: 204 }), new Response(new Uint8Array([1, 2]), { headers: { "content-type": "application/octet-stream" } }), new Response(null)];
		const { $fetch } = fetcher({}, () => answers.shift() ?? Response.json({}));
		expect(await $fetch("/a")).toEqual({ data: null, error: null });
		const blob = (await $fetch<Blob>("/b")).data;
		expect(blob).toBeInstanceOf(Blob);
		expect(blob?.size).toBe(2);
		expect(await $fetch("/c", { method: "HEAD" })).toEqual({ data: "", error: null });
	});

	test("a custom jsonParser replaces the default", async () => {
		const { $fetch } = fetcher({ jsonParser: (text) => ({ raw: text }) });
		expect((await $fetch("/a")).data).toEqual({ raw: "{}" });
	});
});

describe("errors", () => {
	test("a JSON error body is spread into { …body, status, statusText }", async () => {
		const { $fetch } = fetcher({}, () => Response.json({ code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password", extra: 1 }, { status: 401, statusText: "Unauthorized" }));
		expect<unknown>(await $fetch("/sign-in/email", { method: "POST", body: {} })).toEqual({
			data: null,
			error: { code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password", extra: 1, status: 401, statusText: "Unauthorized" },
		});
	});

	test("a non-JSON, empty or scalar error body gives { status, statusText } only", async () => {
		const answers = [new Response("Bad Gateway page", { status: 502, statusText: "Bad Gateway" }), new Response(null, { status: 500 }), new Response('"just a string"', { status: 400 })];
		const { $fetch } = fetcher({}, () => answers.shift() ?? Response.json({}));
		expect((await $fetch("/a")).error).toEqual({ status: 502, statusText: "Bad Gateway" });
		expect((await $fetch("/b")).error).toEqual({ status: 500, statusText: "" });
		expect((await $fetch("/c")).error).toEqual({ status: 400, statusText: "" });
	});

	test("throw: true resolves to the data and rejects with a FetchError carrying the body", async () => {
		const answers = [Response.json({ ok: true }), Response.json({ code: "NOPE", message: "No" }, { status: 403, statusText: "Forbidden" }), new Response("plain", { status: 500 })];
		const { $fetch } = fetcher({}, () => answers.shift() ?? Response.json({}));
		expect(await $fetch<{ ok: boolean }>("/a", { throw: true })).toEqual({ ok: true });
		const forbidden = await $fetch("/b", { throw: true }).catch((error: unknown) => error);
		expect(forbidden).toBeInstanceOf(FetchError);
		expect(forbidden).toMatchObject({ status: 403, statusText: "Forbidden", message: "Forbidden", error: { code: "NOPE", message: "No" } });
		const plain = await $fetch("/c", { throw: true }).catch((error: unknown) => error);
		expect(plain).toMatchObject({ status: 500, message: "500", error: "plain" });
	});

	test("a network failure rejects (no onError), with or without throw", async () => {
		let onError = 0;
		const $fetch = createFetch({ baseURL: BASE, customFetchImpl: () => Promise.reject(new TypeError("Failed to fetch")), onError: () => void onError++ });
		await expect($fetch("/a")).rejects.toThrow("Failed to fetch");
		await expect($fetch("/a", { throw: true })).rejects.toThrow("Failed to fetch");
		await Bun.sleep(1);
		expect(onError).toBe(0);
	});
});

describe("aborts", () => {
	/** A server whose answers take `ms`, so there is time to abort. */
	function slowServer(ms: number) {
		return Bun.serve({ port: 0, fetch: async () => (await Bun.sleep(ms), Response.json({ late: true })) });
	}

	test("an aborted signal rejects with an AbortError and runs no onSuccess/onError", async () => {
		const server = slowServer(200);
		const calls: string[] = [];
		const $fetch = createFetch({ baseURL: `http://localhost:${server.port}`, onSuccess: () => void calls.push("success"), onError: () => void calls.push("error") });
		try {
			const already = new AbortController();
			already.abort();
			await expect($fetch("/x", { signal: already.signal })).rejects.toMatchObject({ name: "AbortError" });
			const later = new AbortController();
			const pending = $fetch("/x", { signal: later.signal });
			setTimeout(() => later.abort(), 10);
			await expect(pending).rejects.toMatchObject({ name: "AbortError" });
			await Bun.sleep(20);
			expect(calls).toEqual([]);
		} finally {
			server.stop(true);
		}
	});

	test("timeout aborts the request when no signal is given", async () => {
		const server = slowServer(200);
		try {
			const $fetch = createFetch({ baseURL: `http://localhost:${server.port}` });
			await expect($fetch("/x", { timeout: 10 })).rejects.toMatchObject({ name: "AbortError" });
			expect((await $fetch("/x", { timeout: 1_000 })).data).toEqual({ late: true });
		} finally {
			server.stop(true);
		}
	});
});
