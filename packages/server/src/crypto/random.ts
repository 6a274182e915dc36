/** `[a-zA-Z0-9]`, Better Auth's alphabet for ids and session tokens. */
export const ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/**
 * A random string from `alphabet`, drawn from the WebCrypto CSPRNG with rejection sampling
 * so every character is equally likely (no modulo bias). 32 alphanumeric characters carry
 * about 190 bits, above the 128-bit floor of SECURITY.md rule 11.
 */
export function generateRandomString(length: number, alphabet: string = ALPHANUMERIC): string {
	const n = alphabet.length;
	const limit = 256 - (256 % n);
	let out = "";
	const buffer = new Uint8Array(length * 2);
	while (out.length < length) {
		crypto.getRandomValues(buffer);
		for (let i = 0; i < buffer.length && out.length < length; i++) {
			const byte = buffer[i] as number;
			if (byte < limit) out += alphabet[byte % n];
		}
	}
	return out;
}

/** A 32-character row id, Better Auth's default format. */
export function generateId(): string {
	return generateRandomString(32);
}
