import { describe, expect, test } from "bun:test";
import { createSqliteStorage } from "./sqlite.ts";
import { withQueryTimeout } from "./query-timeout.ts";
import type { Storage } from "./storage.ts";
import { isServiceUnavailable, ServiceUnavailableError } from "./unavailable.ts";

describe("isServiceUnavailable", () => {
	test("recognises driver connection failures, also wrapped in a cause chain (drizzle)", () => {
		expect(isServiceUnavailable(new ServiceUnavailableError("x"))).toBe(true);
		expect(isServiceUnavailable(Object.assign(new Error("c"), { code: "CONNECTION_CLOSED" }))).toBe(true);
		expect(isServiceUnavailable(Object.assign(new Error("c"), { code: "ECONNREFUSED" }))).toBe(true);
		expect(isServiceUnavailable(Object.assign(new Error("c"), { errno: "CONNECT_TIMEOUT" }))).toBe(true);
		expect(isServiceUnavailable(new Error("query failed", { cause: Object.assign(new Error("c"), { code: "57P01" }) }))).toBe(true);
	});

	test("a bad query, a constraint violation or a plain error is not an outage", () => {
		expect(isServiceUnavailable(Object.assign(new Error("dup"), { code: "23505" }))).toBe(false);
		expect(isServiceUnavailable(Object.assign(new Error("syntax"), { code: "42601" }))).toBe(false);
		expect(isServiceUnavailable(new Error("boom"))).toBe(false);
		expect(isServiceUnavailable(null)).toBe(false);
		expect(isServiceUnavailable("ECONNREFUSED")).toBe(false);
		const loop: { cause?: unknown } = {};
		loop.cause = loop;
		expect(isServiceUnavailable(loop)).toBe(false);
	});
});

describe("withQueryTimeout", () => {
	test("a call that never answers fails as unavailable after the timeout; normal calls pass through", async () => {
		const real = createSqliteStorage();
		await real.migrate();
		const hanging: Storage = { ...real, dialect: real.dialect, findOne: () => new Promise(() => {}), findSessionAndUser: (t) => real.findSessionAndUser(t) };
		const bounded = withQueryTimeout(hanging, 50);
		const error = await bounded.findOne("user", { id: "x" }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ServiceUnavailableError);
		expect(await bounded.findSessionAndUser("nope")).toBeNull();
		expect(withQueryTimeout(real, 0)).toBe(real);
		await real.close();
	});

	test("inside a transaction each statement is bounded too", async () => {
		const real = createSqliteStorage();
		await real.migrate();
		const bounded = withQueryTimeout(
			{ ...real, dialect: real.dialect, transaction: (fn) => real.transaction((tx) => fn({ ...tx, dialect: tx.dialect, count: () => new Promise(() => {}) })) },
			50,
		);
		const error = await bounded.transaction((tx) => tx.count("user", { id: "x" })).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ServiceUnavailableError);
		await real.close();
	});
});
