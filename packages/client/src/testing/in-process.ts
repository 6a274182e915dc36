import { CookieJar, TEST_ORIGIN } from "@latchkey/server/testing";
import { createAuthClient } from "../create-client.ts";
import type { AuthClient, AuthClientOptions } from "../create-client.ts";
import type { ClientPlugin } from "../types.ts";

/** One request the client sent, as the server saw it. */
export interface RecordedRequest {
	method: string;
	url: URL;
	headers: Headers;
	body: string;
}

/** The part of a test instance this helper needs: its HTTP handler. */
export interface HandlerOwner {
	auth: { handler: (request: Request, info?: { ip?: string }) => Promise<Response> };
}

/** What `createInProcessClient` returns. */
export interface InProcessClient<P extends readonly ClientPlugin[]> {
	client: AuthClient<P>;
	jar: CookieJar;
	/** Every request the client sent, in order. */
	requests: RecordedRequest[];
}

/** What `createInProcessFetch` returns: a fetch for `fetchOptions.customFetchImpl`, its jar and its log. */
export interface InProcessFetch {
	customFetchImpl: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
	jar: CookieJar;
	/** Every request sent, in order. */
	requests: RecordedRequest[];
	/** The requests as `"METHOD /path"` lines. */
	sent(): string[];
}

/**
 * A fetch that calls `auth.handler` in process through a cookie jar (Origin: the test origin,
 * socket IP 127.0.0.1); `cookies: false` sends no cookies (bearer tests). The bindings' tests
 * build their own client around it.
 */
export function createInProcessFetch(instance: HandlerOwner, options: { cookies?: boolean } = {}): InProcessFetch {
	const { cookies = true } = options;
	const jar = new CookieJar();
	const requests: RecordedRequest[] = [];
	const handle = async (request: Request): Promise<Response> => {
		requests.push({ method: request.method, url: new URL(request.url), headers: new Headers(request.headers), body: await request.clone().text() });
		return instance.auth.handler(request, { ip: "127.0.0.1" });
	};
	const viaJar = jar.wrap(handle, { origin: TEST_ORIGIN });
	const customFetchImpl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
		if (cookies) return viaJar(input, init);
		const request = new Request(input, init);
		if (!request.headers.has("origin")) request.headers.set("origin", TEST_ORIGIN);
		return handle(request);
	};
	return { customFetchImpl, jar, requests, sent: () => requests.map((r) => `${r.method} ${r.url.pathname}`) };
}

/**
 * A client whose fetch calls `auth.handler` in process through a cookie jar (Origin: the
 * test origin, socket IP 127.0.0.1). `cookies: false` gives a jar-less client (bearer tests).
 * Test-only: it imports `@latchkey/server/testing`, so the package does not export it.
 *
 * @example
 * const { client } = createInProcessClient(await getTestInstance("sqlite"), { plugins: [usernameClient()] });
 */
export function createInProcessClient<const P extends readonly ClientPlugin[] = []>(
	instance: HandlerOwner,
	options: AuthClientOptions<P> & { cookies?: boolean } = {},
): InProcessClient<P> {
	const { cookies, ...clientOptions } = options;
	const { customFetchImpl, jar, requests } = createInProcessFetch(instance, { cookies });
	const client = createAuthClient<P>({
		baseURL: TEST_ORIGIN,
		...clientOptions,
		fetchOptions: { customFetchImpl, ...clientOptions.fetchOptions },
	});
	return { client, jar, requests };
}

/** Resolves with the store's first value (current or future) that satisfies `predicate`. */
export function waitForValue<T>(store: { get(): T; listen(listener: (value: T) => void): () => void }, predicate: (value: T) => boolean, timeoutMs = 2_000): Promise<T> {
	return new Promise((resolve, reject) => {
		const current = store.get();
		if (predicate(current)) return resolve(current);
		const timer = setTimeout(() => {
			stop();
			reject(new Error(`store did not reach the expected value in ${timeoutMs} ms; last: ${JSON.stringify(store.get())}`));
		}, timeoutMs);
		const stop = store.listen((value) => {
			if (!predicate(value)) return;
			clearTimeout(timer);
			stop();
			resolve(value);
		});
	});
}
