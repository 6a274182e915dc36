import type { AuthContext } from "../../context/create-context.ts";
import { constantTimeEqual } from "../../crypto/equal.ts";
import { generateRandomString } from "../../crypto/random.ts";
import { symmetricDecrypt, symmetricEncrypt } from "../../crypto/symmetric.ts";
import type { ResolvedTwoFactorOptions } from "./options.ts";

type BackupCodeSettings = ResolvedTwoFactorOptions["backupCodes"];

/**
 * Fresh recovery codes: `amount` codes of `length` random characters from `[a-zA-Z0-9]`,
 * split by a dash after the fifth (`sWNDk-nx8XT`, spec/plugins.md §3.2). Ten characters
 * carry about 59 bits, and each code works once.
 */
export function generateBackupCodes(settings: BackupCodeSettings): string[] {
	if (settings.generate) return settings.generate();
	return Array.from({ length: settings.amount }, () => {
		const code = generateRandomString(settings.length);
		return `${code.slice(0, 5)}-${code.slice(5)}`;
	});
}

/**
 * The stored form of a code list: a JSON array, encrypted at rest by default with the
 * server secret in Better Auth's XChaCha20-Poly1305 format, so a database leak alone does
 * not hand out working codes (SECURITY.md rule 7).
 */
export async function encodeBackupCodes(auth: AuthContext, codes: readonly string[], settings: BackupCodeSettings): Promise<string> {
	const json = JSON.stringify(codes);
	if (settings.store === "encrypted") return symmetricEncrypt(auth.secret, json);
	if (typeof settings.store === "object") return settings.store.encrypt(json);
	return json;
}

/** Reads a stored code list; `null` when it does not hold an array of strings. Throws when decryption fails. */
export async function decodeBackupCodes(auth: AuthContext, stored: string, settings: BackupCodeSettings): Promise<string[] | null> {
	const json = settings.store === "encrypted" ? symmetricDecrypt(auth.secret, stored) : typeof settings.store === "object" ? await settings.store.decrypt(stored) : stored;
	try {
		const parsed: unknown = JSON.parse(json);
		return Array.isArray(parsed) && parsed.every((code) => typeof code === "string") ? parsed : null;
	} catch {
		return null;
	}
}

/**
 * The position of `input` in `codes`, or -1. Every code is compared, each in constant time,
 * so the answer's timing says nothing about which code (or how much of one) matched.
 */
export function findBackupCode(codes: readonly string[], input: string): number {
	let found = -1;
	for (let i = 0; i < codes.length; i++) {
		if (constantTimeEqual(codes[i] as string, input) && found === -1) found = i;
	}
	return found;
}
