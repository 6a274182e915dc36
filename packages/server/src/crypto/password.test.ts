import { describe, expect, test } from "bun:test";
import { hashPassword as betterAuthHash, verifyPassword as betterAuthVerify } from "better-auth/crypto";
import { hashPassword, scryptHasher, verifyPassword } from "./password.ts";

/**
 * Hashes written once by Better Auth 1.7.6's own `hashPassword` (`better-auth/crypto`) and
 * pasted here, so a change of parameters, salt handling or encoding on our side fails even
 * if Better Auth were to drift in the same way.
 */
const FIXED_VECTORS = [
	{
		password: "latchkey fixed vector 1",
		hash: "e407c2821047c349b17c163c84b9519e:6efc99f53f49884a6949518252c9d51b600f0a96a73b3ecec13697bf232d3408dabbeb7cb8ccaef8d43b11164dfb42e6ae2c721128facd2513d614bf5f7d5d19",
	},
	{
		// "Café-①-pässwörd" in composed form (NFC, with U+2460 CIRCLED DIGIT ONE).
		password: "Caf\u00e9-\u2460-p\u00e4ssw\u00f6rd",
		hash: "e873ef195c87006e27d2253f20db0c55:24b7bc63b5c754705a7c828fbd08f75810bdbafd42fa7a140c0d3dfe45b994acc88e9b7226a5ddcc1a587f665d9e72be8582790bb647c97bd6163ef2688e6f56",
	},
] as const;

/** The stored format (spec/core.md §7.1): 32 hex salt, colon, 128 hex key. */
const FORMAT = /^[0-9a-f]{32}:[0-9a-f]{128}$/;

describe("password hashing: Better Auth compatibility (spec/core.md §7.1)", () => {
	test("our hash has Better Auth's format and a fresh salt each time", async () => {
		const a = await hashPassword("correct horse battery staple");
		const b = await hashPassword("correct horse battery staple");
		expect(a).toMatch(FORMAT);
		expect(b).toMatch(FORMAT);
		expect(a).not.toBe(b);
	});

	test("a hash written by Better Auth verifies with ours", async () => {
		const password = "correct horse battery staple";
		const hash = await betterAuthHash(password);
		expect(hash).toMatch(FORMAT);
		expect(await verifyPassword(hash, password)).toBe(true);
		expect(await verifyPassword(hash, `${password}!`)).toBe(false);
	});

	test("a hash written by us verifies with Better Auth's", async () => {
		const password = "correct horse battery staple";
		const hash = await hashPassword(password);
		expect(await betterAuthVerify({ hash, password })).toBe(true);
		expect(await betterAuthVerify({ hash, password: `${password}!` })).toBe(false);
	});

	test("non-ASCII passwords round-trip both ways", async () => {
		const password = "пароль-密码-🔑-ß";
		expect(await verifyPassword(await betterAuthHash(password), password)).toBe(true);
		expect(await betterAuthVerify({ hash: await hashPassword(password), password })).toBe(true);
	});

	test("fixed vectors from Better Auth verify with ours", async () => {
		for (const { password, hash } of FIXED_VECTORS) {
			expect(hash).toMatch(FORMAT);
			expect(await verifyPassword(hash, password)).toBe(true);
			expect(await verifyPassword(hash, password.toUpperCase())).toBe(false);
		}
	});

	test("the pluggable scryptHasher accepts Better Auth's hashes too", async () => {
		const { password, hash } = FIXED_VECTORS[0];
		expect(await scryptHasher.verify({ hash, password })).toBe(true);
		expect(await scryptHasher.verify({ hash, password: "wrong" })).toBe(false);
		const ours = await scryptHasher.hash(password);
		expect(await betterAuthVerify({ hash: ours, password })).toBe(true);
	});
});

