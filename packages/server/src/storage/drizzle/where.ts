import { and, eq, getTableColumns, gt, gte, inArray, lt, lte, ne, sql } from "drizzle-orm";
import type { Column, SQL, Table } from "drizzle-orm";
import type { Condition } from "../storage.ts";

function isCondition(value: unknown): value is Condition<unknown> {
	return typeof value === "object" && value !== null && !(value instanceof Date) && "op" in value;
}

/** Resolves a field name to its column, refusing names the table does not have. */
export function column(table: Table, field: string): Column {
	const col = getTableColumns(table)[field];
	if (!col) throw new Error(`storage: unknown field "${field}"`);
	return col;
}

/** `%`, `_` and the escape character itself match only themselves. */
function escapeLike(value: string): string {
	return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Case-insensitive LIKE that behaves the same on SQLite and PostgreSQL. */
function likeInsensitive(col: Column, pattern: string): SQL {
	return sql`lower(${col}) like lower(${pattern}) escape '\\'`;
}

/** Builds the SQL condition for a `Where` object. An empty object is a programming error. */
export function buildWhere(table: Table, where: Record<string, unknown>): SQL {
	const parts: SQL[] = [];
	for (const [field, value] of Object.entries(where)) {
		if (value === undefined) continue;
		const col = column(table, field);
		if (!isCondition(value)) {
			parts.push(eq(col, value));
			continue;
		}
		switch (value.op) {
			case "ne":
				parts.push(ne(col, value.value));
				break;
			case "lt":
				parts.push(lt(col, value.value));
				break;
			case "lte":
				parts.push(lte(col, value.value));
				break;
			case "gt":
				parts.push(gt(col, value.value));
				break;
			case "gte":
				parts.push(gte(col, value.value));
				break;
			case "in":
				parts.push(inArray(col, value.value as unknown[]));
				break;
			case "contains":
				parts.push(likeInsensitive(col, `%${escapeLike(String(value.value))}%`));
				break;
			case "startsWith":
				parts.push(likeInsensitive(col, `${escapeLike(String(value.value))}%`));
				break;
			case "endsWith":
				parts.push(likeInsensitive(col, `%${escapeLike(String(value.value))}`));
				break;
		}
	}
	// An empty where would touch every row: refuse it instead of deleting a table by accident.
	if (parts.length === 0) throw new Error("storage: refusing an empty where clause");
	const combined = parts.length === 1 ? parts[0] : and(...parts);
	if (!combined) throw new Error("storage: could not build where clause");
	return combined;
}
