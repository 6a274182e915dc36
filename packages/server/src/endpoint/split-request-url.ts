/** Plain path characters: no dot segment, escape, backslash or fragment for `URL` to normalise. */
const PLAIN_PATH = /^[\w/-]*$/;

/**
 * The path and query (`?…`, or `""`) of a request URL. Most request lines are plain paths,
 * which are split off the string directly; anything else (dot segments, percent escapes,
 * backslashes, a fragment) goes through the WHATWG `URL` parser, so routing sees the same
 * normalised path either way.
 */
export function splitRequestUrl(raw: string): { pathname: string; search: string } {
	const schemeEnd = raw.indexOf("://");
	const pathStart = schemeEnd === -1 ? -1 : raw.indexOf("/", schemeEnd + 3);
	if (pathStart !== -1) {
		const queryStart = raw.indexOf("?", pathStart);
		const pathname = queryStart === -1 ? raw.slice(pathStart) : raw.slice(pathStart, queryStart);
		const search = queryStart === -1 ? "" : raw.slice(queryStart);
		if (PLAIN_PATH.test(pathname) && !search.includes("#")) return { pathname, search: search === "?" ? "" : search };
	}
	const url = new URL(raw);
	return { pathname: url.pathname, search: url.search };
}
