/**
 * The session read on every request bypasses drizzle's row mapping (storage/prepare-row-lookup.ts).
 * If its decoding drifted from drizzle's (a date left as text, a boolean as 0/1, a plugin
 * column missing), sessions would change shape between the cached and uncached paths. Each
 * row it reads must equal what drizzle's own `select()` gives for the same row.
 */
import { Database } from "bun:sqlite";
import { describe, expect, test } from "bun:test";
import * as schema from "./drizzle/schema.sqlite.ts";
import { prepareRowLookup } from "./prepare-row-lookup.ts";
import type { SessionRow, UserRow } from "./rows.ts";
import { createSqliteStorage } from "./sqlite.ts";

async function seeded() {
	const client = new Database(":memory:");
	const storage = createSqliteStorage({ database: client });
	await storage.migrate();
	const now = new Date("2030-01-02T03:04:05.678Z");
	await storage.create("user", {
		id: "u1",
		name: "Plain",
		email: "plain@example.com",
		emailVerified: true,
		image: null,
		createdAt: now,
		updatedAt: now,
		username: null,
		displayUsername: null,
	});
	await storage.create("user", {
		id: "u2",
		name: "Banned \"O'Hara\" 😀",
		email: "banned@example.com",
		emailVerified: false,
		image: "https://example.com/a.png",
		createdAt: now,
		updatedAt: now,
		role: "admin,user",
		banned: true,
		banReason: "spam",
		banExpires: new Date("2031-01-01T00:00:00.000Z"),
		twoFactorEnabled: true,
		username: "ohara",
		displayUsername: "O'Hara",
	});
	for (const [id, userId, token] of [["s1", "u1", "token-1"], ["s2", "u2", "token-2"]] as const) {
		await storage.create("session", { id, userId, token, expiresAt: new Date(now.getTime() + 1000), createdAt: now, updatedAt: now, ipAddress: "", userAgent: "ua", ...(id === "s2" ? { impersonatedBy: "u1", activeOrganizationId: null } : {}) });
	}
	return { client, storage };
}

describe("prepareRowLookup", () => {
	test("reads the same rows as drizzle, plugin columns, dates, booleans and nulls included", async () => {
		const { client, storage } = await seeded();
		const users = prepareRowLookup<UserRow>(client, schema.user, "user", "id");
		const sessions = prepareRowLookup<SessionRow>(client, schema.session, "session", "token");
		for (const id of ["u1", "u2"]) {
			const row = users.get(id);
			expect(row).toEqual((await storage.findOne("user", { id })) as UserRow);
			expect(row?.createdAt).toBeInstanceOf(Date);
		}
		for (const token of ["token-1", "token-2"]) expect(sessions.get(token)).toEqual((await storage.findOne("session", { token })) as SessionRow);
		expect(users.get("u2")?.banned).toBe(true);
		expect(users.get("u1")?.banned).toBe(false);
	});

	test("a miss, or a hostile value, is undefined: the value is bound, never spliced into SQL", async () => {
		const { client } = await seeded();
		const sessions = prepareRowLookup<SessionRow>(client, schema.session, "session", "token");
		for (const token of ["", "nope", "' OR 1=1 --", "token-1' --", "token-1\u0000", "x".repeat(10_000)]) expect(sessions.get(token)).toBeUndefined();
	});

	test("an unknown lookup column is refused when prepared", () => {
		expect(() => prepareRowLookup(new Database(":memory:"), schema.user, "user", "nope")).toThrow("user has no column nope");
	});
});
