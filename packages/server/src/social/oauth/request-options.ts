import type * as oauth from "oauth4webapi";
import { oauthLib } from "./oauth-lib.ts";

/** Time allowed for one request to a provider. */
const PROVIDER_TIMEOUT_MS = 10_000;

/** True for `http://127.0.0.1`, `http://[::1]` and `http://localhost` URLs (development and tests). */
export function isLoopbackHttp(url: string | URL): boolean {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return false;
	}
	return parsed.protocol === "http:" && (parsed.hostname === "127.0.0.1" || parsed.hostname === "[::1]" || parsed.hostname === "localhost");
}

/**
 * Throws unless `url` is https, or plain http on loopback. Provider endpoints carry codes,
 * secrets and tokens: plain http anywhere else would expose them (RFC 9700 §2.6).
 */
export function assertProviderURL(url: string, what: string): void {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new Error(`latchkey: ${what} is not a valid URL`);
	}
	if (parsed.protocol !== "https:" && !isLoopbackHttp(parsed)) throw new Error(`latchkey: ${what} must use https (http only on loopback)`);
}

/** Request options for oauth4webapi: a timeout, and `allowInsecureRequests` for loopback http only. */
export function requestOptions(url: string | URL | undefined): { signal: AbortSignal; [oauth.allowInsecureRequests]?: boolean } {
	const signal = AbortSignal.timeout(PROVIDER_TIMEOUT_MS);
	return url !== undefined && isLoopbackHttp(url) ? { signal, [oauthLib().allowInsecureRequests]: true } : { signal };
}
