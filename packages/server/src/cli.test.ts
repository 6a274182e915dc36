import { describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

describe("latchkey migrate", () => {
	test("creates Better Auth's tables in a new SQLite file, and is idempotent", async () => {
		const dir = mkdtempSync(join(tmpdir(), "latchkey-cli-"));
		const file = join(dir, "cli.db");
		try {
			for (let i = 0; i < 2; i++) {
				const run = Bun.spawnSync(["bun", join(import.meta.dir, "cli.ts"), "migrate", file]);
				expect(run.exitCode).toBe(0);
				expect(run.stdout.toString()).toContain("migrations applied");
			}
			const db = new Database(file);
			const tables = db.query("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[];
			db.close();
			expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["account", "rateLimit", "session", "user", "verification"]));
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	test("an unknown command prints usage and fails", () => {
		const run = Bun.spawnSync(["bun", join(import.meta.dir, "cli.ts"), "explode"]);
		expect(run.exitCode).toBe(1);
		expect(run.stderr.toString()).toContain("usage: latchkey migrate");
	});
});
