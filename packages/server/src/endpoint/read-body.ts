import { APIError, BASE_ERROR_CODES } from "@latchkey/core";
import type { MediaType } from "@latchkey/core";
import { readAtMost } from "../io/read-at-most.ts";

const CONTENT_TYPES: Record<MediaType, string> = { json: "application/json", form: "application/x-www-form-urlencoded" };

/** Reads at most `limit` bytes of the body; a larger body is refused with 413 before it is buffered. */
async function readLimited(request: Request, limit: number): Promise<string> {
	const declared = Number(request.headers.get("content-length") ?? "NaN");
	if (declared > limit) throw APIError.from("PAYLOAD_TOO_LARGE", BASE_ERROR_CODES.PAYLOAD_TOO_LARGE);
	if (!request.body) return "";
	const bytes = await readAtMost(request.body, limit, () => APIError.from("PAYLOAD_TOO_LARGE", BASE_ERROR_CODES.PAYLOAD_TOO_LARGE));
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}

/** JSON keys that could reach an object's prototype chain if copied naively. */
const POLLUTING_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function parseJson(text: string): unknown {
	try {
		return /__proto__|constructor|prototype/.test(text)
			? JSON.parse(text, (key, value) => (POLLUTING_KEYS.has(key) ? undefined : value))
			: JSON.parse(text);
	} catch {
		throw APIError.from("BAD_REQUEST", { code: "BAD_REQUEST", message: "Invalid JSON in request body" });
	}
}

/**
 * Parses a request body by its media type (spec/core.md §1.2): JSON always, form-encoded only
 * where the route allows it; an empty body is `undefined`; anything else is 415.
 */
export async function readBody(request: Request, accepted: readonly MediaType[], limit: number): Promise<unknown> {
	const text = await readLimited(request, limit);
	if (text.length === 0) return undefined;
	const allowed = accepted.map((m) => CONTENT_TYPES[m]).join(", ");
	const header = request.headers.get("content-type");
	if (!header) {
		throw APIError.from("UNSUPPORTED_MEDIA_TYPE", { code: "UNSUPPORTED_MEDIA_TYPE", message: `Content-Type is required. Allowed types: ${allowed}` });
	}
	const mediaType = (header.split(";")[0] ?? "").trim().toLowerCase();
	if (mediaType === CONTENT_TYPES.json && accepted.includes("json")) return parseJson(text);
	if (mediaType === CONTENT_TYPES.form && accepted.includes("form")) {
		const out: Record<string, string> = {};
		for (const [key, value] of new URLSearchParams(text)) if (!POLLUTING_KEYS.has(key)) out[key] = value;
		return out;
	}
	// The header is not echoed: only its parsed media type, bounded, to keep the message honest.
	throw APIError.from("UNSUPPORTED_MEDIA_TYPE", {
		code: "UNSUPPORTED_MEDIA_TYPE",
		message: `Content-Type "${mediaType.slice(0, 100).replace(/[^\w.+/-]/g, "")}" is not allowed. Allowed types: ${allowed}`,
	});
}

/** Query parameters as strings, repeated keys as arrays (spec/core.md §1.1). */
export function parseQuery(search: URLSearchParams): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [key, value] of search) {
		if (POLLUTING_KEYS.has(key)) continue;
		const existing = out[key];
		if (existing === undefined) out[key] = value;
		else if (Array.isArray(existing)) existing.push(value);
		else out[key] = [existing, value];
	}
	return out;
}
