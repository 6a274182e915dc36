/**
 * Storage behaviours that features rely on and that differ easily between dialects:
 * case-insensitive pattern matches that take `%` and `_` literally, and atomic increments
 * that never overshoot their guard under concurrency.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { createTestStorage, testDialects } from "../testing/databases.ts";
import type { Storage, Where } from "./storage.ts";
import { cmp } from "./storage.ts";

const disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
	await Promise.all(disposers.splice(0).map((d) => d()));
});

async function open(dialect: "sqlite" | "pg"): Promise<Storage> {
	const { storage, dispose } = await createTestStorage(dialect);
	disposers.push(dispose);
	return storage;
}

const now = new Date("2026-01-01T00:00:00Z");
function user(id: string, name: string, email: string) {
	return { id, name, email, emailVerified: false, image: null, createdAt: now, updatedAt: now, username: null, displayUsername: null };
}

for (const dialect of await testDialects()) {
	describe(`storage (${dialect})`, () => {
		test("contains / startsWith / endsWith are case-insensitive and escape LIKE wildcards", async () => {
			const s = await open(dialect);
			await s.create("user", user("u1", "Alice Smith", "alice@example.com"));
			await s.create("user", user("u2", "bob_100%", "bob@example.org"));
			await s.create("user", user("u3", "Carol", "carol@EXAMPLE.com"));
			const ids = async (where: Where<"user">) =>
				(await s.findMany("user", where, { sortBy: { field: "id", direction: "asc" } })).map((u) => u.id);
			expect(await ids({ name: cmp.contains("SMITH") })).toEqual(["u1"]);
			expect(await ids({ email: cmp.endsWith("example.com") })).toEqual(["u1", "u3"]);
			expect(await ids({ email: cmp.startsWith("B") })).toEqual(["u2"]);
			// Wildcards in the needle match only themselves.
			expect(await ids({ name: cmp.contains("_") })).toEqual(["u2"]);
			expect(await ids({ name: cmp.contains("%") })).toEqual(["u2"]);
			expect(await ids({ name: cmp.contains("b_1") })).toEqual(["u2"]);
			expect(await ids({ name: cmp.contains("o_1") })).toEqual([]);
			expect(await ids({ name: cmp.contains("\\") })).toEqual([]);
			expect(await ids({ name: cmp.contains("' OR 1=1 --") })).toEqual([]);
		});

		test("increment is atomic and its guard holds under 50 parallel callers", async () => {
			const s = await open(dialect);
			await s.create("user", user("u1", "A", "a@example.com"));
			await s.create("apikey", {
				id: "k1",
				configId: "default",
				name: null,
				start: null,
				prefix: null,
				key: "hash",
				referenceId: "u1",
				refillInterval: null,
				refillAmount: null,
				lastRefillAt: null,
				enabled: true,
				rateLimitEnabled: false,
				rateLimitTimeWindow: null,
				rateLimitMax: null,
				requestCount: 0,
				remaining: 20,
				lastRequest: null,
				expiresAt: null,
				createdAt: now,
				updatedAt: now,
				permissions: null,
				metadata: null,
			});
			const results = await Promise.all(
				Array.from({ length: 50 }, () => s.increment("apikey", { id: "k1", remaining: cmp.gt(0) }, "remaining", -1)),
			);
			expect(results.filter((r) => r !== null)).toHaveLength(20);
			expect((await s.findOne("apikey", { id: "k1" }))?.remaining).toBe(0);
			expect(await s.increment("apikey", { id: "missing" }, "requestCount", 1)).toBeNull();
			expect((await s.increment("apikey", { id: "k1" }, "requestCount", 3))?.requestCount).toBe(3);
			expect(s.increment("apikey", { id: "k1" }, "requestCount", Number.NaN)).rejects.toThrow("finite");
		});

		test("new plugin columns have their defaults on rows written without them", async () => {
			const s = await open(dialect);
			const row = await s.create("user", user("u1", "A", "a@example.com"));
			expect(row.twoFactorEnabled).toBe(false);
			expect(row.banned).toBe(false);
			expect(row.role).toBeNull();
		});
	});
}
