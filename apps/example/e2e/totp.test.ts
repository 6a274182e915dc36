import { describe, expect, test } from "bun:test";
import { totp } from "./helpers.ts";

describe("e2e TOTP helper", () => {
	// RFC 6238 Appendix B, SHA-1, truncated to 6 digits: secret ASCII "12345678901234567890".
	const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
	test.each([
		[59, "287082"],
		[1111111109, "081804"],
		[1234567890, "005924"],
		[2000000000, "279037"],
	])("t=%d → %s", (seconds, code) => {
		expect(totp(secret, 0, seconds * 1000)).toBe(code);
	});
});
