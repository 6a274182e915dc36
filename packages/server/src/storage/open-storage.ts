import { createPgStorage } from "./pg.ts";
import { createSqliteStorage } from "./sqlite.ts";
import type { Storage } from "./storage.ts";

/** Opens storage from the `database` option: a `Storage`, a `postgres://` URL, or a SQLite path. */
export function openStorage(database: Storage | string | undefined): Storage {
	if (typeof database === "object") return database;
	const target = database ?? "latchkey.db";
	if (/^postgres(ql)?:\/\//.test(target)) return createPgStorage({ url: target });
	return createSqliteStorage({ database: target });
}
