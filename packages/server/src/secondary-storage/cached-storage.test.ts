/**
 * The session cache must never outlive a write. Two Latchkey instances share one database
 * and one secondary storage, as two processes behind a load balancer would; each test warms
 * the cache on one, writes on the other (sign-out, revoke, ban, password change, profile
 * update, a transaction), and expects the very next read on the first to see the write.
 * If invalidation missed any of these, the stale cached session would answer 200.
 */
import { afterEach, describe, expect, spyOn, test } from "bun:test";
import { createLatchkey } from "../latchkey.ts";
import { admin } from "../plugins/admin/index.ts";
import { createTestStorage, fastTestHasher, TEST_ORIGIN, TEST_SECRET, testDialects } from "../testing/index.ts";
import type { Dialect } from "../testing/index.ts";
import type { Storage } from "../storage/storage.ts";
import { ServiceUnavailableError } from "../storage/unavailable.ts";
import { withSecondaryStorage } from "./cached-storage.ts";
import { createMemorySecondaryStorage } from "./memory-storage.ts";
import type { SecondaryStorage } from "./secondary-storage.ts";

const disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
	await Promise.all(disposers.splice(0).map((d) => d()));
});

/** A secondary storage that records what was written and can be switched off, like Redis going down. */
function observable(inner: SecondaryStorage = createMemorySecondaryStorage()) {
	const writes: { key: string; value: string }[] = [];
	const state = { down: false };
	const guard = () => {
		if (state.down) throw new ServiceUnavailableError("redis: down (test)");
	};
	const storage: SecondaryStorage = {
		async get(key) {
			guard();
			return inner.get(key);
		},
		async set(key, value, ttl) {
			guard();
			writes.push({ key, value });
			return inner.set(key, value, ttl);
		},
		async delete(key) {
			guard();
			return inner.delete(key);
		},
	};
	return { storage, writes, state };
}

async function twoInstances(dialect: Dialect) {
	const { storage, dispose } = await createTestStorage(dialect);
	disposers.push(dispose);
	const shared = observable();
	const reads = spyOn(storage, "findSessionAndUser");
	const make = () =>
		createLatchkey({
			baseURL: TEST_ORIGIN,
			secret: TEST_SECRET,
			database: storage,
			secondaryStorage: shared.storage,
			emailAndPassword: { enabled: true, password: fastTestHasher },
			rateLimit: { enabled: false },
			plugins: [admin()],
		});
	const a = make();
	const b = make();
	const call = (auth: typeof a, path: string, token: string | null, json?: unknown) =>
		auth.handler(
			new Request(`${TEST_ORIGIN}/api/auth${path}`, {
				method: json === undefined ? "GET" : "POST",
				headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(json === undefined ? {} : { "content-type": "application/json" }) },
				body: json === undefined ? undefined : JSON.stringify(json),
			}),
			{ ip: "127.0.0.1" },
		);
	const signUp = async (email: string) => {
		const res = await call(a, "/sign-up/email", null, { name: "U", email, password: "password1234" });
		expect(res.status).toBe(200);
		return (await res.json()) as { token: string; user: { id: string } };
	};
	const signIn = async (auth: typeof a, email: string, password = "password1234") => {
		const res = await call(auth, "/sign-in/email", null, { email, password });
		expect(res.status).toBe(200);
		return ((await res.json()) as { token: string }).token;
	};
	const sessionOn = async (auth: typeof a, token: string) => (await (await call(auth, "/get-session", token)).json()) as { user: { name: string } } | null;
	return { storage, shared, reads, a, b, call, signUp, signIn, sessionOn };
}

