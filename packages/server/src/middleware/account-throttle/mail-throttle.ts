import type { AuthContext } from "../../context/create-context.ts";
import { throttleKey } from "./throttle-key.ts";

/** The kinds of mail counted apart: a sign-up's verification mail does not eat the reset budget. */
export type MailKind = "reset-password" | "verification" | "change-email";

/**
 * Counts one mail of `kind` to `address` (`rateLimit.account.emails`, default 3 per 10
 * minutes per address and kind) and says whether it may be sent (SECURITY.md rule 15).
 * Without it, anyone could make the server mail-bomb an address, one request per IP.
 *
 * The caller skips the send when this returns `false` and answers exactly as if it had sent
 * it: a new error or status here would tell a stranger which addresses have accounts
 * (SECURITY.md rule 8). The address is lower-cased and hashed ({@link throttleKey}).
 */
export async function allowMail(auth: AuthContext, kind: MailKind, address: string): Promise<boolean> {
	const { account, storage } = auth.rateLimit;
	if (!account.enabled) return true;
	const key = throttleKey(auth, `mail-${kind}`, address.toLowerCase());
	const decision = await storage.consume(`account-mail:${kind}:${key}`, account.emails, auth.now().getTime());
	return decision.allowed;
}
