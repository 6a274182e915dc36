import { APIError, PASSKEY_ERROR_CODES } from "@latchkey/core";
import type { AuthContext } from "../../context/create-context.ts";
import { readCookie } from "../../cookies/cookie.ts";
import { generateId, generateRandomString } from "../../crypto/random.ts";
import { signValue, unsignValue } from "../../crypto/sign.ts";
import type { ResponseState } from "../../endpoint/response-state.ts";
import { sweepExpiredVerifications } from "../../verification/sweep.ts";
import { CHALLENGE_SECONDS } from "./options.ts";

/** What a challenge row holds (Better Auth's JSON layout, spec/plugins.md §8.3). */
export interface ChallengeRecord {
	type: "registration" | "authentication";
	expectedChallenge: string;
	/** The user the ceremony is for: the session user, or `""` for a usernameless sign-in. */
	userData: { id: string; name?: string; displayName?: string };
	context?: string | null;
}

/** Full cookie name from its short name, e.g. `better-auth.better-auth-passkey`. */
function cookieName(auth: AuthContext, name: string): string {
	return `${auth.cookies.prefix}.${name}`;
}

/**
 * Stores a challenge in a verification row and binds it to this browser with a signed
 * cookie holding the row's random identifier: a challenge can only be answered by the
 * client that asked for it.
 */
export async function storeChallenge(auth: AuthContext, response: ResponseState, cookie: string, record: ChallengeRecord): Promise<void> {
	const token = generateRandomString(32);
	const now = auth.now();
	void sweepExpiredVerifications(auth);
	await auth.storage.create("verification", {
		id: generateId(),
		identifier: token,
		value: JSON.stringify(record),
		expiresAt: new Date(now.getTime() + CHALLENGE_SECONDS * 1000),
		createdAt: now,
		updatedAt: now,
	});
	response.setCookie(cookieName(auth, cookie), signValue(auth.secret, token), { ...auth.cookies.attributes, maxAge: CHALLENGE_SECONDS });
}

/**
 * Takes the challenge named by the request's cookie: deleted in one atomic statement, so a
 * replayed or parallel answer finds nothing. A missing, forged or expired cookie, a used
 * challenge or one of the other ceremony gives 400 CHALLENGE_NOT_FOUND.
 */
export async function takeChallenge(
	auth: AuthContext,
	headers: Headers,
	response: ResponseState,
	cookie: string,
	type: ChallengeRecord["type"],
): Promise<ChallengeRecord> {
	const name = cookieName(auth, cookie);
	const signed = readCookie(headers.get("cookie"), name);
	const token = signed ? unsignValue(auth.secret, signed) : null;
	response.deleteCookie(name, auth.cookies.attributes);
	const row = token ? await auth.storage.consume("verification", { identifier: token }) : null;
	const record = row && row.expiresAt.getTime() > auth.now().getTime() ? parseRecord(row.value) : null;
	if (!record || record.type !== type) throw APIError.from("BAD_REQUEST", PASSKEY_ERROR_CODES.CHALLENGE_NOT_FOUND);
	return record;
}

function parseRecord(value: string): ChallengeRecord | null {
	try {
		const parsed: unknown = JSON.parse(value);
		if (typeof parsed !== "object" || parsed === null) return null;
		const { type, expectedChallenge, userData } = parsed as Partial<ChallengeRecord>;
		if ((type !== "registration" && type !== "authentication") || typeof expectedChallenge !== "string") return null;
		if (typeof userData?.id !== "string") return null;
		// Sound: the three fields used were checked above.
		return parsed as ChallengeRecord;
	} catch {
		return null;
	}
}
