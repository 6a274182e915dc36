import { readAtMost } from "../../io/read-at-most.ts";

/**
 * The most bytes read from one provider response: 1 MiB. The largest documents a provider
 * legitimately sends (discovery metadata, a JWKS, a token response with its ID token, a
 * UserInfo or profile answer) are a few kilobytes, so this leaves ample room while a hostile
 * or broken provider (or a user-configured OIDC issuer) cannot stream unbounded data into
 * memory (SECURITY.md rule 17 "Bound every input"; CWE-770,
 * https://cwe.mitre.org/data/definitions/770.html).
 */
export const MAX_PROVIDER_RESPONSE_BYTES = 1024 * 1024;

/** Statuses whose `Response` must have a null body (Fetch standard "null body status"). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** A provider answered more than the allowed number of bytes; the request counts as failed. */
export class ProviderResponseTooLargeError extends Error {
	override readonly name = "ProviderResponseTooLargeError";
	/** The limit that was passed. */
	readonly maxBytes: number;
	constructor(maxBytes: number) {
		super(`latchkey: provider response exceeds ${maxBytes} bytes`);
		this.maxBytes = maxBytes;
	}
}

/** The declared `Content-Length`, or `null` when absent or not a plain decimal number. */
function declaredLength(headers: Headers): number | null {
	const value = headers.get("content-length");
	return value !== null && /^\d{1,16}$/.test(value) ? Number(value) : null;
}

/**
 * `fetch` for requests to OAuth / OpenID Connect providers: never follows redirects, and
 * reads at most `maxBytes` of the answer (default {@link MAX_PROVIDER_RESPONSE_BYTES}).
 * A `Content-Length` above the limit is refused before the body is read; otherwise the body
 * is read and counted, and the returned `Response` (same status and headers) carries it.
 * Past the limit the body is cancelled and the promise rejects with
 * {@link ProviderResponseTooLargeError}, which callers treat like any provider failure.
 * The caller's `signal` (the provider timeout) covers reading the body too.
 *
 * @example
 * const response = await boundedFetch(discoveryUrl, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(10_000) });
 */
export async function boundedFetch(input: string | URL | Request, init?: RequestInit, maxBytes: number = MAX_PROVIDER_RESPONSE_BYTES): Promise<Response> {
	// Redirects are never followed: a provider could bounce a request carrying a code or a
	// client secret to another host or an internal address (SSRF; OWASP SSRF Prevention Cheat
	// Sheet, https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html).
	const response = await fetch(input, { ...init, redirect: "manual" });
	if (!response.body) return response;
	const length = declaredLength(response.headers);
	// An honest oversized answer is refused before reading a byte of it.
	if (length !== null && length > maxBytes) {
		const error = new ProviderResponseTooLargeError(maxBytes);
		await response.body.cancel(error).catch(() => undefined);
		throw error;
	}
	// Counted after decoding, so neither a missing or false Content-Length nor a compressed
	// bomb gets past; cancelling closes the connection instead of draining it.
	const bytes = await readAtMost(response.body, maxBytes, () => new ProviderResponseTooLargeError(maxBytes));
	const { status, statusText, headers } = response;
	return new Response(NULL_BODY_STATUSES.has(status) ? null : bytes, { status, statusText, headers });
}
