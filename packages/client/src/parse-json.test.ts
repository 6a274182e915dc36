import { describe, expect, test } from "bun:test";
import { parseISODate, parseJSON } from "./parse-json.ts";

describe("parseJSON (spec/core.md §2.4)", () => {
	test("empty text is null; literal null is null", () => {
		expect(parseJSON("")).toBeNull();
		expect(parseJSON("null")).toBeNull();
	});

	test("revives ISO-8601 strings at any depth", () => {
		const value = parseJSON('{"user":{"createdAt":"2026-11-22T07:43:00.958Z"},"list":["2026-11-22T07:43:00Z"]}');
		expect(value).toEqual({ user: { createdAt: new Date("2026-11-22T07:43:00.958Z") }, list: [new Date("2026-11-22T07:43:00Z")] });
	});

	test("handles offsets and 1–7 fractional digits", () => {
		expect(parseISODate("2026-11-22T09:43:00.5+02:00")?.toISOString()).toBe("2026-11-22T07:43:00.500Z");
		expect(parseISODate("2026-11-22T07:43:00.1234567Z")?.toISOString()).toBe("2026-11-22T07:43:00.123Z");
		expect(parseISODate("2026-11-22")).toBeNull();
		expect(parseISODate("2026-11-22T07:43:00")).toBeNull();
	});

	test("drops __proto__ keys", () => {
		const value = parseJSON('{"__proto__":{"polluted":true},"a":1}');
		expect(value).toEqual({ a: 1 });
		const probe: Record<string, unknown> = {};
		expect(probe.polluted).toBeUndefined();
	});

	test("non-JSON text comes back as text", () => {
		expect(parseJSON("Not Found")).toBe("Not Found");
		expect(parseJSON("{broken")).toBe("{broken");
		expect(parseJSON("42")).toBe(42);
	});
});