for (const dialect of await testDialects()) {
	describe(`session cache across instances [${dialect}]`, () => {
		test("a warm session is served from the secondary storage, under a hashed key, without the token", async () => {
			const k = await twoInstances(dialect);
			const { token } = await k.signUp("warm@example.com");
			expect(await k.sessionOn(k.b, token)).not.toBeNull();
			const before = k.reads.mock.calls.length;
			expect((await k.sessionOn(k.a, token))?.user.name).toBe("U");
			expect((await k.sessionOn(k.b, token))?.user.name).toBe("U");
			expect(k.reads.mock.calls.length).toBe(before);
			for (const { key, value } of k.shared.writes) {
				expect(key).not.toContain(token);
				expect(value).not.toContain(token);
			}
			expect(k.shared.writes.some((w) => w.key.startsWith("session:"))).toBe(true);
		});

		test("sign-out on A: the session is refused on B at once", async () => {
			const k = await twoInstances(dialect);
			const { token } = await k.signUp("out@example.com");
			expect(await k.sessionOn(k.b, token)).not.toBeNull();
			expect((await k.call(k.a, "/sign-out", token, {})).status).toBe(200);
			expect(await k.sessionOn(k.b, token)).toBeNull();
		});

		test("revoke-sessions on B (delete by userId): every session of the user is refused on A", async () => {
			const k = await twoInstances(dialect);
			const { token } = await k.signUp("revoke@example.com");
			const other = await k.signIn(k.b, "revoke@example.com");
			expect(await k.sessionOn(k.a, token)).not.toBeNull();
			expect(await k.sessionOn(k.a, other)).not.toBeNull();
			expect((await k.call(k.b, "/revoke-sessions", other, {})).status).toBe(200);
			expect(await k.sessionOn(k.a, token)).toBeNull();
			expect(await k.sessionOn(k.a, other)).toBeNull();
		});

		test("update-user on A: B answers the new name on its next read", async () => {
			const k = await twoInstances(dialect);
			const { token } = await k.signUp("rename@example.com");
			expect((await k.sessionOn(k.b, token))?.user.name).toBe("U");
			expect((await k.call(k.a, "/update-user", token, { name: "Renamed" })).status).toBe(200);
			expect((await k.sessionOn(k.b, token))?.user.name).toBe("Renamed");
		});

		test("change-password with revokeOtherSessions on A: the other session is refused on B", async () => {
			const k = await twoInstances(dialect);
			const { token } = await k.signUp("pw@example.com");
			const other = await k.signIn(k.b, "pw@example.com");
			expect(await k.sessionOn(k.b, other)).not.toBeNull();
			const res = await k.call(k.a, "/change-password", token, { currentPassword: "password1234", newPassword: "new-password-5678", revokeOtherSessions: true });
			expect(res.status).toBe(200);
			expect(await k.sessionOn(k.b, other)).toBeNull();
		});

		test("an admin ban on A: the banned user's session is refused on B", async () => {
			const k = await twoInstances(dialect);
			const adminUser = await k.signUp("admin@example.com");
			const victim = await k.signUp("victim@example.com");
			await k.a.$context.storage.update("user", { id: adminUser.user.id }, { role: "admin" });
			expect(await k.sessionOn(k.b, victim.token)).not.toBeNull();
			const res = await k.call(k.a, "/admin/ban-user", adminUser.token, { userId: victim.user.id });
			expect(res.status).toBe(200);
			expect(await k.sessionOn(k.b, victim.token)).toBeNull();
		});

		test("a write inside a transaction invalidates after commit, and after rollback too", async () => {
			const k = await twoInstances(dialect);
			const { token, user } = await k.signUp("tx@example.com");
			const storage: Storage = k.a.$context.storage;
			expect(await k.sessionOn(k.b, token)).not.toBeNull();
			await storage.transaction(async (tx) => {
				await tx.update("user", { id: user.id }, { name: "In transaction" });
			});
			expect((await k.sessionOn(k.b, token))?.user.name).toBe("In transaction");
			const failing = storage.transaction(async (tx) => {
				await tx.update("user", { id: user.id }, { name: "Rolled back" });
				throw new Error("boom");
			});
			await expect(failing).rejects.toThrow("boom");
			expect((await k.sessionOn(k.b, token))?.user.name).toBe("In transaction");
		});

		test("a delete by a where that names neither token nor user (expiry sweep) still invalidates", async () => {
			const k = await twoInstances(dialect);
			const { token } = await k.signUp("sweep@example.com");
			expect(await k.sessionOn(k.b, token)).not.toBeNull();
			await k.a.$context.storage.delete("session", { createdAt: { op: "lt", value: new Date(Date.now() + 60_000) } });
			expect(await k.sessionOn(k.b, token)).toBeNull();
		});

		test("secondary storage down: reads fall back to the database; session writes are refused with 503 and change nothing", async () => {
			const k = await twoInstances(dialect);
			const { token } = await k.signUp("down@example.com");
			expect(await k.sessionOn(k.b, token)).not.toBeNull();
			k.shared.state.down = true;
			expect(await k.sessionOn(k.a, token)).not.toBeNull();
			const res = await k.call(k.a, "/sign-out", token, {});
			expect(res.status).toBe(503);
			expect(await res.json()).toEqual({ code: "SERVICE_UNAVAILABLE", message: "The service is temporarily unavailable. Please try again." });
			k.shared.state.down = false;
			// Nothing was deleted, so the cached session is still right.
			expect(await k.sessionOn(k.b, token)).not.toBeNull();
			expect((await k.call(k.b, "/sign-out", token, {})).status).toBe(200);
			expect(await k.sessionOn(k.a, token)).toBeNull();
		});
	});
}

