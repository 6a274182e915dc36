import { APIError, TWO_FACTOR_ERROR_CODES } from "@latchkey/core";
import type { AuthContext } from "../../context/create-context.ts";
import { readCookie } from "../../cookies/cookie.ts";
import { generateRandomString } from "../../crypto/random.ts";
import { signValue, unsignValue } from "../../crypto/sign.ts";
import type { ResponseState } from "../../endpoint/response-state.ts";
import type { UserRow } from "../../storage/rows.ts";
import type { Storage } from "../../storage/storage.ts";
import { cmp } from "../../storage/storage.ts";
import { createVerification } from "../../verification/verification-tokens.ts";
import { CHALLENGE_ATTEMPTS, TWO_FACTOR_COOKIE } from "./options.ts";

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
/** `2fa-` and 20 random characters: the only values the `two_factor` cookie may name. */
const CHALLENGE_ID = /^2fa-[A-Za-z0-9_-]{20}$/;

/** A pending sign-in: the password was right, the second factor is still owed. */
export interface PendingChallenge {
	id: string;
	user: UserRow;
	expiresAt: Date;
}

function cookieName(auth: AuthContext): string {
	return `${auth.cookies.prefix}.${TWO_FACTOR_COOKIE}`;
}

const attemptsIdentifier = (id: string): string => `2fa-attempts-${id}`;

/** Expires the `two_factor` cookie. */
export function expireChallengeCookie(auth: AuthContext, response: ResponseState): void {
	response.deleteCookie(cookieName(auth), auth.cookies.attributes);
}

/**
 * Opens a challenge for `userId` (spec/plugins.md §3.4 step 2): a row naming the user and an
 * attempts counter, both short-lived, and the signed `two_factor` cookie naming the row.
 * This is not a session: only the verify and send-otp routes read it (SECURITY.md rule 7).
 */
export async function createChallenge(auth: AuthContext, response: ResponseState, userId: string, maxAgeSeconds: number): Promise<void> {
	const id = `2fa-${generateRandomString(20, ID_ALPHABET)}`;
	await auth.storage.transaction(async (tx) => {
		await createVerification(auth, { identifier: id, value: userId, expiresInSeconds: maxAgeSeconds }, tx);
		await createVerification(auth, { identifier: attemptsIdentifier(id), value: "0", expiresInSeconds: maxAgeSeconds }, tx);
	});
	response.setCookie(cookieName(auth), signValue(auth.secret, id), { ...auth.cookies.attributes, maxAge: maxAgeSeconds });
}

/**
 * The challenge named by the request's `two_factor` cookie, or 401 INVALID_TWO_FACTOR_COOKIE
 * when the cookie is missing, forged, names something other than a challenge, or the
 * challenge expired, was used, or its user is gone.
 */
export async function readChallenge(auth: AuthContext, headers: Headers): Promise<PendingChallenge> {
	const signed = readCookie(headers.get("cookie"), cookieName(auth));
	const id = signed ? unsignValue(auth.secret, signed) : null;
	// The secret signs other cookies too: the id's shape binds this cookie to this purpose.
	const row = id && CHALLENGE_ID.test(id) ? await auth.storage.findOne("verification", { identifier: id, expiresAt: cmp.gt(auth.now()) }) : null;
	const user = row ? await auth.storage.findOne("user", { id: row.value }) : null;
	if (!id || !row || !user) throw APIError.from("UNAUTHORIZED", TWO_FACTOR_ERROR_CODES.INVALID_TWO_FACTOR_COOKIE);
	return { id, user, expiresAt: row.expiresAt };
}

/**
 * Ends a challenge for good (its row, counter and pending email code); `true` for the one
 * caller that took it. A sign-in completes only for that caller.
 */
export async function consumeChallenge(auth: AuthContext, storage: Storage, challenge: PendingChallenge): Promise<boolean> {
	const taken = await storage.consume("verification", { identifier: challenge.id, value: challenge.user.id, expiresAt: cmp.gt(auth.now()) });
	await storage.delete("verification", { identifier: cmp.in([attemptsIdentifier(challenge.id), `2fa-otp-${challenge.id}`]) });
	return taken !== null;
}

/** One guess against a challenge: report how it went. */
export interface Attempt {
	/** The guess was wrong: the counter goes up by one. */
	recordFailure(): Promise<void>;
	/** No guess was judged (an error, an expired code): the counter is put back. */
	restore(): Promise<void>;
}

/**
 * Takes the challenge's attempt counter for one guess (spec/plugins.md §3.4). The counter row
 * is consumed atomically, so parallel guesses cannot share a count: while one is judged, the
 * others find no counter and get 401. Once `CHALLENGE_ATTEMPTS` guesses failed, the challenge
 * is destroyed, the cookie expired, and 400 TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE answered: the
 * user must sign in again (SECURITY.md rule 7: at most 5 wrong codes per challenge).
 */
export async function beginAttempt(auth: AuthContext, response: ResponseState, challenge: PendingChallenge): Promise<Attempt> {
	const identifier = attemptsIdentifier(challenge.id);
	const counter = await auth.storage.consume("verification", { identifier, expiresAt: cmp.gt(auth.now()) });
	if (!counter) throw APIError.from("UNAUTHORIZED", TWO_FACTOR_ERROR_CODES.INVALID_TWO_FACTOR_COOKIE);
	const parsed = Number(counter.value);
	const attempts = Number.isInteger(parsed) && parsed >= 0 ? parsed : CHALLENGE_ATTEMPTS;
	if (attempts >= CHALLENGE_ATTEMPTS) {
		await consumeChallenge(auth, auth.storage, challenge);
		expireChallengeCookie(auth, response);
		throw APIError.from("BAD_REQUEST", TWO_FACTOR_ERROR_CODES.TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE);
	}
	const rearm = async (count: number): Promise<void> => {
		const now = auth.now();
		await auth.storage.create("verification", { ...counter, value: String(count), createdAt: now, updatedAt: now });
	};
	return { recordFailure: () => rearm(attempts + 1), restore: () => rearm(attempts) };
}
