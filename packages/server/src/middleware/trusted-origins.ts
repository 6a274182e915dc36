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
		if (parsed && parsed.origin === "null" && origin.startsWith(pattern)) return true; // custom schemes (myapp://)
	}
	return false;
}

function safeURL(value: string, base?: string): URL | null {
	try {
		return new URL(value, base);
	} catch {
		return null;
	}
}

// Control characters, backslashes and encoded separators let browsers and servers disagree
// about where a "relative" path points (`/\evil.com`, `/%2F%2Fevil.com`).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE_RELATIVE = /[\u0000-\u001f\u007f\\]|%2f|%5c|%0[0-9a-f]|%1[0-9a-f]/i;

/**
 * True when `target` is a safe redirect: a relative path with exactly one leading `/` and no
 * tricks, or an absolute http(s) URL on a trusted origin. `//evil.com`, `https:evil.com`,
 * `/\evil.com`, `javascript:…` and percent-encoded variants are refused.
 */
export function isSafeRedirect(target: string, trusted: readonly string[]): boolean {
	if (target.length === 0) return false;
	if (target.startsWith("/")) {
		if (target.startsWith("//") || UNSAFE_RELATIVE.test(target)) return false;
		const resolved = safeURL(target, "http://relative.invalid");
		return resolved !== null && resolved.origin === "http://relative.invalid";
	}
	if (/[\u0000-\u0020\u007f\\]/.test(target)) return false;
	const url = safeURL(target);
	if (!url) return false;
	if (url.protocol === "http:" || url.protocol === "https:") {
		// `https:evil.com` parses as https://evil.com: it is compared by origin like any other.
		return matchesTrustedOrigin(url.origin, trusted);
	}
	if (url.protocol === "javascript:" || url.protocol === "data:" || url.protocol === "vbscript:" || url.protocol === "file:") return false;
	// Custom app schemes (myapp://callback) only when listed.
	return trusted.some((pattern) => !pattern.startsWith("http") && target.startsWith(pattern));
}
