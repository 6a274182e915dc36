import { constantTimeEqual } from "./equal.ts";

/**
 * One keyed HMAC-SHA-256 state per secret, copied for each use: the key schedule runs once,
 * not on every signed cookie. A server holds one or two secrets; the bound only matters for
 * processes that make many instances (tests).
 */
const keyed = new Map<string, Bun.CryptoHasher>();

function hmac(secret: string): Bun.CryptoHasher {
	let base = keyed.get(secret);
	if (!base) {
		if (keyed.size >= 16) keyed.clear();
		base = new Bun.CryptoHasher("sha256", secret);
		keyed.set(secret, base);
	}
	return base.copy();
}

/** HMAC-SHA-256 of `value`, standard base64 with padding (44 characters). */
export function hmacBase64(secret: string, value: string): string {
	return hmac(secret).update(value).digest("base64");
}

/** HMAC-SHA-256 of `value`, base64url without padding. */
export function hmacBase64Url(secret: string, value: string): string {
	return hmac(secret).update(value).digest("base64url");
}

/** `value.signature`, the signed-cookie value Better Auth writes (before URL-encoding). */
export function signValue(secret: string, value: string): string {
	return `${value}.${hmacBase64(secret, value)}`;
}

/**
 * Returns the value of a `value.signature` string when its signature is valid, else `null`.
 * The signature must be 44 base64 characters ending in `=`, as Better Auth checks
 * (spec/core.md §3.3); it is compared in constant time.
 */
export function unsignValue(secret: string, signed: string): string | null {
	const dot = signed.lastIndexOf(".");
	if (dot < 1) return null;
	const signature = signed.slice(dot + 1);
	if (signature.length !== 44 || !signature.endsWith("=")) return null;
	const value = signed.slice(0, dot);
	return constantTimeEqual(hmacBase64(secret, value), signature) ? value : null;
}
