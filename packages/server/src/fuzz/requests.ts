import * as fc from "fast-check";
import { hostileNumber, hostileString, hostileValue, ownKeyObject, pollutionObject, POLLUTING_KEYS } from "./hostile-values.ts";

/** A JSON Schema as found in the OpenAPI document. */
export type Schema = Record<string, unknown>;

/** One operation of the OpenAPI document, as the fuzzer needs it. */
export interface FuzzOperation {
	method: string;
	/** OpenAPI path, `{param}` templated. */
	path: string;
	pathParams: string[];
	query: { name: string; schema: Schema }[];
	/** Request body schema (JSON), or null when the route takes none. */
	body: Schema | null;
	acceptsForm: boolean;
	/** Documented as needing a session. */
	secured: boolean;
}

/** Who sends the request. */
export type Credential = "anonymous" | "cookie" | "bearer" | "admin-cookie" | "forged-cookie" | "forged-bearer";

/** A generated request, before the credential is filled in. */
export interface FuzzRequest {
	method: string;
	/** Path under the base path, with encoded parameters and query. */
	url: string;
	headers: Record<string, string>;
	body: string | null;
	credential: Credential;
	/** What the body is, for the failure report. */
	bodyKind: string;
}

/*
 * Sound (`as Schema` below): the OpenAPI document is JSON we built from zod; a node that is
 * not an object makes the generator fall back to `hostileValue`, never to a crash.
 */
