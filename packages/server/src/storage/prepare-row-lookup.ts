import type { Database, Statement } from "bun:sqlite";
import { getTableColumns } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";

/** Turns one stored value into the row's value (`null` stays `null`, as in drizzle). */
type Decode = (value: unknown) => unknown;

/**
 * A point lookup by one column, read with `bun:sqlite` directly into the same row object
 * drizzle's `select()` would give (property names, `Date` and boolean columns decoded by each
 * column's own `mapFromDriverValue`). Built for the session read on every request: drizzle's
 * generic row mapping cost several times the SQLite lookup itself.
 */
export interface RowLookup<Row> {
	get(value: string): Row | undefined;
}

/** Prepares `SELECT <every column> FROM <table> WHERE <by> = ?` for `table` on `client`. */
export function prepareRowLookup<Row>(client: Database, table: SQLiteTable, tableName: string, by: string): RowLookup<Row> {
	const columns = Object.entries(getTableColumns(table) as Record<string, SQLiteColumn>);
	const keys = columns.map(([key]) => key);
	const decoders = columns.map(([, column]) => decoderFor(column));
	const byColumn = columns.find(([key]) => key === by)?.[1];
	if (!byColumn) throw new Error(`latchkey: ${tableName} has no column ${by}`);
	const list = columns.map(([, column]) => `"${column.name}"`).join(", ");
	const statement: Statement = client.prepare(`SELECT ${list} FROM "${tableName}" WHERE "${byColumn.name}" = ? LIMIT 1`);
	return {
		get(value) {
			const values = statement.values(value)[0];
			if (!values) return undefined;
			const row: Record<string, unknown> = {};
			for (let i = 0; i < keys.length; i++) {
				const raw = values[i] ?? null;
				const decode = decoders[i];
				row[keys[i] as string] = raw === null || !decode ? raw : decode(raw);
			}
			// Sound: the keys and decoded values are those of the table's drizzle columns.
			return row as Row;
		},
	};
}

/** `null` for text and plain integer columns (stored as read); else the column's own decoder. */
function decoderFor(column: SQLiteColumn): Decode | null {
	if (column.columnType === "SQLiteText" || column.columnType === "SQLiteInteger") return null;
	return (value) => column.mapFromDriverValue(value);
}
