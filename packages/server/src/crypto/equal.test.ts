import { describe, expect, test } from "bun:test";
import { timingSafeEqual } from "node:crypto";
import { constantTimeEqual } from "./equal.ts";

describe("constantTimeEqual", () => {
	test("agrees with node:crypto's timingSafeEqual on the UTF-8 bytes", () => {
		const samples = ["", "a", "b", "ab", "ba", "x".repeat(44), `${"x".repeat(43)}y`, "é", "e\u0301", "😀", "\u0000", "token.signature="];
		for (const a of samples) {
			for (const b of samples) {
				const x = Buffer.from(a);
				const y = Buffer.from(b);
				expect(constantTimeEqual(a, b)).toBe(x.byteLength === y.byteLength && timingSafeEqual(x, y));
			}
		}
	});

	test("a difference anywhere is found, first or last character", () => {
		const base = "s".repeat(64);
		expect(constantTimeEqual(base, `t${base.slice(1)}`)).toBe(false);
		expect(constantTimeEqual(base, `${base.slice(0, -1)}t`)).toBe(false);
		expect(constantTimeEqual(base, base.slice(0))).toBe(true);
	});
});
