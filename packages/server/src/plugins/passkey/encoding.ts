/** Standard base64 with padding, Better Auth's encoding of the stored public key. */
export function toBase64(bytes: Uint8Array): string {
	return Buffer.from(bytes).toString("base64");
}

/** Decodes {@link toBase64}. */
export function fromBase64(value: string): Uint8Array<ArrayBuffer> {
	const bytes = Buffer.from(value, "base64");
	const out = new Uint8Array(new ArrayBuffer(bytes.byteLength));
	out.set(bytes);
	return out;
}
