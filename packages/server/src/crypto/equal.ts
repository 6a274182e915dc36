/**
 * Compares two strings in time that depends only on their lengths, so an attacker cannot
 * learn a secret byte by byte from response times (OWASP ASVS 11.2). Every UTF-16 code unit is
 * visited and the differences are OR-ed together: no early exit, and no allocation (this runs
 * on every signed cookie).
 */
export function constantTimeEqual(a: string, b: string): boolean {
	if (a.length !== b.length) return false;
	let diff = 0;
	for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
	return diff === 0;
}