describe("withSecondaryStorage", () => {
	test("a reader that read the row before a write committed cannot leave that old row cached", async () => {
		const { storage, dispose } = await createTestStorage("sqlite");
		disposers.push(dispose);
		const secondary = createMemorySecondaryStorage();
		const now = new Date();
		await storage.create("user", { id: "u1", name: "Old", email: "race@example.com", emailVerified: false, image: null, createdAt: now, updatedAt: now, username: null, displayUsername: null });
		await storage.create("session", { id: "s1", token: "race-token", userId: "u1", expiresAt: new Date(now.getTime() + 3_600_000), createdAt: now, updatedAt: now, ipAddress: null, userAgent: null });
		// The reader's database read returns, then the reader stalls (a GC pause, a slow network)
		// while a writer on another process commits a change and finishes.
		// The stall hits the reader's second database read (the one it caches), whatever the
		// implementation reads before it.
		let resume = () => {};
		const stall = new Promise<void>((resolve) => {
			resume = resolve;
		});
		let reads = 0;
		let stalled = () => {};
		const reachedStall = new Promise<void>((resolve) => {
			stalled = resolve;
		});
		const slow: Storage = Object.create(storage);
		slow.findSessionAndUser = async (token) => {
			const rows = await storage.findSessionAndUser(token);
			if (++reads === 2) {
				stalled();
				await stall;
			}
			return rows;
		};
		const reader = withSecondaryStorage(slow, secondary);
		const writer = withSecondaryStorage(storage, secondary);
		const reading = reader.findSessionAndUser("race-token");
		await reachedStall;
		await writer.update("user", { id: "u1" }, { name: "New" });
		resume();
		expect((await reading)?.user.name).toBe("Old");
		// Whatever the stalled reader put in the cache must not be served now.
		expect((await writer.findSessionAndUser("race-token"))?.user.name).toBe("New");
		expect((await reader.findSessionAndUser("race-token"))?.user.name).toBe("New");
	});


	test("close() closes the database and then the secondary storage", async () => {
		const { storage } = await createTestStorage("sqlite");
		const order: string[] = [];
		spyOn(storage, "close").mockImplementation(async () => void order.push("database"));
		const secondary = { ...createMemorySecondaryStorage(), close: () => void order.push("secondary") };
		await withSecondaryStorage(storage, secondary).close();
		expect(order).toEqual(["database", "secondary"]);
	});
});
