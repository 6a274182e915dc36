import { and, eq, getTableColumns, gt, gte, inArray, lt, lte, ne } from "drizzle-orm";
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
		}
	}
	// An empty where would touch every row: refuse it instead of deleting a table by accident.
	if (parts.length === 0) throw new Error("storage: refusing an empty where clause");
	const combined = parts.length === 1 ? parts[0] : and(...parts);
	if (!combined) throw new Error("storage: could not build where clause");
	return combined;
}
