import { createHash } from "node:crypto";
import { generateRandomString } from "../../crypto/random.ts";
import type { ResolvedApiKeyOptions } from "./options.ts";

/** Better Auth's key alphabet: `[a-zA-Z]` only (spec/plugins.md §7.2). */
const KEY_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * A new plaintext key: `prefix` + `defaultKeyLength` letters from the CSPRNG. 64 letters carry
 * about 365 bits, far above the 128-bit floor of SECURITY.md rule 11.
 */
export function generateApiKey(options: ResolvedApiKeyOptions, prefix: string | undefined): string {
	return `${prefix ?? ""}${generateRandomString(options.defaultKeyLength, KEY_ALPHABET)}`;
}

/**
 * What is stored and looked up for a key: SHA-256 as base64url without padding (43
 * characters), Better Auth's format, so its databases keep working. A fast hash is right
 * here: the key is a long random secret, not a password, so there is nothing to brute-force
 * (Copenhagen Book, "Server-side tokens"). A lookup by digest leaks nothing useful through
 * timing: an attacker cannot steer the digest of their guess.
 */
export function hashApiKey(key: string, options: ResolvedApiKeyOptions): string {
	if (options.disableKeyHashing) return key;
	return createHash("sha256").update(key, "utf8").digest("base64url");
}
