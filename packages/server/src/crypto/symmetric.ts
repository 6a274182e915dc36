import { createHash } from "node:crypto";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

let ciphers: { chacha: typeof import("@noble/ciphers/chacha.js"); utils: typeof import("@noble/ciphers/utils.js") } | undefined;
/**
 * @noble/ciphers, loaded on the first encryption or decryption: an app that never encrypts
 * (no two-factor, no `encryptOAuthTokens`) never pays for it at startup. Bun's `require`
 * loads the ES modules synchronously (same instances as an `import`), so the API stays
 * synchronous.
 */
function lib(): NonNullable<typeof ciphers> {
	ciphers ??= {
		chacha: require("@noble/ciphers/chacha.js") as typeof import("@noble/ciphers/chacha.js"),
		utils: require("@noble/ciphers/utils.js") as typeof import("@noble/ciphers/utils.js"),
	};
	return ciphers;
}

function cipherFor(secret: string) {
	const { chacha, utils } = lib();
	const key = new Uint8Array(createHash("sha256").update(secret, "utf8").digest());
	// managedNonce prepends a fresh random 24-byte nonce on encrypt and reads it back on decrypt.
	return utils.managedNonce(chacha.xchacha20poly1305)(key);
}

/**
 * Encrypts a value at rest with the server secret, in Better Auth's format (spec/plugins.md
 * §1.5): lowercase hex of `nonce(24) ‖ ciphertext ‖ tag(16)`, XChaCha20-Poly1305 with key
 * SHA-256(secret). Data written by either server reads on the other.
 */
export function symmetricEncrypt(secret: string, plaintext: string): string {
	return lib().utils.bytesToHex(cipherFor(secret).encrypt(encoder.encode(plaintext)));
}

/**
 * Decrypts {@link symmetricEncrypt} output. Throws on a wrong secret, tampered data or
 * malformed input (the Poly1305 tag fails): callers must not treat garbage as a value.
 */
export function symmetricDecrypt(secret: string, hex: string): string {
	if (!/^(?:[0-9a-f]{2})+$/.test(hex)) throw new Error("symmetricDecrypt: not hex");
	return decoder.decode(cipherFor(secret).decrypt(lib().utils.hexToBytes(hex)));
}
