import { describe, expect, test } from "bun:test";
import { symmetricDecrypt, symmetricEncrypt } from "./symmetric.ts";

const SECRET = "test-secret-that-is-at-least-32-characters-long";

describe("symmetricEncrypt", () => {
	test("round-trips and uses a fresh nonce every time", () => {
		const a = symmetricEncrypt(SECRET, "JBSWY3DPEHPK3PXP-secret-value-32");
		const b = symmetricEncrypt(SECRET, "JBSWY3DPEHPK3PXP-secret-value-32");
		expect(a).not.toBe(b);
		expect(symmetricDecrypt(SECRET, a)).toBe("JBSWY3DPEHPK3PXP-secret-value-32");
		expect(symmetricDecrypt(SECRET, "" + b)).toBe("JBSWY3DPEHPK3PXP-secret-value-32");
	});

	test("matches Better Auth's size: 32 characters encrypt to 144 hex characters", () => {
		expect(symmetricEncrypt(SECRET, "x".repeat(32))).toMatch(/^[0-9a-f]{144}$/);
	});

	test("reads what Better Auth's symmetricEncrypt wrote, and the other way round", async () => {
		const { symmetricEncrypt: baEncrypt, symmetricDecrypt: baDecrypt } = await import("better-auth/crypto");
		const theirs = await baEncrypt({ key: SECRET, data: "shared value ✓" });
		expect(symmetricDecrypt(SECRET, theirs)).toBe("shared value ✓");
		expect(await baDecrypt({ key: SECRET, data: symmetricEncrypt(SECRET, "ours") })).toBe("ours");
	});

	test("refuses a wrong secret, tampering and non-hex input", () => {
		const sealed = symmetricEncrypt(SECRET, "value");
		expect(() => symmetricDecrypt("another-secret-that-is-32-characters", sealed)).toThrow();
		const flipped = sealed.slice(0, -1) + (sealed.endsWith("0") ? "1" : "0");
		expect(() => symmetricDecrypt(SECRET, flipped)).toThrow();
		expect(() => symmetricDecrypt(SECRET, "zz")).toThrow();
		expect(() => symmetricDecrypt(SECRET, "")).toThrow();
		expect(() => symmetricDecrypt(SECRET, "abc")).toThrow();
	});
});
