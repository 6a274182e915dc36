/** The default mount point of the auth handler. */
export const DEFAULT_BASE_PATH = "/api/auth";

const ENV_KEYS = [
	"BETTER_AUTH_URL",
	"NEXT_PUBLIC_BETTER_AUTH_URL",
	"PUBLIC_BETTER_AUTH_URL",
	"NUXT_PUBLIC_BETTER_AUTH_URL",
	"NUXT_PUBLIC_AUTH_URL",
	"BASE_URL",
] as const;

function trimSlashes(value: string): string {
	return value.replace(/\/+$/, "");
}

/**
 * Appends `basePath` (default `/api/auth`) to a URL that has no path; a URL with a path is
 * used as is. Throws for a URL that is not `http:` or `https:`.
 */
export function withBasePath(url: string, basePath: string = DEFAULT_BASE_PATH): string {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new TypeError(`Invalid base URL: ${url}`);
	}
	if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new TypeError(`Invalid base URL: ${url} (must be http or https)`);
	if (trimSlashes(parsed.pathname) !== "") return url;
	const path = basePath.startsWith("/") ? basePath : `/${basePath}`;
	return path === "/" ? trimSlashes(url) : `${trimSlashes(url)}${path}`;
}

function readEnv(): string | undefined {
	// `process` is absent in browsers; reading it lazily keeps the module SSR- and browser-safe.
	if (typeof process === "undefined" || !process.env) return undefined;
	for (const key of ENV_KEYS) {
		const value = process.env[key];
		if (value && !(key === "BASE_URL" && value === "/")) return value;
	}
	return undefined;
}

/**
 * Resolves the client's base URL (spec/core.md §2.1): the given `baseURL` → the env vars
 * Better Auth reads (`BETTER_AUTH_URL` …) → `window.location.origin` → a relative `/api/auth`.
 *
 * @example
 * resolveBaseURL("http://localhost:3000"); // "http://localhost:3000/api/auth"
 * resolveBaseURL("http://localhost:3000/auth"); // "http://localhost:3000/auth"
 */
export function resolveBaseURL(baseURL?: string, basePath?: string): string {
	if (baseURL) return withBasePath(baseURL, basePath);
	const fromEnv = readEnv();
	if (fromEnv) return withBasePath(fromEnv, basePath);
	if (typeof window !== "undefined" && window.location?.origin) return withBasePath(window.location.origin, basePath);
	return basePath ?? DEFAULT_BASE_PATH;
}
