import { serializeCookie } from "../cookies/cookie.ts";
import type { CookieAttributes } from "../cookies/cookie.ts";

/**
 * Headers and cookies accumulated while a request runs. Cookies are keyed by name, so a
 * later write (or deletion) replaces an earlier one in the same response, as Better Auth does;
 * the replacement moves to the end, so headers keep the order of the last writes
 * (spec/core.md §3.4: a deletion is `session_token`, `session_data`, `dont_remember`).
 */
export class ResponseState {
	readonly headers = new Headers();
	readonly cookies = new Map<string, string>();
	/** Values of cookies set in this response, before serialisation. */
	readonly cookieValues = new Map<string, string>();
	status = 200;

	setCookie(name: string, value: string, attributes: CookieAttributes): void {
		this.cookies.delete(name);
		this.cookies.set(name, serializeCookie(name, value, attributes));
		this.cookieValues.set(name, value);
	}

	deleteCookie(name: string, attributes: CookieAttributes): void {
		this.cookies.delete(name);
		this.cookies.set(name, serializeCookie(name, "", { ...attributes, maxAge: 0 }));
		this.cookieValues.delete(name);
	}

	/** Copies the headers and cookies onto `target`. */
	applyTo(target: Headers): void {
		for (const [key, value] of this.headers) target.set(key, value);
		for (const cookie of this.cookies.values()) target.append("set-cookie", cookie);
	}
}
