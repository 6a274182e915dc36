import { createHash } from "node:crypto";
import type { AuthContext } from "../../context/create-context.ts";
import { constantTimeEqual } from "../../crypto/equal.ts";
import { generateRandomString } from "../../crypto/random.ts";
import { symmetricDecrypt, symmetricEncrypt } from "../../crypto/symmetric.ts";
import type { StoreOTP } from "./options.ts";

/** A one-time code of `digits` decimal digits from the CSPRNG (no modulo bias). */
export function generateOtp(digits: number): string {
	return generateRandomString(digits, "0123456789");
}

/** Better Auth's `"hashed"` form: SHA-256, base64url without padding. */
function hashOtp(otp: string): string {
	return createHash("sha256").update(otp, "utf8").digest("base64url");
}

/** The form of `otp` kept in its verification row (`storeOTP`, spec/plugins.md §3.2). */
export async function storeOtp(auth: AuthContext, otp: string, store: StoreOTP): Promise<string> {
	if (store === "hashed") return hashOtp(otp);
	if (store === "encrypted") return symmetricEncrypt(auth.secret, otp);
	if (typeof store === "object") return "hash" in store ? store.hash(otp) : store.encrypt(otp);
	return otp;
}

/** Whether `input` is the code stored as `stored`, compared in constant time. */
export async function otpMatches(auth: AuthContext, stored: string, input: string, store: StoreOTP): Promise<boolean> {
	let expected = stored;
	let given = input;
	if (store === "hashed") given = hashOtp(input);
	else if (store === "encrypted") expected = symmetricDecrypt(auth.secret, stored);
	else if (typeof store === "object") {
		if ("hash" in store) given = await store.hash(input);
		else expected = await store.decrypt(stored);
	}
	return constantTimeEqual(expected, given);
}

/** The verification row value `"<stored>:<failed attempts>"`, split (the code part may hold `:`). */
export function parseOtpRow(value: string): { stored: string; attempts: number } {
	const colon = value.lastIndexOf(":");
	if (colon === -1) return { stored: value, attempts: Number.POSITIVE_INFINITY };
	const attempts = Number.parseInt(value.slice(colon + 1), 10);
	// A malformed counter counts as spent: a broken row must not grant fresh attempts.
	return { stored: value.slice(0, colon), attempts: Number.isInteger(attempts) && attempts >= 0 ? attempts : Number.POSITIVE_INFINITY };
}