describe("password hashing: NFKC normalisation", () => {
	const composed = "Caf\u00e9-\u2460-p\u00e4ssw\u00f6rd";
	// Same text decomposed (NFD: e + U+0301, a + U+0308) and with the compatibility form of ①.
	const decomposed = "Cafe\u0301-1-pa\u0308sswo\u0308rd";

	test("the two spellings differ as strings but are NFKC-equal", () => {
		expect(composed).not.toBe(decomposed);
		expect(composed.normalize("NFKC")).toBe(decomposed.normalize("NFKC"));
	});

	test("the Better Auth fixed vector accepts the decomposed spelling", async () => {
		const vector = FIXED_VECTORS[1];
		expect(await verifyPassword(vector.hash, decomposed)).toBe(true);
		expect(await verifyPassword(vector.hash, composed.normalize("NFD"))).toBe(true);
	});

	test("a hash of one spelling verifies the other, ours and Better Auth's alike", async () => {
		const ours = await hashPassword(decomposed);
		expect(await verifyPassword(ours, composed)).toBe(true);
		expect(await betterAuthVerify({ hash: ours, password: composed })).toBe(true);
		const theirs = await betterAuthHash(composed);
		expect(await verifyPassword(theirs, decomposed)).toBe(true);
	});

	test("NFKC does not merge different passwords", async () => {
		const hash = await hashPassword("Cafe-1-passwd");
		expect(await verifyPassword(hash, composed)).toBe(false);
	});
});

describe("password hashing: rejection and malformed input", () => {
	test("a wrong password is rejected", async () => {
		const hash = await hashPassword("password1234");
		expect(await verifyPassword(hash, "password1235")).toBe(false);
		expect(await verifyPassword(hash, "")).toBe(false);
		expect(await verifyPassword(hash, "password1234 ")).toBe(false);
	});

	test("a tampered key or salt is rejected", async () => {
		const hash = await hashPassword("password1234");
		const [salt = "", key = ""] = hash.split(":");
		const flip = (hex: string): string => (hex[0] === "0" ? `1${hex.slice(1)}` : `0${hex.slice(1)}`);
		expect(await verifyPassword(`${salt}:${flip(key)}`, "password1234")).toBe(false);
		expect(await verifyPassword(`${flip(salt)}:${key}`, "password1234")).toBe(false);
		expect(await verifyPassword(`${salt}:${key.slice(0, -2)}`, "password1234")).toBe(false);
	});

	test("malformed hashes return false without throwing", async () => {
		const malformed = ["", ":", "nocolon", "e407c2821047c349b17c163c84b9519e", ":6efc99f5", "e407c2821047c349b17c163c84b9519e:", "not hex:not hex"];
		for (const hash of malformed) {
			expect(await verifyPassword(hash, "latchkey fixed vector 1")).toBe(false);
		}
	});
});

describe("password hashing: the event loop keeps running", () => {
	test("timers fire while a hash and a verify are in progress", async () => {
		let ticks = 0;
		const interval = setInterval(() => ticks++, 1);
		let timeoutFired = false;
		setTimeout(() => {
			timeoutFired = true;
		}, 0);
		try {
			const started = performance.now();
			const hash = await hashPassword("password1234");
			// A synchronous scrypt would finish before any timer could run: the timeout would
			// still be pending here and the interval would not have ticked.
			expect(timeoutFired).toBe(true);
			const ticksDuringHash = ticks;
			expect(ticksDuringHash).toBeGreaterThan(0);
			expect(await verifyPassword(hash, "password1234")).toBe(true);
			expect(ticks).toBeGreaterThan(ticksDuringHash);
			// The hash really is scrypt-expensive, so the ticks are not an artefact of a fast path.
			expect(performance.now() - started).toBeGreaterThan(5);
		} finally {
			clearInterval(interval);
		}
	});

	test("concurrent hashes all complete and stay verifiable", async () => {
		const passwords = ["one-password", "two-password", "three-password", "four-password"];
		const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));
		const results = await Promise.all(hashes.map((hash, i) => verifyPassword(hash, passwords[i] ?? "")));
		expect(results).toEqual([true, true, true, true]);
	});
});