const isObject = (value: unknown): value is Schema => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * What the generators know about the instance: how to resolve `$ref`s, and plausible values
 * by field name (real ids, the live user's email and password), so that requests get past
 * validation and lookups into the handlers' deeper paths.
 */
export interface GenContext {
	resolve: (schema: Schema) => Schema;
	hint: (field: string) => fc.Arbitrary<unknown> | null;
}

/** The `$ref`s of the document resolved once (only `#/components/schemas/*` are used). */
export function resolver(doc: Schema): (schema: Schema) => Schema {
	const components = ((doc.components as Schema | undefined)?.schemas as Schema | undefined) ?? {};
	return (schema) => {
		const ref = schema.$ref;
		if (typeof ref !== "string") return schema;
		const target = components[ref.replace("#/components/schemas/", "")];
		return isObject(target) ? target : {};
	};
}

/**
 * A value for `schema`: most of the time of the right type (but hostile content), sometimes
 * of the wrong type, so validation and the handlers behind it both get exercised.
 */
export function valueFor(schema: unknown, g: GenContext, depth = 0): fc.Arbitrary<unknown> {
	if (!isObject(schema) || depth > 4) return hostileValue;
	const s = g.resolve(schema);
	const variants = [...(Array.isArray(s.anyOf) ? s.anyOf : []), ...(Array.isArray(s.oneOf) ? s.oneOf : [])];
	if (variants.length > 0) return fc.oneof(...variants.map((v) => valueFor(v, g, depth + 1)), hostileValue);
	const right = typedValue(s, g, depth);
	return fc.oneof({ weight: 4, arbitrary: right }, { weight: 1, arbitrary: hostileValue });
}

function typedValue(s: Schema, g: GenContext, depth: number): fc.Arbitrary<unknown> {
	if (Array.isArray(s.enum) && s.enum.length > 0) return fc.oneof(fc.constantFrom(...s.enum), hostileString);
	if ("const" in s) return fc.oneof(fc.constant(s.const), hostileString);
	const type = Array.isArray(s.type) ? s.type[0] : s.type;
	switch (type) {
		case "string":
			return hostileString;
		case "number":
		case "integer":
			return hostileNumber;
		case "boolean":
			return fc.boolean();
		case "null":
			return fc.constant(null);
		case "array":
			return fc.array(valueFor(s.items, g, depth + 1), { maxLength: 4 });
		case "object":
			return objectFor(s, g, depth + 1);
		default:
			return hostileValue;
	}
}

/** A plausible value for the field when the context has one (3 times in 5), else `fallback`. */
function hinted(field: string, fallback: fc.Arbitrary<unknown>, g: GenContext): fc.Arbitrary<unknown> {
	const hint = g.hint(field);
	return hint ? fc.oneof({ weight: 3, arbitrary: hint }, { weight: 2, arbitrary: fallback }) : fallback;
}

/**
 * An object for an object schema: each known property present or missing at random (with a
 * generated value), plus extra keys: unknown fields, server-only fields (`userId`, `role`,
 * `emailVerified`) and own `__proto__` / `constructor` / `prototype` keys.
 */
export function objectFor(s: Schema, g: GenContext, depth: number): fc.Arbitrary<Record<string, unknown>> {
	const properties = isObject(s.properties) ? s.properties : {};
	const required = new Set(Array.isArray(s.required) ? s.required : []);
	const fields = Object.entries(properties).map(([name, sub]) =>
		fc.tuple(fc.constant(name), hinted(name, valueFor(sub, g, depth), g), fc.integer({ min: 0, max: 9 })).map(([key, value, dice]) =>
			// Required fields are kept 9 times in 10, optional ones 1 time in 2.
			(required.has(key) ? dice < 9 : dice < 5) ? ([[key, value]] as [string, unknown][]) : [],
		),
	);
	const extras = fc.array(
		fc.tuple(
			fc.oneof(fc.constantFrom(...POLLUTING_KEYS, "userId", "role", "emailVerified", "banned", "id", "organizationId", "remaining", "permissions", "createdAt"), hostileString.filter((k) => k.length < 100)),
			hostileValue,
		),
		{ maxLength: 3 },
	);
	return fc.tuple(fc.tuple(...fields), extras).map(([present, extra]) => ownKeyObject([...present.flat(), ...extra]));
}

const ORIGINS = fc.oneof(
	{ weight: 8, arbitrary: fc.constant<string | null>("http://localhost:3000") },
	{ weight: 1, arbitrary: fc.constantFrom<string | null>(null, "null", "https://evil.com", "http://localhost:3000.evil.com") },
);

/** Header values must be ISO-8859-1 without CR/LF (fetch refuses others); hostile but sendable. */
const headerSafe = hostileString.map((v) => v.replace(/[^\x20-\x7e]/g, "?").slice(0, 8_000));

/** A body, as raw text with a content type, for the operation. */
function bodyFor(op: FuzzOperation, g: GenContext): fc.Arbitrary<{ body: string | null; contentType: string | null; kind: string }> {
	const json = (value: unknown, kind: string) => ({ body: JSON.stringify(value), contentType: "application/json", kind });
	const schemaBody = op.body ? objectFor(g.resolve(op.body), g, 0) : fc.dictionary(hostileString.filter((k) => k.length < 50), hostileValue, { maxKeys: 3 });
	return fc.oneof(
		{ weight: 14, arbitrary: schemaBody.map((v) => json(v, "schema-shaped JSON")) },
		{ weight: 1, arbitrary: hostileValue.map((v) => json(v, "non-object JSON")) },
		{ weight: 1, arbitrary: pollutionObject.map((v) => json(v, "prototype-pollution JSON")) },
		{
			weight: 2,
			arbitrary: fc
				.constantFrom("{", '{"a":', "[", "nul", '{"a":1}}', "\u0000", "{'a':1}", '{"email":"a@b.c",}', "\uFEFF{}", "[".repeat(100_000), '{"a":"\\ud800"}', "1".repeat(400))
				.map((body) => ({ body, contentType: "application/json", kind: "malformed JSON" })),
		},
		{
			weight: 2,
			arbitrary: fc
				.tuple(fc.constantFrom(null, "text/plain", "multipart/form-data; boundary=x", "application/xml", "application/vnd.api+json", "application/json; charset=utf-7", "APPLICATION/JSON", "*/*", "application/x-www-form-urlencoded"), schemaBody)
				.map(([contentType, value]) => ({ body: JSON.stringify(value), contentType, kind: `JSON as ${contentType}` })),
		},
		{
			weight: 2,
			arbitrary: schemaBody.map((value) => ({
				body: new URLSearchParams(Object.entries(value).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v) ?? ""])).toString(),
				contentType: "application/x-www-form-urlencoded",
				kind: "form-encoded",
			})),
		},
		{ weight: 1, arbitrary: fc.constantFrom("application/json", null).map((contentType) => ({ body: "", contentType, kind: "empty body" })) },
		{ weight: 1, arbitrary: fc.constant({ body: null, contentType: null, kind: "no body" }) },
		{ weight: 1, arbitrary: fc.constant(json({ email: "a@b.c", name: "x".repeat(1_100_000) }, "oversized body")) },
	);
}

