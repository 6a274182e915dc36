import { createHash } from "node:crypto";
import type { PasswordHasher } from "../crypto/password.ts";
import { constantTimeEqual } from "../crypto/equal.ts";

/** A fast hasher for tests only (scrypt takes ~90 ms here); never use it in an application. */
export const fastTestHasher: PasswordHasher = {
	hash: async (password) => `test:${createHash("sha256").update(password.normalize("NFKC")).digest("hex")}`,
	verify: async ({ hash, password }) => constantTimeEqual(hash, `test:${createHash("sha256").update(password.normalize("NFKC")).digest("hex")}`),
};
