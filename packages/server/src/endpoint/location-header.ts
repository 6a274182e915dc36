/**
 * A redirect target as a `Location` header value. Header values are bytes (RFC 9110 §5.5)
 * and `Headers` throws on anything outside Latin-1, so a `callbackURL` such as `/ünïcode`
 * (which passed the redirect validator) used to turn the redirect into a 500 (issue 12).
 * Every character outside printable ASCII is percent-encoded as UTF-8, as a browser does
 * when it follows the link (WHATWG URL); lone surrogates become U+FFFD first. The target is
 * otherwise kept as given: relative stays relative (spec/core.md §6.2).
 *
 * @example
 * locationHeader("/welcome/é") // "/welcome/%C3%A9"
 */
export function locationHeader(target: string): string {
	let out = "";
	for (const char of target.replace(LONE_SURROGATE, "\uFFFD")) out += /^[\x21-\x7e]$/.test(char) ? char : encodeURIComponent(char);
	return out;
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
