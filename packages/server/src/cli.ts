#!/usr/bin/env bun
/**
 * `latchkey migrate [database]`: applies the bundled migrations to a SQLite file or a
 * PostgreSQL URL (default: `DATABASE_URL`, else `latchkey.db`).
 */
import { openStorage } from "./storage/open-storage.ts";

const [command, target] = process.argv.slice(2);
if (command !== "migrate") {
	console.error("usage: latchkey migrate [sqlite-file | postgres://url]  (default: $DATABASE_URL or latchkey.db)");
	process.exit(command ? 1 : 0);
}
const database = target ?? process.env.DATABASE_URL ?? "latchkey.db";
const storage = openStorage(database);
try {
	await storage.migrate();
	console.log(`latchkey: migrations applied (${storage.dialect === "pg" ? "PostgreSQL" : database})`);
} finally {
	await storage.close();
}
