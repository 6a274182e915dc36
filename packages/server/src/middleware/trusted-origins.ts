/**
 * Trusted-origin matching and the one redirect validator every redirect target goes through
 * (SECURITY.md rule 3).
 */

function globToRegExp(pattern: string): RegExp {
	const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]");
	return new RegExp(`^${escaped}$`, "i");
}

/** True when `origin` (scheme://host[:port]) matches one trusted pattern. */
export function matchesTrustedOrigin(origin: string, trusted: readonly string[]): boolean {
	for (const pattern of trusted) {
		if (pattern.includes("*") || pattern.includes("?")) {
			if (pattern.includes("://")) {
				if (globToRegExp(pattern).test(origin)) return true;
			} else {
				// A host-only pattern such as `*.example.com` matches the origin's host.
				const host = safeURL(origin)?.host;
				if (host && globToRegExp(pattern).test(host)) return true;
			}
			continue;
		}
		const parsed = safeURL(pattern);
		if (parsed && parsed.origin !== "null" && parsed.origin === origin) return true;
		if (parsed && parsed.origin === "null" && matchesCustomScheme(origin, pattern)) return true;
	}
	return false;
}

interface CustomSchemeURL {
	scheme: string;
	authority: string;
	path: string;
}

/**
 * Splits `myapp://authority/path` with string operations (WHATWG URL parsing of non-special
 * schemes differs between runtimes); the path is percent-decoded and `.`/`..` resolved, so
 * `myapp://host/cb/../evil` cannot pass for a pattern pinned to `myapp://host/cb`.
 */
function parseCustomScheme(value: string): CustomSchemeURL | null {
	if (CONTROL_CHARACTERS.test(value)) return null;
	const schemeEnd = value.indexOf(":");
	if (schemeEnd <= 0) return null;
	let rest = value.slice(schemeEnd + 1);
	let authority = "";
	if (rest.startsWith("//")) {
		rest = rest.slice(2);
		const end = rest.search(/[/?#]/);
		authority = end === -1 ? rest : rest.slice(0, end);
		rest = end === -1 ? "" : rest.slice(end);
	}
	const pathEnd = rest.search(/[?#]/);
	let path = pathEnd === -1 ? rest : rest.slice(0, pathEnd);
	try {
		path = decodeURIComponent(path);
	} catch {
		// keep the raw path: it can only fail to match
	}
	const segments: string[] = [];
	for (const segment of path.split(/[/\\]/)) {
		if (segment === "..") segments.pop();
		else if (segment !== "." && segment !== "") segments.push(segment);
	}
	return {
		scheme: value.slice(0, schemeEnd).toLowerCase(),
		authority: authority.toLowerCase(),
		path: segments.length > 0 ? `/${segments.join("/")}` : "",
	};
}

/** Same scheme, same authority when the pattern names one, and the pattern's path as a prefix. */
function matchesCustomScheme(target: string, pattern: string): boolean {
	const url = parseCustomScheme(target);
	const allowed = parseCustomScheme(pattern);
	if (!url || !allowed || url.scheme !== allowed.scheme) return false;
	if (allowed.authority && url.authority !== allowed.authority) return false;
	if (!allowed.path) return true;
	return url.path === allowed.path || url.path.startsWith(`${allowed.path}/`);
}

function safeURL(value: string, base?: string): URL | null {
	try {
		return new URL(value, base);
	} catch {
		return null;
	}
}

// Control characters (C0, DEL and C1), backslashes and encoded separators let browsers and
// servers disagree about where a "relative" path points (`/\evil.com`, `/%2F%2Fevil.com`).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
/** Encoded separators or control characters: refused in the path part only (a query may carry `%2F`). */
const UNSAFE_ENCODED_IN_PATH = /%2f|%5c|%0[0-9a-f]|%1[0-9a-f]|%7f/i;

/**
 * True when `target` is a safe redirect: a relative path with exactly one leading `/` and no
 * tricks, or an absolute http(s) URL on a trusted origin. `//evil.com`, `https:evil.com`,
 * `/\evil.com`, `javascript:…` and percent-encoded variants are refused.
 */
export function isSafeRedirect(target: string, trusted: readonly string[]): boolean {
	if (target.length === 0) return false;
	if (target.startsWith("/")) {
		if (target.startsWith("//") || target.includes("\\") || CONTROL_CHARACTERS.test(target)) return false;
		const pathEnd = target.search(/[?#]/);
		if (UNSAFE_ENCODED_IN_PATH.test(pathEnd === -1 ? target : target.slice(0, pathEnd))) return false;
		const resolved = safeURL(target, "http://relative.invalid");
		return resolved !== null && resolved.origin === "http://relative.invalid";
	}
	if (/[\u0000-\u0020\u007f-\u009f\\]/.test(target)) return false;
	const url = safeURL(target);
	if (!url) return false;
	if (url.protocol === "http:" || url.protocol === "https:") {
		// `https:evil.com` parses as https://evil.com: it is compared by origin like any other.
		return matchesTrustedOrigin(url.origin, trusted);
	}
	if (url.protocol === "javascript:" || url.protocol === "data:" || url.protocol === "vbscript:" || url.protocol === "file:") return false;
	// Custom app schemes (myapp://callback) only when listed.
	return trusted.some((pattern) => !pattern.includes("*") && !pattern.includes("?") && safeURL(pattern)?.origin === "null" && matchesCustomScheme(target, pattern));
}
