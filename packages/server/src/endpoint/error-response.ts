import { isAPIError } from "@latchkey/core";
import { isServiceUnavailable } from "../storage/unavailable.ts";
import { REASON_PHRASES } from "./reason-phrases.ts";
import type { ResponseState } from "./response-state.ts";

/**
 * The standard reason phrase for a status (`401` → `Unauthorized`). Set explicitly because a
 * `Response` built in process has an empty `statusText`, and the Better Auth client copies
 * it into `error.statusText` (spec/core.md §1.4).
 */
export function reasonPhrase(status: number): string {
	return REASON_PHRASES[status] ?? "";
}

/**
 * Turns a thrown value into the wire error: an `APIError` becomes its status with JSON
 * `{ code, message }` (or an empty body); anything else is logged by name only and answered
 * 500 with an empty body: no stack, SQL or secret leaves the server (SECURITY.md rule 13).
 */
export function errorResponse(error: unknown, state: ResponseState | null): Response {
	const headers = new Headers({ "content-type": "application/json" });
	state?.applyTo(headers);
	if (isAPIError(error)) {
		for (const [key, value] of error.headers) headers.set(key, value);
		return new Response(error.body ? JSON.stringify(error.body) : null, { status: error.statusCode, statusText: reasonPhrase(error.statusCode), headers });
	}
	if (isServiceUnavailable(error)) return serviceUnavailable(headers);
	const name = error instanceof Error ? error.name : typeof error;
	const code = typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : "";
	console.error(`[latchkey] unexpected ${name}${code ? ` (${code})` : ""} while handling a request`);
	return new Response(null, { status: 500, statusText: reasonPhrase(500), headers });
}

/** Shared, never mutated: `Response` copies its init headers. */
const JSON_HEADERS = { "content-type": "application/json" };

/** A JSON success response with the accumulated headers and cookies. */
export function jsonResponse(data: unknown, state: ResponseState): Response {
	const headers = state.toHeaders(JSON_HEADERS);
	// `undefined` is sent as JSON null, never as an empty body (spec/core.md §1.3).
	return new Response(JSON.stringify(data ?? null), { status: state.status, statusText: reasonPhrase(state.status), headers });
}

let lastOutageLogMs = 0;

/**
 * PostgreSQL or Redis is unreachable: 503 `{ code: "SERVICE_UNAVAILABLE", message }` with
 * `Retry-After`, nothing about which one or why (SECURITY.md rule 13). The log line says
 * only that, at most every 5 s, so an outage under load does not flood the log.
 */
function serviceUnavailable(headers: Headers): Response {
	const nowMs = Date.now();
	if (nowMs - lastOutageLogMs > 5000) {
		lastOutageLogMs = nowMs;
		console.error("[latchkey] a database or cache is unreachable: answering 503");
	}
	headers.set("retry-after", "1");
	const body = { code: "SERVICE_UNAVAILABLE", message: "The service is temporarily unavailable. Please try again." };
	return new Response(JSON.stringify(body), { status: 503, statusText: reasonPhrase(503), headers });
}
