/**
 * Types of the client's fetch layer. They follow better-fetch's option and hook contract
 * (what Better Auth documents for `fetchOptions`), so hooks written for Better Auth's client
 * type-check unchanged: `ctx.response`, `ctx.data`, `ctx.error`, `ctx.request`.
 */

/** A `fetch`-shaped function (`fetchOptions.customFetchImpl`). */
export type FetchImpl = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** A value, or a function (sync or async) returning it; read on every request. */
export type Lazy<T> = T | (() => T | Promise<T>);

/**
 * The `authorization` header to send: `Bearer <token>`, `Basic <base64(user:password)>` or
 * `<prefix> <value>`. Nothing is sent while the token (or value, or a Basic half) is empty.
 *
 * @example
 * { type: "Bearer", token: () => localStorage.getItem("bearer_token") ?? undefined }
 */
export type FetchAuth =
	| { type: "Bearer"; token: Lazy<string | undefined> }
	| { type: "Basic"; username: Lazy<string | undefined>; password: Lazy<string | undefined> }
	| { type: "Custom"; prefix: Lazy<string | undefined>; value: Lazy<string | undefined> };

/** Headers as `fetchOptions.headers` takes them; `undefined` values are left out. */
export type FetchHeaders = Headers | readonly (readonly [string, string])[] | Readonly<Record<string, string | undefined>>;

/** The error half of a call result: the server's `{ code, message }` plus the HTTP status (spec/core.md §2.5). */
export interface ClientError {
	code?: string;
	message?: string;
	status: number;
	statusText: string;
}

/**
 * What every client method resolves to: `{ data, error: null }` on 2xx, `{ data: null, error }`
 * otherwise. A discriminated union, so checking `error` narrows `data`.
 */
export type ClientResult<T> = { data: T; error: null } | { data: null; error: ClientError };

/** The request as the hooks see it: the options, with URL, headers, body and method resolved. */
export interface RequestContext extends FetchOptions {
	url: URL | string;
	headers: Headers;
	/** The serialised body (JSON text for plain objects), or `null`. */
	body: BodyInit | null;
	method: string;
	signal: AbortSignal;
}

/** What `onResponse` receives. */
export interface ResponseContext {
	response: Response;
	request: RequestContext;
}

/** What `onSuccess` receives (2xx). */
export interface SuccessContext {
	/**
	 * The parsed body. `any` on purpose: better-fetch types it so, and Better Auth apps' hooks
	 * read it directly (`ctx.data.token`); an `unknown` here would break them at compile time.
	 */
	data: any;
	response: Response;
	request: RequestContext;
}

/** What `onError` receives (non-2xx). */
export interface ErrorContext {
	response: Response;
	request: RequestContext;
	/** The body as text, before parsing. */
	responseText: string;
	/**
	 * The result's error: the JSON body's fields (`code`, `message`, …) plus `status` and
	 * `statusText`. The extra fields are `any` as in better-fetch, which Better Auth apps rely on.
	 */
	error: ClientError & Record<string, any>;
}

/**
 * Lifecycle hooks, run in this order on every call: the call's own, the client's
 * (`createAuthClient({ fetchOptions })`), then each fetch plugin's.
 */
export interface FetchHooks {
	/** Before sending. A returned object is merged into the request context (headers, url, …). */
	onRequest?: (context: RequestContext) => Promise<Partial<RequestContext> | void> | Partial<RequestContext> | void;
	/** After the response arrives, before it is read. A returned `Response` (or `{ response }`) replaces it. */
	onResponse?: (context: ResponseContext) => Promise<Response | ResponseContext | void> | Response | ResponseContext | void;
	/** After a 2xx response was parsed. */
	onSuccess?: (context: SuccessContext) => Promise<void> | void;
	/** After a non-2xx response was parsed. Not called when `fetch` itself rejects (network error, abort). */
	onError?: (context: ErrorContext) => Promise<void> | void;
}

/**
 * A fetch plugin: hooks run after the client's own, and an optional `init` that may rewrite
 * the path and options before anything else happens.
 *
 * @example
 * const logger: FetchPlugin = { id: "logger", hooks: { onError: (ctx) => console.warn(ctx.error) } };
 */
export interface FetchPlugin {
	id: string;
	name?: string;
	hooks?: FetchHooks;
	init?: (url: string, options: FetchOptions) => Promise<{ url: string; options?: FetchOptions }> | { url: string; options?: FetchOptions };
}

/**
 * Options of one request, or (as `createAuthClient({ fetchOptions })`) of every request:
 * every `RequestInit` field (`credentials`, `signal`, `cache`, `mode`, …) plus better-fetch's
 * `baseURL`, `query`, `auth`, `customFetchImpl`, `jsonParser`, `timeout`, `throw`, `plugins`
 * and the hooks. Client and call headers and queries are merged; the call wins.
 */
export interface FetchOptions extends Omit<RequestInit, "body" | "headers" | "method" | "signal">, FetchHooks {
	/** Prepended to a relative path. */
	baseURL?: string;
	/** Default: `POST` when there is a body, else `GET`. */
	method?: string;
	headers?: FetchHeaders;
	/** A plain object or array is sent as JSON (or form-encoded with that `content-type`); other bodies as they are. */
	body?: unknown;
	/** Query parameters; `null`/`undefined` are skipped, arrays repeat the key, other non-strings are JSON (`true` → `"true"`). */
	query?: object;
	signal?: AbortSignal | null;
	auth?: FetchAuth;
	/** The fetch to call; default the global `fetch`. */
	customFetchImpl?: FetchImpl;
	/** Parses 2xx bodies and JSON error bodies; the client's default revives ISO dates (parse-json.ts). */
	jsonParser?: (text: string) => unknown;
	/** Abort after this many milliseconds (only when no `signal` is given). */
	timeout?: number;
	/** Resolve with the data itself and reject with a `FetchError` on a non-2xx answer. */
	throw?: boolean;
	/** Fetch plugins (hooks and `init`), run after the client's. */
	plugins?: readonly FetchPlugin[];
}

/**
 * The client's raw fetcher (`client.$fetch`): same base URL, credentials, hooks and plugins as
 * the methods. Resolves to `{ data, error }`; rejects only when `fetch` does (network error,
 * abort). With `throw: true` it resolves to the data and rejects with a `FetchError`.
 *
 * @example
 * const { data, error } = await client.$fetch<{ ok: boolean }>("/ok");
 */
export interface Fetch {
	<T = unknown>(path: string, options: FetchOptions & { throw: true }): Promise<T>;
	<T = unknown>(path: string, options?: FetchOptions): Promise<ClientResult<T>>;
}
