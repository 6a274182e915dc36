/** Options of the email endpoints that answer the same for known and unknown addresses. */
export interface ConstantAnswerOptions {
	/**
	 * Minimum response time in milliseconds of the answers that must not reveal whether an
	 * address has an account (`POST /send-verification-email` without a session,
	 * `POST /request-password-reset`, `POST /forget-password`). Default 500, Better Auth's
	 * padding. Tests pass a small value so the suite stays fast.
	 */
	minResponseMs?: number;
}

/** Better Auth pads the no-session verification answer to at least this long (spec/core.md §9.19). */
export const DEFAULT_MIN_RESPONSE_MS = 500;

/**
 * Runs `work`, then waits until `minMs` have passed since the start, so a known address
 * (lookup + token + mail) and an unknown one (lookup only) take the same time from outside
 * (no enumeration by timing, SECURITY.md rule 8; OWASP Forgot Password Cheat Sheet:
 * "consistent response time"). A failing mail sender is logged, not answered: a 500 only for
 * existing accounts would be an oracle too.
 */
export async function withConstantTime(minMs: number, work: () => Promise<void>): Promise<void> {
	const start = performance.now();
	try {
		await work();
	} catch (error) {
		const name = error instanceof Error ? error.name : typeof error;
		console.error(`[latchkey] email delivery failed (${name}); answering as usual`);
	}
	const remaining = minMs - (performance.now() - start);
	if (remaining > 0) await Bun.sleep(remaining);
}
