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
	if (!result.success) {
		const message = result.error.issues
			.slice(0, 10)
			.map((issue) => `[${[where, ...issue.path.map(String)].join(".")}] ${issue.message}`)
			.join("; ");
		throw new APIError("BAD_REQUEST", { code: "VALIDATION_ERROR", message });
	}
	const nul = findNul(result.data, [where], 0);
	if (nul) throw new APIError("BAD_REQUEST", { code: "VALIDATION_ERROR", message: `[${nul.join(".")}] Invalid input: NUL characters are not allowed` });
	return result.data;
}

/**
 * The path of the first string holding U+0000 (password fields aside), or `null`. PostgreSQL cannot store or even
 * compare such strings (the query fails), so they are refused on every database alike
 * before any handler runs.
 */
function findNul(value: unknown, path: string[], depth: number): string[] | null {
	if (typeof value === "string") return value.includes("\u0000") ? path : null;
	if (depth > 8 || typeof value !== "object" || value === null || value instanceof Date) return null;
	for (const [key, item] of Object.entries(value)) {
		// Passwords are only hashed, never stored or compared in SQL: any character is fine there.
		if (/password/i.test(key)) continue;
		const found = findNul(item, [...path, key], depth + 1);
		if (found) return found;
	}
	return null;
}
