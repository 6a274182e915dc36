import type { Secret } from "otpauth";
import { generateRandomString } from "../../crypto/random.ts";

let otpauth: typeof import("otpauth") | undefined;
/**
 * otpauth, loaded on the first TOTP made or checked: an app that never enrols one never pays
 * for it at startup. Bun's `require` loads the ES module synchronously (same module instance
 * as an `import`), so the functions below stay synchronous.
 */
function lib(): typeof import("otpauth") {
	otpauth ??= require("otpauth") as typeof import("otpauth");
	return otpauth;
}

/** Better Auth's default `generateRandomString` alphabet: `a-z A-Z 0-9 - _`. */
const SECRET_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
/** A decrypted secret with this prefix was imported as base32 (spec/plugins.md §3.2). */
const BASE32_PREFIX = "base32:";

/** TOTP parameters: digits per code and seconds per step. */
export interface TotpParams {
	digits: number;
	period: number;
}

/**
 * A new TOTP secret: 32 characters, about 190 bits (RFC 4226 §4 asks for at least 128).
 * Better Auth's format: the HMAC key is the UTF-8 bytes of this string, not its base32 decoding.
 */
export function generateTotpSecret(): string {
	return generateRandomString(32, SECRET_ALPHABET);
}

/** The HMAC key of a stored (decrypted) secret: UTF-8 bytes, or base32 for imported ones. */
export function totpKey(secret: string): Secret {
	return secret.startsWith(BASE32_PREFIX) ? lib().Secret.fromBase32(secret.slice(BASE32_PREFIX.length)) : lib().Secret.fromUTF8(secret);
}

/** The time step (RFC 6238 `T`) containing `timestampMs`. */
export function totpCounter(timestampMs: number, period: number): number {
	return Math.floor(timestampMs / 1000 / period);
}

/** The code of `secret` at `timestampMs` (HMAC-SHA1, RFC 6238). */
export function generateTotpCode(secret: string, timestampMs: number, params: TotpParams): string {
	return lib().TOTP.generate({ secret: totpKey(secret), algorithm: "SHA1", digits: params.digits, period: params.period, timestamp: timestampMs });
}

/**
 * The time step whose code `code` is, within one step either side of `timestampMs` (clock
 * drift, RFC 6238 §5.2), or `null`. otpauth compares every candidate in constant time.
 * The caller must still refuse a step that was already used (replay, {@link markTotpStepUsed}).
 */
export function matchTotpCode(secret: string, code: string, timestampMs: number, params: TotpParams): number | null {
	const delta = lib().TOTP.validate({ token: code, secret: totpKey(secret), algorithm: "SHA1", digits: params.digits, period: params.period, timestamp: timestampMs, window: 1 });
	return delta === null ? null : totpCounter(timestampMs, params.period) + delta;
}

/**
 * Better Auth's otpauth URI: `otpauth://totp/{issuer}:{account}?secret=…&issuer=…&digits=…&period=…`,
 * the secret being the base32 (no padding) of the key bytes, the query URLSearchParams-encoded.
 */
export function totpURI(input: { secret: string; issuer: string; account: string } & TotpParams): string {
	const params = new URLSearchParams({ secret: totpKey(input.secret).base32.replace(/=+$/, ""), issuer: input.issuer });
	params.set("digits", String(input.digits));
	params.set("period", String(input.period));
	return `otpauth://totp/${encodeURIComponent(input.issuer)}:${encodeURIComponent(input.account)}?${params.toString()}`;
}
