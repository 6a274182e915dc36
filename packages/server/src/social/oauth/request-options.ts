import type * as oauth from "oauth4webapi";
import { boundedFetch } from "./bounded-fetch.ts";
import { oauthLib } from "./oauth-lib.ts";

/** Time allowed for one request to a provider, reading its answer included. */
export const PROVIDER_TIMEOUT_MS = 10_000;

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

/** oauth4webapi's `customFetch` shape, for every request method and body it sends. */
type ProviderFetch = (url: string, options: oauth.CustomFetchOptions<string, unknown>) => Promise<Response>;

/**
 * {@link boundedFetch} in oauth4webapi's `customFetch` shape. The cast is sound: the bodies
 * oauth4webapi sends (URLSearchParams, string, Uint8Array, ReadableStream with `duplex`) are
 * all fetch bodies; its `Uint8Array<ArrayBufferLike>` is only wider than `BodyInit` in TS's types.
 */
const providerFetch: ProviderFetch = (url, options) => boundedFetch(url, options as RequestInit);

/** What {@link requestOptions} returns: oauth4webapi's transport options. */
export interface ProviderRequestOptions {
	signal: AbortSignal;
	[oauth.customFetch]: ProviderFetch;
	[oauth.allowInsecureRequests]?: boolean;
}

/**
 * Request options for oauth4webapi: a timeout, a size bound on the answer ({@link boundedFetch}),
 * and `allowInsecureRequests` for loopback http only. Every token, UserInfo, discovery and
 * resource request to a provider goes through these.
 */
export function requestOptions(url: string | URL | undefined): ProviderRequestOptions {
	const lib = oauthLib();
	// A provider's answer is read into memory: bounded in time (the signal) and in size.
	const options: ProviderRequestOptions = { signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS), [lib.customFetch]: providerFetch };
	if (url !== undefined && isLoopbackHttp(url)) options[lib.allowInsecureRequests] = true;
	return options;
}
