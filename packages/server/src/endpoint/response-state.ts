import { serializeCookie } from "../cookies/cookie.ts";
import type { CookieAttributes } from "../cookies/cookie.ts";

/**
 * Headers and cookies accumulated while a request runs. Cookies are keyed by name, so a
 * later write (or deletion) replaces an earlier one in the same response, as Better Auth does;
 * the replacement moves to the end, so headers keep the order of the last writes
 * (spec/core.md §3.4: a deletion is `session_token`, `session_data`, `dont_remember`).
 *
 * Its `Headers` and maps are made on first write: most requests (`/ok`, a plain
 * `get-session`) set no cookie, and one `Headers` object per request is measurable at 100k req/s.
 */
export class ResponseState {
	#headers: Headers | undefined;
	#cookies: Map<string, string> | undefined;
	#cookieValues: Map<string, string> | undefined;
	status = 200;

	/** Extra response headers (made on first access). */
	get headers(): Headers {
		this.#headers ??= new Headers();
		return this.#headers;
	}

	setCookie(name: string, value: string, attributes: CookieAttributes): void {
		this.#cookies ??= new Map();
		this.#cookies.delete(name);
		this.#cookies.set(name, serializeCookie(name, value, attributes));
		this.#cookieValues ??= new Map();
		this.#cookieValues.set(name, value);
	}

	deleteCookie(name: string, attributes: CookieAttributes): void {
		this.#cookies ??= new Map();
		this.#cookies.delete(name);
		this.#cookies.set(name, serializeCookie(name, "", { ...attributes, maxAge: 0 }));
		this.#cookieValues?.delete(name);
	}

	/** The value (before serialisation) of a cookie set in this response, or `undefined`. */
	cookieValue(name: string): string | undefined {
		return this.#cookieValues?.get(name);
	}

	/**
	 * Response headers: `base` plus what was set here (which wins), cookies last. Returns `base`
	 * itself when nothing was set, and otherwise reuses this state's own `Headers`: call it once,
	 * when the response is built.
	 */
	toHeaders(base: Record<string, string>): HeadersInit {
		if (this.#headers === undefined && this.#cookies === undefined) return base;
		const target = this.headers;
		for (const key in base) if (!target.has(key)) target.set(key, base[key] as string);
		if (this.#cookies) for (const cookie of this.#cookies.values()) target.append("set-cookie", cookie);
		return target;
	}

	/** Copies the headers and cookies onto `target`. */
	applyTo(target: Headers): void {
		if (this.#headers) for (const [key, value] of this.#headers) target.set(key, value);
		if (this.#cookies) for (const cookie of this.#cookies.values()) target.append("set-cookie", cookie);
	}
}
