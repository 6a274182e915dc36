/** Better Auth's built-in development secret: accepted only outside production. */
export const DEV_SECRET = "better-auth-secret-12345678901234567890";
const MIN_SECRET_LENGTH = 32;

/**
 * Resolves the signing secret. Production refuses to start without a real one of at least
 * 32 characters (SECURITY.md rule 13); development falls back to a known value with a warning.
 * The secret itself is never printed.
 */
export function resolveSecret(configured: string | undefined, env: Record<string, string | undefined>): string {
	const secret = configured ?? env.LATCHKEY_SECRET ?? env.BETTER_AUTH_SECRET ?? env.AUTH_SECRET;
	const production = env.NODE_ENV === "production";
	if (!secret || secret === DEV_SECRET) {
		if (production) throw new Error("latchkey: set LATCHKEY_SECRET (at least 32 characters) in production.");
		console.warn(
			"\n[latchkey] WARNING: no secret configured; using the public development secret.\n" +
				"[latchkey] Anyone can forge sessions with it. Set LATCHKEY_SECRET before deploying.\n",
		);
		return DEV_SECRET;
	}
	if (secret.length < MIN_SECRET_LENGTH) {
		if (production) throw new Error("latchkey: the secret must be at least 32 characters in production.");
		console.warn("[latchkey] WARNING: the secret is shorter than 32 characters.");
	}
	return secret;
}
