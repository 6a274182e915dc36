import * as fc from "fast-check";

/**
 * Strings an attacker sends to every field: unicode edge cases, header-splitting CRLF,
 * SQL / NoSQL / template injection, redirect tricks, path traversal and size extremes.
 * Each one has caught a real bug somewhere (lone surrogates break UTF-8 encoders, NUL breaks
 * PostgreSQL text, CRLF splits headers, `%`/`_` widen LIKE searches).
 */
export const HOSTILE_STRINGS: readonly string[] = [
	"",
	" ",
	"\t\n",
	"\u0000",
	"a\u0000b",
	"\uD800",
	"\uDFFF",
	"a\uDC00\uD800b",
	"\u202Eevil\u202C",
	"\u200B\u200C\u200D\uFEFF",
	"e\u0301\u0301\u0301",
	"\u{1F600}\u{1F468}\u200D\u{1F469}",
	"ﬁ\u2126\u212B",
	"\r\nX-Injected: 1",
	"a\rb\nc",
	"%0d%0aSet-Cookie:%20pwn=1",
	"' OR '1'='1",
	"'; DROP TABLE \"user\"; --",
	"1) OR 1=1 --",
	"\" OR \"\"=\"",
	"%",
	"_",
	"%_%",
	"\\",
	"\\'",
	'{"$gt":""}',
	"$where",
	"{$ne: null}",
	"${7*7}",
	"{{7*7}}",
	"<script>alert(1)</script>",
	"../../../../etc/passwd",
	"..%2F..%2Fetc%2Fpasswd",
	"null",
	"undefined",
	"NaN",
	"true",
	"-1",
	"0",
	"1e309",
	"9007199254740993",
	"__proto__",
	"constructor",
	"prototype",
	"//evil.com",
	"https:evil.com",
	"/\\evil.com",
	"%2F%2Fevil.com",
	"javascript:alert(1)",
	"data:text/html,<script>alert(1)</script>",
	"https://localhost:3000@evil.com",
	"http://localhost:3000.evil.com/",
	"user@example.com",
	"USER@EXAMPLE.COM",
	"a@b",
	"a@b.c",
	"@",
	"x".repeat(255) + "@example.com",
	"A".repeat(10_000),
	"\u00e9".repeat(5_000),
];

/** A hostile string, a random one, a big one, or a plausible value. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
	{ weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
	{ weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
	{ weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
	{ weight: 1, arbitrary: fc.integer({ min: 1_000, max: 200_000 }).map((n) => "z".repeat(n)) },
	{ weight: 2, arbitrary: fc.constantFrom("password1234", "Test User", "user@example.com", "member", "admin", "owner", "/dashboard", "http://localhost:3000/ok") },
);

/** Numbers at the edges of what JSON, JavaScript and SQL integers hold. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
	fc.constantFrom(0, -0, -1, 1, 0.5, -1e308, 1e308, 2 ** 31, 2 ** 31 - 1, -(2 ** 31), 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE),
	fc.integer(),
	fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Keys that reach an object's prototype when copied naively. */
export const POLLUTING_KEYS = ["__proto__", "constructor", "prototype"] as const;

/**
 * An object holding `key` as an OWN property, even for `__proto__` (a literal would set the
 * prototype instead); `JSON.stringify` then writes the key into the body as an attacker would.
 */
export function ownKeyObject(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
	return out;
}

/** A prototype-pollution payload: `{"__proto__": {"isAdmin": true, "role": "admin"}}` and friends. */
export const pollutionObject: fc.Arbitrary<Record<string, unknown>> = fc
	.constantFrom(...POLLUTING_KEYS)
	.map((key) => ownKeyObject([[key, key === "constructor" ? { prototype: { role: "admin", isAdmin: true } } : { role: "admin", isAdmin: true, emailVerified: true }]]));

/** NoSQL-style operator objects where a string is expected. */
export const operatorObject: fc.Arbitrary<Record<string, unknown>> = fc.constantFrom<Record<string, unknown>>(
	{ $gt: "" },
	{ $ne: null },
	{ $regex: ".*" },
	{ $where: "1==1" },
	{ in: ["a", "b"] },
	{ operator: "ne", value: "" },
);

/** `[[[[…]]]]` or `{"a":{"a":…}}` nested `depth` deep, as a ready-made value. */
export function deeplyNested(depth: number, kind: "array" | "object"): unknown {
	let value: unknown = "x";
	for (let i = 0; i < depth; i++) value = kind === "array" ? [value] : { a: value };
	return value;
}

/** Any JSON value an attacker might put where the schema expects something else. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 5, arbitrary: hostileString },
	{ weight: 2, arbitrary: hostileNumber },
	{ weight: 1, arbitrary: fc.boolean() },
	{ weight: 1, arbitrary: fc.constant(null) },
	{ weight: 1, arbitrary: fc.array(hostileString, { maxLength: 5 }) },
	{ weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => i)) },
	{ weight: 1, arbitrary: fc.constantFrom(50, 1_000, 5_000).chain((depth) => fc.constantFrom(deeplyNested(depth, "array"), deeplyNested(depth, "object"))) },
	{ weight: 2, arbitrary: pollutionObject },
	{ weight: 2, arbitrary: operatorObject },
	{ weight: 1, arbitrary: fc.dictionary(hostileString.filter((k) => k.length < 200), hostileString, { maxKeys: 4 }) },
);
