/** Attributes of a `Set-Cookie` header. */
export interface CookieAttributes {
	maxAge?: number;
	domain?: string;
	path?: string;
	expires?: Date;
	httpOnly?: boolean;
	secure?: boolean;
	sameSite?: "Lax" | "Strict" | "None";
	partitioned?: boolean;
}

/** The longest Max-Age browsers honour (RFC 6265bis §5.6.2: 400 days). */
const MAX_AGE_LIMIT = 400 * 24 * 60 * 60;

/**
 * Serialises one cookie in Better Auth's attribute order (spec/core.md §3.2):
 * `name=value; Max-Age; Domain; Path; Expires; HttpOnly; Secure; SameSite; Partitioned`.
 * The value is `encodeURIComponent`-encoded.
 */
export function serializeCookie(name: string, value: string, attributes: CookieAttributes = {}): string {
	let out = `${name}=${encodeURIComponent(value)}`;
	if (attributes.maxAge !== undefined) {
		if (attributes.maxAge > MAX_AGE_LIMIT) throw new Error("cookie Max-Age above 400 days");
		out += `; Max-Age=${Math.floor(attributes.maxAge)}`;
	}
	if (attributes.domain) out += `; Domain=${attributes.domain}`;
	out += `; Path=${attributes.path ?? "/"}`;
	if (attributes.expires) out += `; Expires=${attributes.expires.toUTCString()}`;
	if (attributes.httpOnly) out += "; HttpOnly";
	// SameSite=None and Partitioned are only honoured on Secure cookies.
	if (attributes.secure || attributes.sameSite === "None" || attributes.partitioned) out += "; Secure";
	if (attributes.sameSite) out += `; SameSite=${attributes.sameSite}`;
	if (attributes.partitioned) out += "; Partitioned";
	return out;
}

/**
 * Reads one cookie from a `Cookie` header, percent-decoded; `null` when absent.
 * Scans the header instead of building a map: the hot path reads one or two names.
 */
export function readCookie(header: string | null, name: string): string | null {
	if (!header) return null;
	let start = 0;
	while (start < header.length) {
		let end = header.indexOf(";", start);
		if (end === -1) end = header.length;
		const eq = header.indexOf("=", start);
		if (eq !== -1 && eq < end && header.slice(start, eq).trim() === name) {
			const raw = header.slice(eq + 1, end).trim();
			// The hot cookies need no full decode: the cookie cache is base64url (no escapes) and a
			// signed token escapes only its signature's trailing `=`.
			const escape = raw.indexOf("%");
			if (escape === -1) return raw;
			if (escape === raw.length - 3 && raw.endsWith("%3D")) return `${raw.slice(0, -3)}=`;
			try {
				return decodeURIComponent(raw);
			} catch {
				return null; // malformed percent-encoding: treat as absent
			}
		}
		start = end + 1;
	}
	return null;
}