/**
 * A path segment: a hostile string percent-encoded (lone surrogates as U+FFFD, since
 * `encodeURIComponent` throws on them), or raw broken encodings (`%`, `%zz`, an encoded
 * surrogate, an encoded NUL, dot segments) that only a hand-written request carries.
 */
const pathSegment: fc.Arbitrary<string> = fc.oneof(
	{ weight: 4, arbitrary: hostileString.filter((v) => v.length < 5_000).map((v) => encodeURIComponent(v.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"))) },
	{ weight: 1, arbitrary: fc.constantFrom("%", "%zz", "%ED%A0%80", "%FF%FE", "%00", "..", ".", "%2e%2e", "a%2Fb", "%5C") },
);

/** The full request arbitrary of one operation. */
export function requestFor(op: FuzzOperation, doc: Schema, hint: GenContext["hint"] = () => null): fc.Arbitrary<FuzzRequest> {
	const g: GenContext = { resolve: resolver(doc), hint };
	const params = fc.tuple(...op.pathParams.map(() => pathSegment));
	const query = fc.tuple(
		fc.tuple(...op.query.map(({ name, schema }) => fc.tuple(fc.constant(name), hinted(name, valueFor(schema, g), g), fc.integer({ min: 0, max: 5 })))),
		fc.array(fc.tuple(fc.constantFrom("callbackURL", "__proto__", "token", "id", "x"), hostileString.filter((v) => v.length < 5_000)), { maxLength: 2 }),
	);
	const credential = fc.constantFrom<Credential>("anonymous", "cookie", "cookie", "bearer", "bearer", "admin-cookie", "forged-cookie", "forged-bearer");
	const extraHeaders = fc.record(
		{ "user-agent": headerSafe, "x-forwarded-for": headerSafe, referer: headerSafe, "sec-fetch-site": fc.constantFrom("cross-site", "same-origin", "none") },
		{ requiredKeys: [] },
	);
	const hasBody = op.method !== "GET" && op.method !== "HEAD";
	return fc
		.tuple(params, query, hasBody ? bodyFor(op, g) : fc.constant({ body: null, contentType: null, kind: "no body (GET)" }), credential, ORIGINS, extraHeaders)
		.map(([paramValues, [known, extra], body, cred, origin, more]) => {
			let path = op.path;
			op.pathParams.forEach((name, i) => {
				path = path.replace(`{${name}}`, paramValues[i] ?? "");
			});
			const search = new URLSearchParams();
			for (const [name, value, dice] of known) {
				if (dice === 0) continue; // missing
				const values = Array.isArray(value) && dice === 1 ? value : [value]; // repeated key
				for (const v of values) search.append(name, typeof v === "string" ? v : JSON.stringify(v) ?? "");
			}
			for (const [name, value] of extra) search.append(name, value);
			const headers: Record<string, string> = { ...more };
			if (origin !== null) headers.origin = origin;
			if (body.contentType !== null) headers["content-type"] = body.contentType;
			const qs = search.toString();
			return { method: op.method, url: qs ? `${path}?${qs}` : path, headers, body: body.body, credential: cred, bodyKind: body.kind };
		});
}

/** The operations of an OpenAPI document, in document order. */
export function operationsOf(doc: Schema): FuzzOperation[] {
	const out: FuzzOperation[] = [];
	for (const [path, item] of Object.entries((doc.paths as Schema | undefined) ?? {})) {
		if (!isObject(item)) continue;
		for (const [method, raw] of Object.entries(item)) {
			if (!isObject(raw)) continue;
			const parameters = (Array.isArray(raw.parameters) ? raw.parameters : []).filter(isObject);
			const content = isObject(raw.requestBody) && isObject(raw.requestBody.content) ? raw.requestBody.content : {};
			const jsonBody = isObject(content["application/json"]) && isObject(content["application/json"].schema) ? content["application/json"].schema : null;
			out.push({
				method: method.toUpperCase(),
				path,
				pathParams: parameters.filter((p) => p.in === "path").map((p) => String(p.name)),
				query: parameters.filter((p) => p.in === "query").map((p) => ({ name: String(p.name), schema: isObject(p.schema) ? p.schema : {} })),
				body: jsonBody,
				acceptsForm: "application/x-www-form-urlencoded" in content,
				secured: Array.isArray(raw.security),
			});
		}
	}
	return out;
}
