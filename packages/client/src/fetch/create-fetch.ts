import { parseJSON } from "../parse-json.ts";
import { FetchError } from "./fetch-error.ts";
import { buildURL, mergeHeaders, requestParts } from "./request-parts.ts";
import type { ErrorContext, Fetch, FetchHooks, FetchOptions, FetchPlugin, RequestContext } from "./types.ts";

/** Content types read as text and handed to the JSON parser (no type at all counts as JSON); anything else is a `Blob`. */
const TEXT_BODY = /json|^text\/|^image\/svg|^application\/(xml|xhtml|html)/i;

/** Whether `text` is valid JSON; only then is an error body parsed into the error object. */
function isJSON(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}

/** The options of one call: client options under call options, headers and queries merged, then each plugin's `init`. */
async function resolveOptions(config: FetchOptions, call: FetchOptions, path: string): Promise<{ url: string; options: FetchOptions; plugins: readonly FetchPlugin[] }> {
	const plugins = [...(config.plugins ?? []), ...(call.plugins ?? [])];
	let url = path;
	let options: FetchOptions = {
		...config,
		...call,
		headers: mergeHeaders(mergeHeaders(new Headers(), config.headers), call.headers),
		query: { ...config.query, ...call.query },
		plugins,
	};
	for (const plugin of plugins) {
		if (!plugin.init) continue;
		const next = await plugin.init(url, options);
		url = next.url;
		options = next.options ?? options;
	}
	return { url, options, plugins };
}

/**
 * Creates the client's fetcher, a small stand-in for better-fetch's `createFetch` with the
 * same option and hook contract (see types.ts):
 *
 * 1. options: `config` under the call's (headers and `query` merged), then plugins' `init`;
 * 2. `onRequest` hooks (call, client, plugins), which may change the request context;
 * 3. `customFetchImpl` (default: global `fetch`) with the context as `RequestInit`;
 * 4. `onResponse` hooks, which may replace the response;
 * 5. 2xx: the body through `jsonParser` (a non-text type as a `Blob`), `onSuccess`, then
 *    `{ data, error: null }`; otherwise the JSON body (if any) spread into
 *    `{ …body, status, statusText }`, `onError`, then `{ data: null, error }`.
 *
 * With `throw: true` it resolves to the data and rejects with a `FetchError`. A network
 * failure or an aborted `signal` rejects either way, without `onError`.
 *
 * @example
 * const $fetch = createFetch({ baseURL: "http://localhost:3000/api/auth", credentials: "include" });
 * const { data, error } = await $fetch("/get-session");
 */
export function createFetch(config: FetchOptions = {}): Fetch {
	const $fetch = async (path: string, call: FetchOptions = {}): Promise<unknown> => {
		const { url, options, plugins } = await resolveOptions(config, call, path);
		const hooks: FetchHooks[] = [call, config, ...plugins.map((plugin) => plugin.hooks ?? {})];
		const controller = new AbortController();
		const timer = !options.signal && options.timeout ? setTimeout(() => controller.abort(), options.timeout) : undefined;
		const { headers, body } = await requestParts(options);
		const request: RequestContext = {
			...options,
			url: buildURL(options.baseURL, url, options.query),
			headers,
			body,
			method: (options.method ?? (body ? "POST" : "GET")).toUpperCase(),
			signal: options.signal ?? controller.signal,
		};
		for (const hook of hooks) {
			const changes = await hook.onRequest?.(request);
			if (changes && typeof changes === "object") Object.assign(request, changes);
		}

		let response: Response;
		try {
			// The context carries every RequestInit field (credentials, mode, cache, …) as better-fetch passes it.
			response = await (request.customFetchImpl ?? fetch)(request.url, request);
		} finally {
			clearTimeout(timer);
		}
		for (const hook of hooks) {
			const next = await hook.onResponse?.({ response, request });
			if (next) response = "response" in next ? next.response : next;
		}

		const parse = options.jsonParser ?? parseJSON;
		if (response.ok) {
			const type = response.headers.get("content-type");
			const data = request.method === "HEAD" ? "" : !type || TEXT_BODY.test(type) ? await parse(await response.text()) : await response.blob();
			for (const hook of hooks) await hook.onSuccess?.({ data, response, request });
			return options.throw ? data : { data, error: null };
		}

		const responseText = await response.text();
		const parsed: unknown = isJSON(responseText) ? await parse(responseText) : undefined;
		const error: ErrorContext["error"] = {
			...(typeof parsed === "object" ? parsed : null),
			status: response.status,
			statusText: response.statusText,
		};
		for (const hook of hooks) await hook.onError?.({ response, responseText, request, error });
		if (options.throw) throw new FetchError(response.status, response.statusText, parsed === undefined ? responseText : parsed);
		return { data: null, error };
	};
	// Sound: `$fetch` resolves to the data when `throw` is set and to `{ data, error }` otherwise,
	// which is what the two overloads of `Fetch` say; the data's type is the caller's claim, as in better-fetch.
	return $fetch as Fetch;
}
