import { scrypt } from "node:crypto";
import { constantTimeEqual } from "./equal.ts";

/** Better Auth's scrypt parameters (spec/core.md §7.1): N=16384, r=16, p=1, 64-byte key. */
const N = 16384;
const R = 16;
const P = 1;
const KEY_LENGTH = 64;
const MAXMEM = 128 * N * R * 2;

function derive(password: string, salt: string): Promise<string> {
	return new Promise((resolve, reject) => {
		// Async scrypt runs on the thread pool, never on the event loop (SECURITY.md rule 10).
		// NFKC first, so the same password typed on two keyboards hashes the same.
		scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, { N, r: R, p: P, maxmem: MAXMEM }, (error, key) => {
			if (error) reject(error);
			else resolve(key.toString("hex"));
		});
	});
}

/**
 * Hashes a password in Better Auth's stored format `<saltHex>:<keyHex>`. The salt is 16
 * random bytes as 32 hex characters, and that hex *string* is what scrypt gets as salt.
 */
export async function hashPassword(password: string): Promise<string> {
	const salt = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("hex");
	return `${salt}:${await derive(password, salt)}`;
}

/** Verifies a password against a `<saltHex>:<keyHex>` hash, comparing in constant time. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
	const separator = hash.indexOf(":");
	if (separator <= 0) return false;
	const salt = hash.slice(0, separator);
	const key = hash.slice(separator + 1);
	return constantTimeEqual(await derive(password, salt), key);
}

/** Pluggable hasher, as Better Auth's `emailAndPassword.password.{hash, verify}`. */
export interface PasswordHasher {
	hash(password: string): Promise<string>;
	verify(input: { hash: string; password: string }): Promise<boolean>;
}

/** The default hasher: scrypt in Better Auth's format. */
export const scryptHasher: PasswordHasher = {
	hash: hashPassword,
	verify: ({ hash, password }) => verifyPassword(hash, password),
};
