import { APIError, BASE_ERROR_CODES, isAPIError } from "@latchkey/core";
import type { ErrorBody, User } from "@latchkey/core";
import type { AuthContext } from "../context/create-context.ts";
import type { EndpointContext } from "../endpoint/define-endpoint.ts";
import { chargeSignInAttempt, setDeviceCookie } from "../middleware/account-throttle/index.ts";
import type { SignInIdentifier } from "../middleware/account-throttle/index.ts";
import { createSession } from "../session/create-session.ts";
import { toUserOutput } from "../session/output.ts";
import { hasDontRemember } from "../session/read-token.ts";
import { setSessionCookies } from "../session/session-cookies.ts";
import type { UserRow } from "../storage/rows.ts";
import { sendVerificationEmailTo } from "../verification/send-verification-email.ts";
import type { RouteContract } from "@latchkey/core";

const dummyHashes = new WeakMap<AuthContext, Promise<string>>();

/**
 * A hash made by the configured hasher, verified against when there is no user or no
 * password, so that an unknown account costs the same time as a wrong password
 * (no enumeration by timing, SECURITY.md rule 8).
 */
function dummyHash(auth: AuthContext): Promise<string> {
	let hash = dummyHashes.get(auth);
	if (!hash) {
		hash = auth.emailAndPassword.hasher.hash("latchkey-dummy-password");
		dummyHashes.set(auth, hash);
		// A failed hash is not cached: otherwise every later unknown-user sign-in would fail
		// (a 500 where a known user gets 401, which is itself an enumeration oracle).
		hash.catch(() => dummyHashes.delete(auth));
	}
	return hash;
}

/** Finds a user's credential account password (`providerId = "credential"`, `accountId = user.id`). */
export async function findCredentialPassword(auth: AuthContext, user: UserRow): Promise<string | null> {
	const account = await auth.storage.findOne("account", { userId: user.id, providerId: "credential", accountId: user.id });
	return account?.password ?? null;
}

/** The response of a password sign-in. */
export interface PasswordSignInResult {
	redirect: boolean;
	token: string;
	url?: string;
	user: User;
}

/**
 * Checks a password for a user that may not exist, and on success creates the session and
 * its cookies. Unknown user, missing credential and wrong password give the same `invalid`
 * error after the same work.
 *
 * Each check is first charged to the per-account budget of `identifier` (429
 * `TOO_MANY_SIGN_IN_ATTEMPTS` when spent; see `chargeSignInAttempt`), and a success sets the
 * sign-in device cookie that lets this browser past a lock of the account.
 */
export async function signInWithPassword(
	ctx: EndpointContext<RouteContract, unknown>,
	input: {
		user: UserRow | null;
		/** What the client typed to name the account, normalised as the lookup of `user`. */
		identifier: SignInIdentifier;
		password: string;
		rememberMe: boolean | undefined;
		callbackURL: string | undefined;
		invalid: ErrorBody;
		notVerified: ErrorBody;
	},
): Promise<PasswordSignInResult | Response> {
	const { auth } = ctx;
	const hasher = auth.emailAndPassword.hasher;
	// Before the credential lookup and the hash, and whether or not `user` exists: a spent
	// budget answers the same for every identifier (SECURITY.md rules 8 and 15).
	const charge = await chargeSignInAttempt(auth, ctx.headers, input.identifier);
	const stored = input.user ? await findCredentialPassword(auth, input.user) : null;
	const valid = stored
		? await hasher.verify({ hash: stored, password: input.password })
		: (await hasher.verify({ hash: await dummyHash(auth), password: input.password }), false);
	if (!valid || !input.user) throw APIError.from("UNAUTHORIZED", input.invalid);
	const user = input.user;
	if (auth.emailAndPassword.requireEmailVerification && !user.emailVerified) {
		// Only after the right password: a stranger cannot make the server mail anyone.
		if (auth.options.emailVerification?.sendOnSignIn) {
			await sendVerificationEmailTo(auth, ctx.request, { user, to: user.email, claims: { email: user.email, userId: user.id }, callbackURL: input.callbackURL });
		}
		throw APIError.from("FORBIDDEN", input.notVerified);
	}

	const dontRemember = input.rememberMe === false;
	const session = await createSession(auth, auth.storage, {
		user,
		dontRemember,
		ip: ctx.ip,
		userAgent: ctx.headers.get("user-agent"),
	}).catch((error: unknown) => {
		// A plugin's refusal (a banned user) reaches the caller as it is.
		if (isAPIError(error)) throw error;
		throw APIError.from("UNAUTHORIZED", BASE_ERROR_CODES.FAILED_TO_CREATE_SESSION);
	});
	setSessionCookies(auth, ctx.response, { session, user }, { dontRemember, hadDontRemember: hasDontRemember(auth, ctx.headers) });
	// The password was right: this browser may sign in to this account while strangers have locked it.
	if (charge) setDeviceCookie(auth, ctx.response, charge.accountKey);
	for (const plugin of auth.plugins) {
		const replaced = await plugin.afterSignIn?.(ctx, { user, session, dontRemember });
		if (replaced) return replaced;
	}
	// The body carries a session token: no cache may keep it (SECURITY.md rule 17).
	ctx.response.headers.set("cache-control", "no-store");
	if (input.callbackURL) ctx.response.headers.set("location", input.callbackURL);
	return {
		redirect: Boolean(input.callbackURL),
		token: session.token,
		...(input.callbackURL ? { url: input.callbackURL } : {}),
		user: toUserOutput(auth, user),
	};
}
