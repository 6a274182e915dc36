import { describe, expect, test } from "bun:test";
import { Validator } from "@seriousme/openapi-schema-validator";
import { getAllPluginsInstance } from "../security/all-plugins.ts";

/*
 * The document of an instance with every plugin on, checked against the official OpenAPI 3.1
 * schema (spec.openapis.org/oas/3.1/schema) by @seriousme/openapi-schema-validator, offline.
 * That schema only checks that a Schema Object is an object or a boolean, so the JSON Schema
 * 2020-12 keywords inside are checked by `schemaProblems` below.
 */

type Json = Record<string, unknown>;
/*
 * Sound (every `as Json` below): the value was just checked to be a non-null object, or it is
 * the JSON document the test fetched; a wrong shape makes an `expect` fail, never pass.
 */
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

const TYPES = new Set(["string", "number", "integer", "boolean", "object", "array", "null"]);
const SUBSCHEMA_MAPS = ["properties", "patternProperties", "$defs", "dependentSchemas"];
const SUBSCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];
const SUBSCHEMAS = ["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedProperties", "unevaluatedItems"];
const NUMBERS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"];

/** Problems with one JSON Schema 2020-12 schema (and its subschemas), as readable strings. */
function schemaProblems(schema: unknown, at: string): string[] {
	if (typeof schema === "boolean") return [];
	if (!isObject(schema)) return [`${at}: not an object or boolean`];
	const out: string[] = [];
	if ("$schema" in schema) out.push(`${at}: stray $schema`);
	if ("nullable" in schema) out.push(`${at}: OpenAPI 3.0 'nullable' is not JSON Schema 2020-12`);
	const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
	for (const type of types) if (typeof type !== "string" || !TYPES.has(type)) out.push(`${at}: bad type ${JSON.stringify(type)}`);
	if ("required" in schema) {
		const required = schema.required;
		if (!Array.isArray(required) || required.some((r) => typeof r !== "string") || new Set(required).size !== required.length) out.push(`${at}: bad required`);
	}
	if ("enum" in schema && (!Array.isArray(schema.enum) || schema.enum.length === 0)) out.push(`${at}: bad enum`);
	if ("format" in schema && typeof schema.format !== "string") out.push(`${at}: bad format`);
	if ("pattern" in schema) {
		try {
			new RegExp(String(schema.pattern), "u");
		} catch {
			out.push(`${at}: pattern is not a valid regular expression`);
		}
	}
	for (const key of NUMBERS) if (key in schema && typeof schema[key] !== "number") out.push(`${at}: ${key} is not a number`);
	for (const key of ["minLength", "maxLength", "minItems", "maxItems"]) {
		const n = schema[key];
		if (typeof n === "number" && (!Number.isInteger(n) || n < 0)) out.push(`${at}: ${key} is not a non-negative integer`);
	}
	for (const key of SUBSCHEMA_MAPS) {
		const map = schema[key];
		if (map === undefined) continue;
		if (!isObject(map)) out.push(`${at}: ${key} is not an object`);
		else for (const [name, sub] of Object.entries(map)) out.push(...schemaProblems(sub, `${at}/${key}/${name}`));
	}
	for (const key of SUBSCHEMA_LISTS) {
		const list = schema[key];
		if (list === undefined) continue;
		if (!Array.isArray(list) || list.length === 0) out.push(`${at}: ${key} is not a non-empty array`);
		else list.forEach((sub, i) => out.push(...schemaProblems(sub, `${at}/${key}/${i}`)));
	}
	for (const key of SUBSCHEMAS) if (key in schema) out.push(...schemaProblems(schema[key], `${at}/${key}`));
	if (typeof schema.$ref === "string" && !schema.$ref.startsWith("#/components/schemas/")) out.push(`${at}: $ref outside components.schemas`);
	return out;
}

/** Every Schema Object of the document: components, parameters, request and response bodies. */
function allSchemas(doc: Json): { at: string; schema: unknown }[] {
	const out: { at: string; schema: unknown }[] = [];
	const components = doc.components as Json;
	for (const [name, schema] of Object.entries(components.schemas as Json)) out.push({ at: `#/components/schemas/${name}`, schema });
	for (const [path, item] of Object.entries(doc.paths as Json)) {
		for (const [method, op] of Object.entries(item as Json)) {
			const at = `${method.toUpperCase()} ${path}`;
			const operation = op as Json;
			for (const p of (operation.parameters as Json[] | undefined) ?? []) out.push({ at: `${at} param ${String(p.name)}`, schema: p.schema });
			const body = operation.requestBody as Json | undefined;
			for (const [type, media] of Object.entries((body?.content as Json | undefined) ?? {})) out.push({ at: `${at} body ${type}`, schema: (media as Json).schema });
			for (const [status, response] of Object.entries(operation.responses as Json)) {
				for (const [type, media] of Object.entries(((response as Json).content as Json | undefined) ?? {})) out.push({ at: `${at} ${status} ${type}`, schema: (media as Json).schema });
			}
		}
	}
	return out;
}

async function allPluginsDocument(): Promise<Json> {
	const t = await getAllPluginsInstance("sqlite");
	const res = await t.client().request("/reference/openapi.json");
	expect(res.status).toBe(200);
	return (await res.json()) as Json;
}

describe("OpenAPI document against the official OpenAPI 3.1 schema", () => {
	test("the all-plugins document is valid OpenAPI 3.1", async () => {
		const doc = await allPluginsDocument();
		const validator = new Validator();
		const result = await validator.validate(doc);
		expect(result.errors).toBeUndefined();
		expect(result.valid).toBe(true);
		expect(validator.version).toBe("3.1");
		// Every plugin is really in it (not a vacuous pass on a small document).
		const paths = Object.keys(doc.paths as Json);
		for (const path of ["/sign-in/username", "/two-factor/enable", "/admin/ban-user", "/api-key/create", "/passkey/generate-register-options", "/organization/create"]) {
			expect(paths).toContain(path);
		}
	});

	test("every Schema Object inside is well-formed JSON Schema 2020-12", async () => {
		const doc = await allPluginsDocument();
		const schemas = allSchemas(doc);
		expect(schemas.length).toBeGreaterThan(100);
		expect(schemas.flatMap(({ at, schema }) => schemaProblems(schema, at))).toEqual([]);
	});

	test("an https baseURL with another basePath is valid too", async () => {
		const t = await getAllPluginsInstance("sqlite", { baseURL: "https://auth.example.com", basePath: "/auth" });
		const doc = (await t.auth.api.openAPIDocument()) as Json;
		const result = await new Validator().validate(doc);
		expect(result.valid).toBe(true);
		expect(doc.servers).toEqual([{ url: "https://auth.example.com/auth" }]);
	});

	test("the validator is not vacuous: it rejects a broken copy of the document", async () => {
		const doc = await allPluginsDocument();
		const broken = structuredClone(doc);
		const paths = broken.paths as Record<string, Record<string, Json>>;
		const first = Object.values(paths)[0] as Record<string, Json>;
		const op = Object.values(first)[0] as Json;
		delete op.responses;
		(op as Json).parameters = [{ name: "x", in: "nowhere" }];
		const result = await new Validator().validate(broken);
		expect(result.valid).toBe(false);
		// And the keyword checker catches a 3.0-style schema.
		expect(schemaProblems({ type: "strin", nullable: true, required: "a" }, "#")).toHaveLength(3);
	});
});
