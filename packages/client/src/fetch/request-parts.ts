import type { FetchAuth, FetchHeaders, FetchOptions, Lazy } from "./types.ts";

/** A URL that names its own scheme and host (RFC 3986 §3), e.g. `https://example.com/x`. */
const ABSOLUTE_URL = /^[a-z][a-z\d+.-]*:\/\//i;

/**
 * Joins `baseURL` and `path` with exactly one slash (an absolute `path` is used as is) and
 * appends `query`: `null`/`undefined` values are skipped, arrays repeat the key, strings go
 * as they are and anything else as JSON (`true` → `"true"`, `2` → `"2"`), spaces as `%20`.
 * Returns a `URL` when the result is absolute, else the string (a relative base such as
 * `/api/auth` in a browser), as better-fetch does.
 *
 * @example
 * buildURL("http://localhost:3000/api/auth", "/get-session", { disableCookieCache: true });
 * // URL "http://localhost:3000/api/auth/get-session?disableCookieCache=true"
 */
export function buildURL(baseURL: string | undefined, path: string, query?: object): URL | string {
	let href = ABSOLUTE_URL.test(path) ? path : `${(baseURL ?? "").replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(query ?? {})) {
		for (const item of Array.isArray(value) ? value : [value]) {
			if (item != null) params.append(key, typeof item === "string" ? item : JSON.stringify(item));
		}
	}
	const search = params.toString().replace(/\+/g, "%20");
	if (search) href += (href.includes("?") ? "&" : "?") + search;
	return ABSOLUTE_URL.test(href) ? new URL(href) : href;
}

async function read(value: Lazy<string | undefined>): Promise<string | undefined> {
	return typeof value === "function" ? value() : value;
}

/**
 * The `authorization` value for `auth` (`Bearer <token>`, `Basic <base64(user:password)>`,
 * `<prefix> <value>`), or `undefined` while the token, value or a Basic half is empty.
 */
export async function authorization(auth: FetchAuth | undefined): Promise<string | undefined> {
	if (!auth) return undefined;
	const pair = auth.type === "Bearer" ? ["Bearer", auth.token] : auth.type === "Basic" ? [auth.username, auth.password] : [auth.prefix, auth.value];
	const [first, second] = await Promise.all(pair.map(read));
	if (auth.type === "Basic") return first && second ? `Basic ${btoa(`${first}:${second}`)}` : undefined;
	return second ? `${first ?? ""} ${second}` : undefined;
}

/** Copies `source` into `target`, later keys winning; `null`/`undefined` values are skipped. */
export function mergeHeaders(target: Headers, source: FetchHeaders | undefined): Headers {
	// Sound: a `Headers` and an array of pairs both iterate as `[name, value]` pairs.
	const entries = source instanceof Headers || Array.isArray(source) ? (source as Iterable<readonly [string, string]>) : Object.entries(source ?? {});
	for (const [name, value] of entries) if (value != null) target.set(name, value);
	return target;
}

/**
 * Whether a body is sent as JSON: a plain object, an array or a primitive. Class instances
 * (`FormData`, `Blob`, `URLSearchParams`, streams…) are not, even where they have a `toJSON`
 * (Bun's `FormData` does).
 */
function isJSONBody(body: unknown): boolean {
	if (typeof body !== "object" || body === null) return true;
	const proto: unknown = Object.getPrototypeOf(body);
	return Array.isArray(body) || proto === Object.prototype || proto === null;
}

/**
 * The request body and its headers: a plain object, array or primitive is sent as JSON (with
 * `content-type: application/json` unless one was set), or form-encoded when the content type
 * says `application/x-www-form-urlencoded`; a string goes as it is; `FormData`, `Blob`,
 * streams and the like are left for `fetch` to encode. A falsy body sends none.
 */
export async function requestParts(options: FetchOptions): Promise<{ headers: Headers; body: BodyInit | null }> {
	const headers = mergeHeaders(new Headers(), options.headers);
	const auth = await authorization(options.auth);
	if (auth) headers.set("authorization", auth);
	const { body } = options;
	if (!body) return { headers, body: null };
	if (!isJSONBody(body)) return { headers, body: body as BodyInit }; // Sound: anything not JSON-like is handed to fetch, which accepts every BodyInit.
	if (!headers.has("content-type")) headers.set("content-type", "application/json");
	if (typeof body === "string") return { headers, body };
	if (/^\s*application\/x-www-form-urlencoded/i.test(headers.get("content-type") ?? "")) {
		// Sound enough: URLSearchParams stringifies each value, as better-fetch relies on too.
		return { headers, body: new URLSearchParams(body as Record<string, string>).toString() };
	}
	return { headers, body: JSON.stringify(body) };
}
