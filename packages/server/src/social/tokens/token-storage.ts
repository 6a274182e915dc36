import type { AuthContext } from "../../context/create-context.ts";
import { symmetricDecrypt, symmetricEncrypt } from "../../crypto/symmetric.ts";

/** Ciphertext from `symmetricEncrypt`: hex of nonce(24) ‖ data ‖ tag(16), so at least 80 hex digits. */
const CIPHERTEXT = /^(?:[0-9a-f]{2}){40,}$/;

/**
 * A provider token as stored: encrypted with the server secret when
 * `account.encryptOAuthTokens` is on (Better Auth's format, spec/core.md §7.4), else as is.
 */
export function storeToken(auth: AuthContext, token: string | null): string | null {
	if (token === null) return null;
	return auth.options.account?.encryptOAuthTokens ? symmetricEncrypt(auth.secret, token) : token;
}

/**
 * A stored token in clear. With encryption on, a value that is not ciphertext is taken as a
 * token stored before encryption was turned on (Better Auth reads them the same way); a
 * ciphertext that fails to decrypt throws.
 */
export function readToken(auth: AuthContext, stored: string | null): string | null {
	if (stored === null) return null;
	if (!auth.options.account?.encryptOAuthTokens || !CIPHERTEXT.test(stored)) return stored;
	return symmetricDecrypt(auth.secret, stored);
}
