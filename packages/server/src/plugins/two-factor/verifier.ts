import { APIError, TWO_FACTOR_ERROR_CODES } from "@latchkey/core";
import type { RouteContract, User } from "@latchkey/core";
import type { EndpointContext } from "../../endpoint/define-endpoint.ts";
import { createSession } from "../../session/create-session.ts";
import { resolveSession } from "../../session/get-session.ts";
import { toUserOutput } from "../../session/output.ts";
import { hasDontRemember } from "../../session/read-token.ts";
import { setSessionCookies } from "../../session/session-cookies.ts";
import type { SessionRow, UserRow } from "../../storage/rows.ts";
import type { ResolvedTwoFactorOptions } from "./options.ts";
import { consumeChallenge, expireChallengeCookie, readChallenge } from "./pending-challenge.ts";
import type { PendingChallenge } from "./pending-challenge.ts";
import { createTrustedDevice, setTrustCookie } from "./trust-device.ts";

/**
 * Who is verifying a code: a signed-in user (enrolment, or a re-check) or someone half-way
 * through a sign-in, holding only the `two_factor` challenge cookie.
 */
export type Verifier =
	| { mode: "session"; user: UserRow; session: SessionRow; challenge: null; key: string }
	| { mode: "sign-in"; user: UserRow; session: null; challenge: PendingChallenge; key: string };

/**
 * The verifier of a request: its session (read from the database, SECURITY.md rule 6) if it
 * has one, else its pending challenge, else 401 INVALID_TWO_FACTOR_COOKIE. `key` names the
 * email code of this verifier (spec/plugins.md §3.5).
 */
export async function resolveVerifier(ctx: EndpointContext<RouteContract, unknown>): Promise<Verifier> {
	const data = await resolveSession(ctx.auth, ctx.headers, ctx.response, { fromDatabase: true });
	if (data) return { mode: "session", user: data.user, session: data.session, challenge: null, key: `${data.user.id}!${data.session.id}` };
	const challenge = await readChallenge(ctx.auth, ctx.headers);
	return { mode: "sign-in", user: challenge.user, session: null, challenge, key: challenge.id };
}

/**
 * The answer to a correct code. With a session: the caller's token and user. In a sign-in:
 * the challenge is taken (one caller only), a new session is created and its cookies set,
 * the `two_factor` cookie expired, and with `trustDevice` the browser is trusted
 * (spec/plugins.md §3.4, cookie order as observed).
 */
export async function verified(
	ctx: EndpointContext<RouteContract, unknown>,
	options: ResolvedTwoFactorOptions,
	verifier: Verifier,
	input: { trustDevice: boolean | undefined },
): Promise<{ token: string; user: User }> {
	const { auth, response } = ctx;
	response.headers.set("cache-control", "no-store");
	if (verifier.mode === "session") return { token: verifier.session.token, user: toUserOutput(auth, verifier.user) };
	const { user, challenge } = verifier;
	const dontRemember = hasDontRemember(auth, ctx.headers);
	const { session, trust } = await auth.storage
		.transaction(async (tx) => {
			if (!(await consumeChallenge(auth, tx, challenge))) throw APIError.from("UNAUTHORIZED", TWO_FACTOR_ERROR_CODES.INVALID_TWO_FACTOR_COOKIE);
			const created = await createSession(auth, tx, { user, dontRemember, ip: ctx.ip, userAgent: ctx.headers.get("user-agent") });
			const value = input.trustDevice ? await createTrustedDevice(auth, tx, { userId: user.id, maxAgeSeconds: options.trustDeviceMaxAge }) : null;
			return { session: created, trust: value };
		})
		.catch((error: unknown) => {
			expireChallengeCookie(auth, response);
			throw error;
		});
	// Observed order: session_token, two_factor, trust_device, dont_remember.
	setSessionCookies(auth, response, { session, user }, { dontRemember });
	expireChallengeCookie(auth, response);
	if (trust) {
		setTrustCookie(auth, response, trust, options.trustDeviceMaxAge);
		// A trusted device is remembered: the browser-session marker goes.
		response.deleteCookie(auth.cookies.dontRemember, auth.cookies.attributes);
	}
	return { token: session.token, user: toUserOutput(auth, user) };
}
