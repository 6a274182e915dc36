import type { AuthContext } from "../../context/create-context.ts";
import { readCookie } from "../../cookies/cookie.ts";
import { constantTimeEqual } from "../../crypto/equal.ts";
import { generateRandomString } from "../../crypto/random.ts";
import { hmacBase64Url, signValue, unsignValue } from "../../crypto/sign.ts";
import type { ResponseState } from "../../endpoint/response-state.ts";
import type { Storage } from "../../storage/storage.ts";
import { cmp } from "../../storage/storage.ts";
import { createVerification } from "../../verification/verification-tokens.ts";
import { TRUST_DEVICE_COOKIE } from "./options.ts";

const TRUST_PREFIX = "trust-device-";
const TRUST_ID = /^trust-device-[A-Za-z0-9]{32}$/;

function cookieName(auth: AuthContext): string {
	return `${auth.cookies.prefix}.${TRUST_DEVICE_COOKIE}`;
}

/** `<hmac>!<trustId>`, hmac = base64url(HMAC-SHA256(secret, `${userId}!${trustId}`)) (spec/plugins.md §3.4 case B). */
function cookieValue(auth: AuthContext, userId: string, trustId: string): string {
	return `${hmacBase64Url(auth.secret, `${userId}!${trustId}`)}!${trustId}`;
}

/** The trust id the request's cookie names for `userId`, if cookie and HMAC check out. */
function readTrustId(auth: AuthContext, headers: Headers, userId: string): string | null {
	const signed = readCookie(headers.get("cookie"), cookieName(auth));
	const value = signed ? unsignValue(auth.secret, signed) : null;
	const trustId = value?.slice(value.indexOf("!") + 1);
	if (!value || !trustId || !TRUST_ID.test(trustId)) return null;
	return constantTimeEqual(value, cookieValue(auth, userId, trustId)) ? trustId : null;
}

/**
 * Trusts a browser for `maxAgeSeconds`: writes a `trust-device-<32>` row naming the user and
 * returns the value of the `trust_device` cookie, bound to both by an HMAC (set it with
 * {@link setTrustCookie}). Revocable server-side: the row must exist.
 */
export async function createTrustedDevice(auth: AuthContext, storage: Storage, input: { userId: string; maxAgeSeconds: number }): Promise<string> {
	const trustId = `${TRUST_PREFIX}${generateRandomString(32)}`;
	await createVerification(auth, { identifier: trustId, value: input.userId, expiresInSeconds: input.maxAgeSeconds }, storage);
	return cookieValue(auth, input.userId, trustId);
}

/** Sets the signed `trust_device` cookie. */
export function setTrustCookie(auth: AuthContext, response: ResponseState, value: string, maxAgeSeconds: number): void {
	response.setCookie(cookieName(auth), signValue(auth.secret, value), { ...auth.cookies.attributes, maxAge: maxAgeSeconds });
}

/**
 * Case B of the sign-in interception: when the request carries a valid trust cookie for this
 * user, its row is taken (one atomic delete: a copied cookie works once) and replaced by a new
 * one with a fresh lifetime; `true` means the second factor may be skipped. An invalid cookie
 * is expired and `false` returned.
 */
export async function rotateTrustedDevice(auth: AuthContext, headers: Headers, response: ResponseState, input: { userId: string; maxAgeSeconds: number }): Promise<boolean> {
	if (!readCookie(headers.get("cookie"), cookieName(auth))) return false;
	const trustId = readTrustId(auth, headers, input.userId);
	const taken = trustId ? await auth.storage.consume("verification", { identifier: trustId, value: input.userId, expiresAt: cmp.gt(auth.now()) }) : null;
	if (!taken) {
		expireTrustCookie(auth, response);
		return false;
	}
	setTrustCookie(auth, response, await createTrustedDevice(auth, auth.storage, input), input.maxAgeSeconds);
	return true;
}

/**
 * Forgets every device `userId` trusted (2FA was turned off, so their trust must not outlive
 * it, SECURITY.md rule 16) and expires this browser's cookie if it has one.
 */
export async function revokeTrustedDevices(auth: AuthContext, storage: Storage, input: { userId: string; headers: Headers; response: ResponseState }): Promise<void> {
	await storage.delete("verification", { identifier: cmp.startsWith(TRUST_PREFIX), value: input.userId });
	if (readCookie(input.headers.get("cookie"), cookieName(auth))) expireTrustCookie(auth, input.response);
}

/**
 * Forgets every device `userId` trusted, with no request at hand: a password reset, an admin
 * setting a password, a ban or a deletion reaches trusted devices too (SECURITY.md rule 16).
 */
export async function forgetTrustedDevices(storage: Storage, userId: string): Promise<void> {
	await storage.delete("verification", { identifier: cmp.startsWith(TRUST_PREFIX), value: userId });
}

function expireTrustCookie(auth: AuthContext, response: ResponseState): void {
	response.deleteCookie(cookieName(auth), auth.cookies.attributes);
}
