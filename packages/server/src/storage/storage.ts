import type { ModelName, Rows, SessionRow, UserRow } from "./rows.ts";

/** A comparison other than equality, for `Where` clauses. */
export interface Condition<V> {
	readonly op: "ne" | "lt" | "lte" | "gt" | "gte" | "in" | "contains" | "startsWith" | "endsWith";
	readonly value: V | readonly V[];
}

/** Builders for non-equality conditions: `{ expiresAt: cmp.gt(now) }`. */
export const cmp = {
	ne: <V>(value: V): Condition<V> => ({ op: "ne", value }),
	lt: <V>(value: V): Condition<V> => ({ op: "lt", value }),
	lte: <V>(value: V): Condition<V> => ({ op: "lte", value }),
	gt: <V>(value: V): Condition<V> => ({ op: "gt", value }),
	gte: <V>(value: V): Condition<V> => ({ op: "gte", value }),
	in: <V>(value: readonly V[]): Condition<V> => ({ op: "in", value }),
	/** Case-insensitive substring match (`LIKE`, with `%`, `_` and `\\` in the value taken literally). */
	contains: (value: string): Condition<string> => ({ op: "contains", value }),
	/** Case-insensitive prefix match. */
	startsWith: (value: string): Condition<string> => ({ op: "startsWith", value }),
	/** Case-insensitive suffix match. */
	endsWith: (value: string): Condition<string> => ({ op: "endsWith", value }),
};

/** Conjunction of per-field equalities or conditions. An empty `Where` is refused. */
export type Where<M extends ModelName> = { [K in keyof Rows[M]]?: Rows[M][K] | Condition<Rows[M][K]> };

/** The columns of a model that hold numbers. */
export type NumericField<M extends ModelName> = { [K in keyof Rows[M]]: Rows[M][K] extends number | null | undefined ? (Rows[M][K] extends null | undefined ? never : K) : never }[keyof Rows[M]] & string;

/** Options of `Storage.findSessionAndUser`. */
export interface SessionLookupOptions {
	/** Read the database even when a session cache (secondary storage) is configured: sensitive routes. */
	bypassCache?: boolean;
}

/** Paging and order for `findMany`. */
export interface FindManyOptions<M extends ModelName> {
	limit?: number;
	offset?: number;
	sortBy?: { field: keyof Rows[M] & string; direction: "asc" | "desc" };
}

/**
 * The one storage interface every feature uses. Implementations: drizzle on `bun:sqlite`
 * and on PostgreSQL (`createSqliteStorage`, `createPgStorage`). Writes that touch several
 * rows go through `transaction`; single-use rows are taken with `consume` (one atomic
 * `DELETE … RETURNING`, SECURITY.md rule 1).
 */
export interface Storage {
	readonly dialect: "sqlite" | "pg";
	create<M extends ModelName>(model: M, row: Rows[M]): Promise<Rows[M]>;
	findOne<M extends ModelName>(model: M, where: Where<M>): Promise<Rows[M] | null>;
	findMany<M extends ModelName>(model: M, where: Where<M>, options?: FindManyOptions<M>): Promise<Rows[M][]>;
	count<M extends ModelName>(model: M, where: Where<M>): Promise<number>;
	/** Updates matching rows; returns the first updated row, or `null` when none matched. */
	update<M extends ModelName>(model: M, where: Where<M>, patch: Partial<Rows[M]>): Promise<Rows[M] | null>;
	/**
	 * Atomically adds `by` (may be negative) to a numeric column of the matching rows in one
	 * `UPDATE … SET f = f + by … RETURNING`; returns the first updated row, or `null`. Put the
	 * guard in `where` (`{ remaining: cmp.gt(0) }`) so concurrent callers cannot overshoot.
	 */
	increment<M extends ModelName>(model: M, where: Where<M>, field: NumericField<M>, by: number): Promise<Rows[M] | null>;
	/** Deletes matching rows; returns how many. */
	delete<M extends ModelName>(model: M, where: Where<M>): Promise<number>;
	/** Atomically deletes and returns one matching row: exactly one caller wins a race. */
	consume<M extends ModelName>(model: M, where: Where<M>): Promise<Rows[M] | null>;
	/** Runs `fn` in one transaction; a throw rolls everything back. */
	transaction<T>(fn: (tx: Storage) => Promise<T>): Promise<T>;
	/**
	 * The hot path of every authenticated request: session joined with its user, one indexed
	 * query (or a secondary-storage hit, see `withSecondaryStorage`).
	 */
	findSessionAndUser(token: string, options?: SessionLookupOptions): Promise<{ session: SessionRow; user: UserRow } | null>;
	/** Applies the bundled migrations. */
	migrate(): Promise<void>;
	/** Closes connections. */
	close(): Promise<void>;
}

/** True when `error` is a unique-constraint violation from either database. */
export function isUniqueViolation(error: unknown): boolean {
	if (typeof error !== "object" || error === null) return false;
	// drizzle wraps driver errors (DrizzleQueryError) and keeps the driver's under `cause`.
	const cause = (error as { cause?: unknown }).cause;
	if (cause && cause !== error && isUniqueViolation(cause)) return true;
	const { code, errno, message } = error as { code?: unknown; errno?: unknown; message?: unknown };
	if (code === "23505") return true; // PostgreSQL unique_violation
	if (code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || errno === 2067) return true;
	return typeof message === "string" && message.includes("UNIQUE constraint failed");
}
