import type { AuthContext } from "../../context/create-context.ts";
import { generateId } from "../../crypto/random.ts";
import { createSession } from "../../session/create-session.ts";
import type { SessionRow, UserRow } from "../../storage/rows.ts";
import { isUniqueViolation } from "../../storage/storage.ts";
import { hasVerificationSender, sendVerificationEmailTo } from "../../verification/send-verification-email.ts";
import { newAccountRow, tokenUpdate } from "./account-row.ts";
import type { ProviderIdentity } from "./provider-identity.ts";

/** Why a provider sign-in was refused: Better Auth's callback error codes (spec/core.md §9.29). */
export type SignInFailure = "account_not_linked" | "signup_disabled" | "unable_to_create_user" | "email_not_found" | "user_not_found" | "email_not_verified";

/** A signed-in provider user. */
export interface ProviderSignIn {
	user: UserRow;
	session: SessionRow;
	/** A user was created (redirect to `newUserCallbackURL`). */
	isRegister: boolean;
}

/** Input of {@link signInProviderUser}. */
export interface SignInProviderUserInput {
	identity: ProviderIdentity;
	disableSignUp: boolean;
	/** Where the verification link of a new unverified user leads (`requireEmailVerification`). */
	callbackURL: string | undefined;
	request: Request | undefined;
	ip: string | null;
	userAgent: string | null;
}

/**
 * True when a provider identity may be attached to an existing user found by email: linking
 * on, the provider vouching for the address, and the local address verified too. Better Auth
 * also links for `trustedProviders` with an unverified provider email, or with an unverified
 * local email when `requireLocalEmailVerified: false`; Latchkey does not: either gap lets
 * whoever controls the unverified side take the account over (SECURITY.md rule 4).
 */
export function mayLinkByEmail(auth: AuthContext, identity: ProviderIdentity, user: UserRow): boolean {
	if (auth.options.account?.accountLinking?.enabled === false) return false;
	return identity.user.emailVerified && user.emailVerified && identity.user.email === user.email.toLowerCase();
}

/**
 * Signs a provider user in (spec/core.md §9.29): by (provider, subject) first; else by email,
 * linking only under {@link mayLinkByEmail}; else creates the user and the account. The
 * session is made with `createSession`, so plugin hooks (bans) apply; their `APIError`s are
 * thrown as they are.
 */
export async function signInProviderUser(auth: AuthContext, input: SignInProviderUserInput): Promise<{ ok: true; value: ProviderSignIn } | { ok: false; error: SignInFailure }> {
	const { identity } = input;
	const { provider } = identity;
	const sessionInput = { dontRemember: false, ip: input.ip, userAgent: input.userAgent };

	const existing = await auth.storage.findOne("account", { providerId: provider.id, accountId: identity.user.id });
	if (existing) {
		let user = await auth.storage.findOne("user", { id: existing.userId });
		if (!user) return { ok: false, error: "user_not_found" };
		if (auth.options.account?.updateAccountOnSignIn !== false) await auth.storage.update("account", { id: existing.id }, tokenUpdate(auth, identity, existing));
		if (provider.options.overrideUserInfoOnSignIn) {
			user = (await auth.storage.update("user", { id: user.id }, { name: identity.user.name || user.name, image: identity.user.image, updatedAt: auth.now() })) ?? user;
		}
		if (provider.options.requireEmailVerification && !user.emailVerified) return { ok: false, error: "email_not_verified" };
		const session = await createSession(auth, auth.storage, { user, ...sessionInput });
		return { ok: true, value: { user, session, isRegister: false } };
	}

	const email = identity.user.email;
	if (!email) return { ok: false, error: "email_not_found" };
	const byEmail = await auth.storage.findOne("user", { email });
	if (byEmail) {
		if (!mayLinkByEmail(auth, identity, byEmail)) return { ok: false, error: "account_not_linked" };
		const session = await auth.storage.transaction(async (tx) => {
			await tx.create("account", newAccountRow(auth, identity, byEmail.id));
			return createSession(auth, tx, { user: byEmail, ...sessionInput });
		});
		return { ok: true, value: { user: byEmail, session, isRegister: false } };
	}

	if (input.disableSignUp) return { ok: false, error: "signup_disabled" };
	const now = auth.now();
	const user: UserRow = {
		id: generateId(),
		name: identity.user.name,
		email,
		emailVerified: identity.user.emailVerified,
		image: identity.user.image,
		createdAt: now,
		updatedAt: now,
		username: null,
		displayUsername: null,
	};
	const holdSession = Boolean(provider.options.requireEmailVerification) && !user.emailVerified;
	try {
		const session = await auth.storage.transaction(async (tx) => {
			await tx.create("user", user);
			await tx.create("account", newAccountRow(auth, identity, user.id));
			return holdSession ? null : createSession(auth, tx, { user, ...sessionInput });
		});
		if (!session) {
			// The account exists; the session waits for the address to be proven.
			if (hasVerificationSender(auth)) await sendVerificationEmailTo(auth, input.request, { user, to: email, claims: { email, userId: user.id }, callbackURL: input.callbackURL });
			return { ok: false, error: "email_not_verified" };
		}
		return { ok: true, value: { user, session, isRegister: true } };
	} catch (error) {
		// A parallel sign-in created this email first: nothing was written here.
		if (isUniqueViolation(error)) return { ok: false, error: "unable_to_create_user" };
		throw error;
	}
}
