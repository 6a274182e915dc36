import { createHash } from "node:crypto";
import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { bytesToHex, hexToBytes, managedNonce } from "@noble/ciphers/utils.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function cipherFor(secret: string) {
	const key = new Uint8Array(createHash("sha256").update(secret, "utf8").digest());
	// managedNonce prepends a fresh random 24-byte nonce on encrypt and reads it back on decrypt.
	return managedNonce(xchacha20poly1305)(key);
}

/**
 * Encrypts a value at rest with the server secret, in Better Auth's format (spec/plugins.md
 * §1.5): lowercase hex of `nonce(24) ‖ ciphertext ‖ tag(16)`, XChaCha20-Poly1305 with key
 * SHA-256(secret). Data written by either server reads on the other.
 */
export function symmetricEncrypt(secret: string, plaintext: string): string {
	return bytesToHex(cipherFor(secret).encrypt(encoder.encode(plaintext)));
}

/**
 * Decrypts {@link symmetricEncrypt} output. Throws on a wrong secret, tampered data or
 * malformed input (the Poly1305 tag fails): callers must not treat garbage as a value.
 */
export function symmetricDecrypt(secret: string, hex: string): string {
	if (!/^(?:[0-9a-f]{2})+$/.test(hex)) throw new Error("symmetricDecrypt: not hex");
	return decoder.decode(cipherFor(secret).decrypt(hexToBytes(hex)));
}
