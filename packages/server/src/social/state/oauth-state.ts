import type { AuthContext } from "../../context/create-context.ts";
import { readCookie } from "../../cookies/cookie.ts";
import { constantTimeEqual } from "../../crypto/equal.ts";
import { generateRandomString } from "../../crypto/random.ts";
import { signValue, unsignValue } from "../../crypto/sign.ts";
import type { ResponseState } from "../../endpoint/response-state.ts";
import { cmp } from "../../storage/storage.ts";
import { createVerification } from "../../verification/verification-tokens.ts";

/** `[a-zA-Z0-9_-]`: Better Auth's alphabet for state, PKCE verifier and nonce (spec/core.md §7.2). */
const URL_SAFE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
/** The state row lives 10 minutes (spec/core.md §8.4); the browser cookie 5. */
const STATE_TTL_SECONDS = 600;
const STATE_COOKIE_MAX_AGE = 300;
/** Purpose prefix of the verification row: an OAuth state is good for nothing else (SECURITY.md rule 2). */
const STATE_PREFIX = "auth-state:";

/** A linking flow: the user the provider account will be attached to. */
export interface LinkTarget {
	userId: string;
	email: string;
}

/** What the state row holds (Better Auth's field names). */
export interface OAuthStateData {
	callbackURL: string;
	codeVerifier: string;
	errorURL?: string;
	newUserURL?: string;
	link?: LinkTarget;
	requestSignUp?: boolean;
	idTokenNonce?: string;
	/** Milliseconds since the epoch. */
	expiresAt: number;
	oauthState: string;
	/** The provider the flow was started for: a state is only good at its own callback. */
	providerId?: string;
	/** The scopes asked for, kept for providers that do not echo the granted ones. */
	requestedScopes?: string[];
}

/** Keys of {@link OAuthStateData}: reserved, never taken from `additionalData`. */
const STATE_KEYS = new Set(["callbackURL", "codeVerifier", "errorURL", "newUserURL", "link", "requestSignUp", "idTokenNonce", "expiresAt", "oauthState", "providerId", "requestedScopes"]);

/** The name of the signed state cookie (`better-auth.state`). */
export function stateCookieName(auth: AuthContext): string {
	return `${auth.cookies.prefix}.state`;
}

/** A fresh PKCE verifier (128 characters, RFC 7636 §4.1) and OIDC nonce. */
export function generateVerifierAndNonce(): { codeVerifier: string; nonce: string } {
	return { codeVerifier: generateRandomString(128, URL_SAFE), nonce: generateRandomString(32, URL_SAFE) };
}

/**
 * Starts a flow: stores the state row (database strategy) and sets the signed `state` cookie,
 * which binds the flow to this browser so that a victim cannot be made to finish an
 * attacker's flow (login CSRF, RFC 9700 §4.7).
 */
export async function createOAuthState(
	auth: AuthContext,
	response: ResponseState,
	input: Omit<OAuthStateData, "expiresAt" | "oauthState"> & { additionalData?: Record<string, unknown> },
): Promise<string> {
	const state = generateRandomString(32, URL_SAFE);
	const { additionalData, ...own } = input;
	// The client's opaque data may not use the state's own keys at all, present or not: an
	// `additionalData.link` would otherwise turn a sign-in into a link to someone else's user.
	const opaque = Object.fromEntries(Object.entries(additionalData ?? {}).filter(([key]) => !STATE_KEYS.has(key)));
	const data: OAuthStateData = { ...opaque, ...own, expiresAt: auth.now().getTime() + STATE_TTL_SECONDS * 1000, oauthState: state };
	await createVerification(auth, { identifier: `${STATE_PREFIX}${state}`, value: JSON.stringify(data), expiresInSeconds: STATE_TTL_SECONDS });
	response.setCookie(stateCookieName(auth), signValue(auth.secret, state), { ...auth.cookies.attributes, maxAge: STATE_COOKIE_MAX_AGE });
	return state;
}

/** Why a state was refused. `errorURL` is the flow's own error page when the row was readable. */
export interface StateFailure {
	ok: false;
	errorURL: string | undefined;
}

function parseData(value: string): OAuthStateData | null {
	try {
		const data: unknown = JSON.parse(value);
		if (typeof data !== "object" || data === null) return null;
		const d = data as Partial<OAuthStateData>;
		if (typeof d.callbackURL !== "string" || typeof d.codeVerifier !== "string" || typeof d.oauthState !== "string" || typeof d.expiresAt !== "number") return null;
		// Sound: the fields every consumer reads were checked just above.
		return data as OAuthStateData;
	} catch {
		return null;
	}
}

/**
 * Finishes a flow's state: the signed cookie must carry this state (unless
 * `account.skipStateCookieCheck`), then the row is taken in one atomic `DELETE … RETURNING`,
 * so of many parallel callbacks with one state exactly one proceeds (SECURITY.md rule 1). A
 * cookie mismatch leaves the row alone: a stranger who knows the state cannot burn it.
 */
export async function consumeOAuthState(auth: AuthContext, headers: Headers, response: ResponseState, state: string): Promise<{ ok: true; data: OAuthStateData } | StateFailure> {
	const identifier = `${STATE_PREFIX}${state}`;
	const cookie = readCookie(headers.get("cookie"), stateCookieName(auth));
	const signed = cookie ? unsignValue(auth.secret, cookie) : null;
	const cookieMatches = signed !== null && constantTimeEqual(signed, state);
	if (!cookieMatches && !auth.options.account?.skipStateCookieCheck) {
		const peek = await auth.storage.findOne("verification", { identifier, expiresAt: cmp.gt(auth.now()) });
		return { ok: false, errorURL: peek ? parseData(peek.value)?.errorURL : undefined };
	}
	const row = await auth.storage.consume("verification", { identifier, expiresAt: cmp.gt(auth.now()) });
	response.deleteCookie(stateCookieName(auth), auth.cookies.attributes);
	const data = row ? parseData(row.value) : null;
	if (!data) return { ok: false, errorURL: undefined };
	if (!constantTimeEqual(data.oauthState, state) || data.expiresAt <= auth.now().getTime()) return { ok: false, errorURL: data.errorURL };
	return { ok: true, data };
}
