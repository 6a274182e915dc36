import { APIError } from "@latchkey/core";
import type * as z from "zod";

/**
 * Validates one part of the input with its zod schema. A failure is 400 VALIDATION_ERROR
 * with the issues as `[body.field] message` joined by `; ` (spec/core.md §1.4). Messages are
 * zod's own texts, which never contain the submitted values.
 */
export function validatePart(schema: z.ZodType | undefined, value: unknown, where: "body" | "query"): unknown {
	if (!schema) return undefined;
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	const message = result.error.issues
		.slice(0, 10)
		.map((issue) => `[${[where, ...issue.path.map(String)].join(".")}] ${issue.message}`)
		.join("; ");
	throw new APIError("BAD_REQUEST", { code: "VALIDATION_ERROR", message });
}
