import { APIError } from "@latchkey/core";
import type { ErrorBody, RouteContract } from "@latchkey/core";
import type { EndpointContext } from "../../endpoint/define-endpoint.ts";
import type { TwoFactorRow } from "../../storage/rows.ts";
import { accountLockout } from "./account-lockout.ts";
import type { ResolvedTwoFactorOptions } from "./options.ts";
import { beginAttempt } from "./pending-challenge.ts";
import type { Attempt } from "./pending-challenge.ts";
import type { Verifier } from "./verifier.ts";

/**
 * Judges one code under the brute-force limits of a sign-in (spec/plugins.md §3.4): the
 * account must not be locked, the challenge's attempt counter is taken for the duration,
 * and a wrong code (`check` resolves `false`) counts against both, then answers 401
 * `invalid`. A `check` that throws (an expired code, a lost race) puts the counter back.
 * With a session there is no challenge and no lockout; the rate limit still applies.
 * Returns the taken attempt (`null` with a session), for a caller that keeps the challenge.
 */
export async function judgeGuess(
	ctx: EndpointContext<RouteContract, unknown>,
	options: ResolvedTwoFactorOptions,
	verifier: Verifier,
	input: { row: TwoFactorRow | null; invalid: ErrorBody; check: () => Promise<boolean> },
): Promise<Attempt | null> {
	const lockout = verifier.mode === "sign-in" ? accountLockout(ctx.auth, options, verifier.user.id, input.row) : null;
	await lockout?.assertNotLocked();
	const attempt = verifier.mode === "sign-in" ? await beginAttempt(ctx.auth, ctx.response, verifier.challenge) : null;
	let ok: boolean;
	try {
		ok = await input.check();
	} catch (error) {
		await attempt?.restore();
		throw error;
	}
	if (!ok) {
		await attempt?.recordFailure();
		await lockout?.recordFailure();
		throw APIError.from("UNAUTHORIZED", input.invalid);
	}
	await lockout?.reset();
	return attempt;
}
