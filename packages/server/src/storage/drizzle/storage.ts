import { asc, count, desc, eq, sql } from "drizzle-orm";
import type { SQL, Table } from "drizzle-orm";
import type { ModelName, Rows, SessionRow, UserRow } from "../rows.ts";
import type { FindManyOptions, NumericField, Storage, Where } from "../storage.ts";
import { buildWhere, column } from "./where.ts";

/**
 * The query-builder surface both drizzle dialects share (`bun-sqlite` and `postgres-js`).
 * Typed structurally so one implementation serves both.
 */
export interface Chain extends PromiseLike<unknown[]> {
	from(table: Table): Chain;
	innerJoin(table: Table, on: SQL): Chain;
	where(where: SQL): Chain;
	returning(): Chain;
	limit(n: number): Chain;
	offset(n: number): Chain;
	orderBy(...order: SQL[]): Chain;
	values(row: unknown): Chain;
	set(patch: unknown): Chain;
}
export interface QueryDb {
	insert(table: Table): Chain;
	select(fields?: Record<string, unknown>): Chain;
	update(table: Table): Chain;
	delete(table: Table): Chain;
}

/** The drizzle tables of one dialect, by model name. */
export type Tables = Record<ModelName, Table>;

/** What differs between dialects: transactions, the prepared hot path, migrations, closing. */
export interface Dialect {
	readonly name: "sqlite" | "pg";
	transaction<T>(fn: (db: QueryDb) => Promise<T>): Promise<T>;
	/** Runs a write outside a transaction (SQLite serialises it behind an open transaction). */
	write<T>(fn: () => Promise<T>): Promise<T>;
	findSessionAndUser(db: QueryDb, token: string): Promise<{ session: SessionRow; user: UserRow } | null>;
	migrate(): Promise<void>;
	close(): Promise<void>;
}

/** Builds the session ⨝ user query (used prepared by each dialect). */
export function sessionAndUserQuery(db: QueryDb, tables: Tables, token: SQL | string): Chain {
	const { session, user } = tables;
	return db
		.select({ session, user })
		.from(session)
		.innerJoin(user, eq(column(session, "userId"), column(user, "id")))
		.where(eq(column(session, "token"), token));
}

/** `Storage` on drizzle, for either dialect. */
export class DrizzleStorage implements Storage {
	readonly dialect: "sqlite" | "pg";

	constructor(
		private readonly db: QueryDb,
		private readonly tables: Tables,
		private readonly impl: Dialect,
		private readonly inTransaction = false,
	) {
		this.dialect = impl.name;
	}

	private write<T>(fn: () => Promise<T>): Promise<T> {
		return this.inTransaction ? fn() : this.impl.write(fn);
	}

	async create<M extends ModelName>(model: M, row: Rows[M]): Promise<Rows[M]> {
		const table = this.tables[model];
		const rows = await this.write(async () => await this.db.insert(table).values(row).returning());
		// Sound: RETURNING gives back the row of this table, which has the shape Rows[M].
		return rows[0] as Rows[M];
	}

	async findOne<M extends ModelName>(model: M, where: Where<M>): Promise<Rows[M] | null> {
		const table = this.tables[model];
		const rows = await this.db.select().from(table).where(buildWhere(table, where)).limit(1);
		// Sound: a plain select of this table returns Rows[M].
		return (rows[0] as Rows[M] | undefined) ?? null;
	}

	async findMany<M extends ModelName>(model: M, where: Where<M>, options: FindManyOptions<M> = {}): Promise<Rows[M][]> {
		const table = this.tables[model];
		let query = this.db.select().from(table).where(buildWhere(table, where));
		if (options.sortBy) {
			const col = column(table, options.sortBy.field);
			query = query.orderBy(options.sortBy.direction === "desc" ? desc(col) : asc(col));
		}
		if (options.limit !== undefined) query = query.limit(options.limit);
		if (options.offset !== undefined) query = query.offset(options.offset);
		// Sound: a plain select of this table returns Rows[M].
		return (await query) as Rows[M][];
	}

	async count<M extends ModelName>(model: M, where: Where<M>): Promise<number> {
		const table = this.tables[model];
		const rows = await this.db.select({ n: count() }).from(table).where(buildWhere(table, where));
		return Number((rows[0] as { n: number } | undefined)?.n ?? 0);
	}

	async update<M extends ModelName>(model: M, where: Where<M>, patch: Partial<Rows[M]>): Promise<Rows[M] | null> {
		const table = this.tables[model];
		const rows = await this.write(async () => await this.db.update(table).set(patch).where(buildWhere(table, where)).returning());
		// Sound: RETURNING gives back rows of this table.
		return (rows[0] as Rows[M] | undefined) ?? null;
	}

	async increment<M extends ModelName>(model: M, where: Where<M>, field: NumericField<M>, by: number): Promise<Rows[M] | null> {
		if (!Number.isFinite(by)) throw new Error("storage: increment needs a finite number");
		const table = this.tables[model];
		const col = column(table, field);
		const patch = { [field]: sql`${col} + ${by}` };
		const rows = await this.write(async () => await this.db.update(table).set(patch).where(buildWhere(table, where)).returning());
		// Sound: RETURNING gives back rows of this table.
		return (rows[0] as Rows[M] | undefined) ?? null;
	}

	async delete<M extends ModelName>(model: M, where: Where<M>): Promise<number> {
		const table = this.tables[model];
		const rows = await this.write(async () => await this.db.delete(table).where(buildWhere(table, where)).returning());
		return rows.length;
	}

	async consume<M extends ModelName>(model: M, where: Where<M>): Promise<Rows[M] | null> {
		const table = this.tables[model];
		// One DELETE … RETURNING: of concurrent callers, only the one whose statement removed
		// the row gets it back (SECURITY.md rule 1).
		const rows = await this.write(async () => await this.db.delete(table).where(buildWhere(table, where)).returning());
		return (rows[0] as Rows[M] | undefined) ?? null;
	}

	transaction<T>(fn: (tx: Storage) => Promise<T>): Promise<T> {
		if (this.inTransaction) return fn(this);
		return this.impl.transaction((db) => fn(new DrizzleStorage(db, this.tables, this.impl, true)));
	}

	findSessionAndUser(token: string): Promise<{ session: SessionRow; user: UserRow } | null> {
		return this.impl.findSessionAndUser(this.db, token);
	}

	migrate(): Promise<void> {
		return this.impl.migrate();
	}

	close(): Promise<void> {
		return this.impl.close();
	}
}

export { sql };
