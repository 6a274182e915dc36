import { timingSafeEqual } from "node:crypto";

const encoder = new TextEncoder();

/**
 * Compares two strings in time that depends only on their lengths, so an attacker cannot
 * learn a secret byte by byte from response times (OWASP ASVS 11.2).
 */
export function constantTimeEqual(a: string, b: string): boolean {
	const x = encoder.encode(a);
	const y = encoder.encode(b);
	if (x.byteLength !== y.byteLength) return false;
	return timingSafeEqual(x, y);
}
