import type { AuthContext } from "../context/create-context.ts";
import { allowMail } from "../middleware/account-throttle/index.ts";
import type { UserRow } from "../storage/rows.ts";
import { verifyEmailLink } from "./email-links.ts";
import { signEmailVerificationToken } from "./email-verification-token.ts";
import type { EmailVerificationClaims } from "./email-verification-token.ts";

/** Whether a verification sender is configured (`emailVerification.sendVerificationEmail`). */
export function hasVerificationSender(auth: AuthContext): boolean {
	return typeof auth.options.emailVerification?.sendVerificationEmail === "function";
}

/**
 * Mints a verification JWT and hands `{ user, url, token }` to
 * `emailVerification.sendVerificationEmail`. `to` is the address the mail goes to (the new one
 * for change-email); the token is bound to `claims`. No-op without a sender, and past the
 * address's mail budget (`rateLimit.account.emails`; change-email mails have their own).
 *
 * Used by sign-up (`sendOnSignUp`), sign-in (`sendOnSignIn`), `POST /send-verification-email`,
 * `POST /change-email` and `GET /verify-email` (spec/core.md §9.3, §9.4, §9.18–§9.20).
 */
export async function sendVerificationEmailTo(
	auth: AuthContext,
	request: Request | undefined,
	input: { user: UserRow; to: string; claims: EmailVerificationClaims; callbackURL: string | undefined },
): Promise<void> {
	const send = auth.options.emailVerification?.sendVerificationEmail;
	if (!send) return;
	// Skipped silently past the budget: every caller answers the same either way (SECURITY.md rules 8 and 15).
	const kind = input.claims.requestType?.startsWith("change-email") ? "change-email" : "verification";
	if (!(await allowMail(auth, kind, input.to))) return;
	const token = await signEmailVerificationToken(auth, input.claims);
	const url = verifyEmailLink(auth, request, token, input.callbackURL);
	await send({ user: { ...input.user, email: input.to }, url, token }, request);
}

/** `emailVerification.sendOnSignUp`, whose default is `requireEmailVerification` (spec/core.md §9.3). */
export function sendsOnSignUp(auth: AuthContext): boolean {
	return auth.options.emailVerification?.sendOnSignUp ?? auth.emailAndPassword.requireEmailVerification;
}
