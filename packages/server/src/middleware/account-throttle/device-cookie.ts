import type { AuthContext } from "../../context/create-context.ts";
import { readCookie } from "../../cookies/cookie.ts";
import { constantTimeEqual } from "../../crypto/equal.ts";
import { generateRandomString } from "../../crypto/random.ts";
import { signValue, unsignValue } from "../../crypto/sign.ts";
import type { ResponseState } from "../../endpoint/response-state.ts";

/** Name of the device cookie after the app's prefix: `better-auth.sign_in_device` by default. */
export const DEVICE_COOKIE_SUFFIX = "sign_in_device";

/** One year: long enough to outlast any lockout, within the 400-day cap of RFC 6265bis §5.6.2. */
export const DEVICE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

const DEVICE_ID = /^[A-Za-z0-9]{32}$/;

function cookieName(auth: AuthContext): string {
	return `${auth.cookies.prefix}.${DEVICE_COOKIE_SUFFIX}`;
}

/**
 * The device id of the request's sign-in device cookie when it is validly signed and bound
 * to `accountKey` (a {@link throttleKey}), else `null`. A cookie for another account, a
 * forged or altered one, and a missing one all give `null`. Pure: no storage is read, so the
 * check costs the same whether or not the account exists.
 */
export function readDeviceId(auth: AuthContext, headers: Headers, accountKey: string): string | null {
	const signed = readCookie(headers.get("cookie"), cookieName(auth));
	// unsignValue checks the HMAC in constant time: nobody without the secret can mint a cookie.
	const value = signed ? unsignValue(auth.secret, signed) : null;
	if (!value) return null;
	const bang = value.indexOf("!");
	const deviceId = value.slice(0, bang);
	if (bang === -1 || !DEVICE_ID.test(deviceId)) return null;
	// Bound to one account: a device cookie from the attacker's own account is no exemption.
	return constantTimeEqual(value.slice(bang + 1), accountKey) ? deviceId : null;
}

/**
 * Gives the browser a new device cookie for `accountKey` after a successful password
 * sign-in: `<deviceId>!<accountKey>`, signed with the secret, HttpOnly, one year. A fresh
 * device id each time starts a fresh device budget (OWASP "Slow Down Online Guessing Attacks
 * with Device Cookies": issue a new cookie on every successful authentication).
 *
 * Not a credential: it only moves the owner's sign-ins from the account's budget to the
 * device's own, and the password is still checked, so it needs no server-side revocation.
 */
export function setDeviceCookie(auth: AuthContext, response: ResponseState, accountKey: string): void {
	const value = `${generateRandomString(32)}!${accountKey}`;
	response.setCookie(cookieName(auth), signValue(auth.secret, value), { ...auth.cookies.attributes, maxAge: DEVICE_COOKIE_MAX_AGE });
}
