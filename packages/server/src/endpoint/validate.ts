import { APIError } from "@latchkey/core";
import type * as z from "zod";

/**
 * Validates one part of the input with its zod schema. A failure is 400 VALIDATION_ERROR
 * with the issues as `[body.field] message` joined by `; ` (spec/core.md §1.4). Messages are
 * zod's own texts, which never contain the submitted values.
 */
export function validatePart(schema: z.ZodType | undefined, value: unknown, where: "body" | "query"): unknown {
	if (!schema) return undefined;
	if (isEmptyObject(value)) {
		const parsed = parsedEmpty(schema);
		if (parsed) return { ...parsed };
	}
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

/** What each schema makes of `{}`, when that is a flat object of primitives; `null` otherwise. */
const emptyParses = new WeakMap<z.ZodType, Readonly<Record<string, unknown>> | null>();

/**
 * The schema's output for `{}`, parsed once per schema and copied on each use: most requests
 * (`GET /get-session`) carry no query, and a zod parse per request is measurable. Only a
 * flat object of primitives is kept (`{ disableRefresh: false }`); contracts are pure
 * functions of their input, so the same input gives the same output.
 */
function parsedEmpty(schema: z.ZodType): Readonly<Record<string, unknown>> | null {
	let known = emptyParses.get(schema);
	if (known === undefined) {
		const result = schema.safeParse({});
		const flat = result.success && isPlainObject(result.data) && Object.values(result.data).every((v) => v === null || typeof v !== "object");
		known = flat ? Object.freeze({ ...(result.data as Record<string, unknown>) }) : null;
		emptyParses.set(schema, known);
	}
	return known;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function isEmptyObject(value: unknown): boolean {
	if (!isPlainObject(value)) return false;
	for (const _ in value) return false;
	return true;
}
