import { sessionSchema, userSchema } from "@latchkey/core";
import * as z from "zod";

/** A JSON Schema object as it appears in an OpenAPI 3.1 document. */
export type JsonSchema = Record<string, unknown>;

/** Zod schemas published once under `components.schemas` and referenced elsewhere. */
const NAMED_SCHEMAS: ReadonlyMap<z.core.$ZodType, string> = new Map<z.core.$ZodType, string>([
	[userSchema, "User"],
	[sessionSchema, "Session"],
]);

/**
 * Converts a contract schema with zod 4's own `z.toJSONSchema`. `io` picks the side of a
 * transform: what a client sends (`input`) or what the server answers (`output`).
 * `unrepresentable: "any"` keeps transforms and custom types from throwing; dates, which
 * travel as ISO strings, become `string` / `date-time`. The shared `User` and `Session`
 * shapes become `$ref`s into `components.schemas` unless `inlineNamed` is set.
 */
export function toJsonSchema(schema: z.core.$ZodType, io: "input" | "output", inlineNamed = false): JsonSchema {
	const json: JsonSchema = z.toJSONSchema(schema, {
		io,
		unrepresentable: "any",
		override(ctx) {
			const target: JsonSchema = ctx.jsonSchema;
			const name = NAMED_SCHEMAS.get(ctx.zodSchema);
			if (name && !inlineNamed) {
				for (const key of Object.keys(target)) delete target[key];
				target.$ref = `#/components/schemas/${name}`;
				return;
			}
			if (ctx.zodSchema._zod.def.type === "date") {
				target.type = "string";
				target.format = "date-time";
			}
		},
	});
	// The dialect is the document's own (OpenAPI 3.1 = JSON Schema 2020-12); drop the marker.
	delete json.$schema;
	return json;
}

/** The `components.schemas` entries for the shared shapes, plus the wire error body. */
export function namedSchemas(): Record<string, JsonSchema> {
	const schemas: Record<string, JsonSchema> = {};
	for (const [schema, name] of NAMED_SCHEMAS) schemas[name] = toJsonSchema(schema, "output", true);
	schemas.Error = {
		type: "object",
		description: "Every error body (spec/core.md §1.4). Some errors have an empty body instead.",
		properties: { code: { type: "string" }, message: { type: "string" } },
		required: ["code", "message"],
	};
	return schemas;
}
