import type { Storage } from "../storage/storage.ts";
import type { ModelName } from "../storage/rows.ts";
import { cmp } from "../storage/storage.ts";

/**
 * Error messages that Better Auth sends without a `code` (spec/core.md §1.4 and
 * spec/plugins.md). Wire compatibility keeps them codeless: the client only reads `message`
 * there. Any other error body must be exactly `{ code, message }`.
 */
export const CODELESS_MESSAGES: ReadonlySet<string> = new Set([
	"Too many requests. Please try again later.",
	"No fields to update",
	"Email is the same",
	"Verification email isn't enabled",
	"Invalid callbackURL: expected a string",
	"Invalid redirectURL: expected a string",
	"Invalid errorCallbackURL: expected a string",
	"Invalid newUserCallbackURL: expected a string",
	"invalid permission check. no permission(s) were passed.",
	"user id or role is required",
	"user not found",
	"You are not impersonating anyone",
]);

/**
 * Documented empty-body errors: 404 (unknown path, or a feature that is off) and the admin
 * and social-token routes' 401 (Better Auth answers those with a bare status).
 */
function emptyBodyAllowed(status: number, path: string): boolean {
	if (status === 404) return true;
	return status === 401 && (path.startsWith("/admin/") || ["/get-access-token", "/refresh-token", "/account-info"].includes(path));
}

/**
 * What must never leave the server in an error body: stack frames, source paths, SQL and
 * driver messages, JavaScript runtime errors (SECURITY.md rule 13).
 */
const LEAKS: readonly RegExp[] = [
	/\n\s+at\s/,
	/\bat (?:async )?[\w.$<>]+ \(/,
	/\/work\/|\/home\/|node_modules|\.ts:\d+|file:\/\//,
	/\bSELECT\b.+\bFROM\b|\bINSERT INTO\b|\bUPDATE\b\s+"?\w+"?\s+SET\b|\bDELETE FROM\b/i,
	/SQLITE_|sqlite|postgres|PostgresError|relation "|duplicate key|violates|constraint failed|syntax error at/i,
	/undefined is not|is not a function|Cannot read propert|is not an object|null is not|TypeError|ReferenceError|RangeError|Maximum call stack|drizzle/i,
];

/** Stack frames and paths must not appear even in a success body (which may echo input). */
const LEAKS_IN_SUCCESS: readonly RegExp[] = [/\n\s+at\s/, /\/work\/|node_modules|\.ts:\d+/];

/** A response as the checks see it. */
export interface Observed {
	status: number;
	headers: Headers;
	text: string;
}

/** Problems with one response, as readable strings (empty when every invariant holds). */
export function responseProblems(path: string, res: Observed, trustedOrigin: string): string[] {
	const out: string[] = [];
	if (res.status >= 500) out.push(`status ${res.status}`);
	const ok = res.status < 400;
	for (const pattern of ok ? LEAKS_IN_SUCCESS : LEAKS) if (pattern.test(res.text)) out.push(`body leaks ${pattern}: ${res.text.slice(0, 300)}`);
	// CRLF in a value that ends up in a header must not split it.
	for (const [name, value] of res.headers) {
		if (name === "x-injected" || /pwn=/.test(value)) out.push(`header injection: ${name}: ${value}`);
	}
	const location = res.headers.get("location");
	if (location !== null) {
		try {
			const target = new URL(location, trustedOrigin);
			if (target.origin !== trustedOrigin) out.push(`redirect off-site: ${location}`);
		} catch {
			out.push(`unparsable Location: ${location}`);
		}
	}
	if (!ok) {
		if (res.text === "") {
			if (!emptyBodyAllowed(res.status, path)) out.push(`empty ${res.status} body`);
		} else {
			const type = res.headers.get("content-type") ?? "";
			if (!type.startsWith("application/json")) out.push(`error content-type ${type}`);
			out.push(...envelopeProblems(res.text));
		}
	}
	return out;
}

/** `{ code, message }`, both strings, nothing else (or a documented codeless `{ message }`). */
export function envelopeProblems(text: string): string[] {
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return [`error body is not JSON: ${text.slice(0, 200)}`];
	}
	if (typeof body !== "object" || body === null || Array.isArray(body)) return [`error body is not an object: ${text.slice(0, 200)}`];
	const keys = Object.keys(body).sort().join(",");
	const { code, message } = body as { code?: unknown; message?: unknown }; // Sound: narrowed to a non-null object above.
	if (typeof message !== "string") return [`error message is not a string: ${text.slice(0, 200)}`];
	if (keys === "code,message" && typeof code === "string" && /^[A-Z0-9_]+$/.test(code)) return [];
	if (keys === "message" && CODELESS_MESSAGES.has(message)) return [];
	// The API-key plugin's per-key limit (spec/plugins.md §7.2) adds `details.tryAgainIn`.
	const details = (body as { details?: { tryAgainIn?: unknown } }).details; // Sound: a non-null object, read defensively.
	if (keys === "code,details,message" && code === "RATE_LIMITED" && typeof details?.tryAgainIn === "number" && Object.keys(details).length === 1) return [];
	return [`error body is not exactly { code, message }: ${text.slice(0, 200)}`];
}

/** Every table but the rate-limit counters (refused requests bump those by design). */
const MODELS: readonly ModelName[] = ["user", "session", "account", "verification", "twoFactor", "organization", "member", "invitation", "team", "teamMember", "organizationRole", "apikey", "passkey"];

/**
 * Every row of every table, sorted by id: two equal serialisations mean the request changed
 * nothing (not just "the same number of rows"), and a difference shows which rows moved.
 */
export async function databaseDump(storage: Storage): Promise<Record<string, unknown[]>> {
	const out: Record<string, unknown[]> = {};
	for (const model of MODELS) out[model] = await storage.findMany(model, { id: cmp.ne("") }, { sortBy: { field: "id", direction: "asc" } });
	return out;
}
