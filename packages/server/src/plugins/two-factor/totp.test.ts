/**
 * TOTP mechanics against the RFC vectors (RFC 4226 Appendix D, RFC 6238 Appendix B), with
 * timestamps passed in (never the clock), and Better Auth's formats: the HMAC key is the
 * UTF-8 bytes of the 32-character secret, and the otpauth URI is built as Better Auth does.
 */
import { describe, expect, test } from "bun:test";
import { HOTP, Secret, TOTP, URI } from "otpauth";
import { testDialects } from "../../testing/index.ts";
import { setup } from "./test-kit.ts";
import { generateTotpCode, generateTotpSecret, matchTotpCode, totpKey, totpURI } from "./totp.ts";

const RFC_SECRET = "12345678901234567890";
const EIGHT = { digits: 8, period: 30 };
/** RFC 6238 Appendix B, SHA-1 column. */
const RFC_6238: [number, string][] = [
	[59, "94287082"],
	[1111111109, "07081804"],
	[1111111111, "14050471"],
	[1234567890, "89005924"],
	[2000000000, "69279037"],
	[20000000000, "65353130"],
];
/** RFC 4226 Appendix D, counters 0–9. */
const RFC_4226 = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];

for (const dialect of await testDialects()) {
	describe(`TOTP mechanics [${dialect}]`, () => {
		test("RFC 6238 Appendix B (SHA-1, 8 digits): generated and matched at the RFC times", () => {
			for (const [seconds, code] of RFC_6238) {
				expect(generateTotpCode(RFC_SECRET, seconds * 1000, EIGHT)).toBe(code);
				expect(matchTotpCode(RFC_SECRET, code, seconds * 1000, EIGHT)).toBe(Math.floor(seconds / 30));
			}
		});

		test("RFC 4226 Appendix D: the HMAC key is the secret's UTF-8 bytes", () => {
			const secret = totpKey(RFC_SECRET);
			RFC_4226.forEach((code, counter) => expect(HOTP.generate({ secret, counter })).toBe(code));
		});

		test("one step of drift either way is accepted and reports the step used; two are not", () => {
			const t0 = 1_234_567_890_000;
			const params = { digits: 6, period: 30 };
			const step = Math.floor(t0 / 30_000);
			const at = (offset: number) => generateTotpCode(RFC_SECRET, t0 + offset * 30_000, params);
			expect(matchTotpCode(RFC_SECRET, at(-1), t0, params)).toBe(step - 1);
			expect(matchTotpCode(RFC_SECRET, at(0), t0, params)).toBe(step);
			expect(matchTotpCode(RFC_SECRET, at(1), t0, params)).toBe(step + 1);
			expect(matchTotpCode(RFC_SECRET, at(2), t0, params)).toBeNull();
			expect(matchTotpCode(RFC_SECRET, at(-2), t0, params)).toBeNull();
			for (const bad of ["", "12345", "1234567", "abcdef", "00000\u0000", "９４２８７０"]) expect(matchTotpCode(RFC_SECRET, bad, t0, params)).toBeNull();
		});

		test("a base32: secret (imported) is decoded, others are used as text", () => {
			const base32 = new Secret({ buffer: new TextEncoder().encode(RFC_SECRET).buffer }).base32;
			expect(generateTotpCode(`base32:${base32}`, 59_000, EIGHT)).toBe("94287082");
		});

		test("new secrets: 32 characters of Better Auth's alphabet, all different", () => {
			const secrets = new Set(Array.from({ length: 50 }, generateTotpSecret));
			expect(secrets.size).toBe(50);
			for (const secret of secrets) expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
		});

		test("the otpauth URI has Better Auth's layout and round-trips through otpauth", () => {
			const uri = totpURI({ secret: RFC_SECRET, issuer: "Better Auth", account: "a@x.com", digits: 6, period: 30 });
			expect(uri).toBe("otpauth://totp/Better%20Auth:a%40x.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Better+Auth&digits=6&period=30");
			// otpauth reads `+` literally, so the round trip uses an issuer without spaces.
			const parsed = URI.parse(totpURI({ secret: RFC_SECRET, issuer: "Acme", account: "a@x.com", digits: 6, period: 30 }));
			if (!(parsed instanceof TOTP)) throw new Error("not a TOTP URI");
			expect({ issuer: parsed.issuer, label: parsed.label, key: parsed.secret.utf8, digits: parsed.digits, period: parsed.period }).toEqual({
				issuer: "Acme",
				label: "a@x.com",
				key: RFC_SECRET,
				digits: 6,
				period: 30,
			});
		});

		test("auth.api.generateTOTP gives the current code of a raw secret, and is not on HTTP", async () => {
			const t = await setup(dialect);
			const { code } = await t.api.generateTOTP({ body: { secret: RFC_SECRET } });
			expect(code).toBe(generateTotpCode(RFC_SECRET, t.clock.now().getTime(), { digits: 6, period: 30 }));
			const http = await t.client().request("/two-factor/generate-totp", { json: { secret: RFC_SECRET } });
			expect(http.status).toBe(404);
			expect(await http.text()).toBe("");
		});

		test("generateTOTP refuses when TOTP is off, with Better Auth's inline message", async () => {
			const t = await setup(dialect, { totpOptions: { disable: true } });
			await expect(t.api.generateTOTP({ body: { secret: RFC_SECRET } })).rejects.toMatchObject({ status: "BAD_REQUEST", body: { code: "TOTP_NOT_CONFIGURED", message: "totp isn't configured" } });
		});
	});
}
