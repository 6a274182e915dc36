import { APIError, BASE_ERROR_CODES, USERNAME_ERROR_CODES, signUpEmail as route } from "@latchkey/core";
import { credentialAccountRow } from "../credentials/credential-account.ts";
import { checkPasswordLength } from "../credentials/password-policy.ts";
import { generateId } from "../crypto/random.ts";
import { defineEndpoint } from "../endpoint/define-endpoint.ts";
import { createSession } from "../session/create-session.ts";
import { toUserOutput } from "../session/output.ts";
import { hasDontRemember } from "../session/read-token.ts";
import { setSessionCookies } from "../session/session-cookies.ts";
import type { SessionRow, UserRow } from "../storage/rows.ts";
import { isUniqueViolation } from "../storage/storage.ts";
import { sendVerificationEmailTo, sendsOnSignUp } from "../verification/send-verification-email.ts";

/** `POST /sign-up/email` (spec/core.md §9.3). */
export const signUpEmail = defineEndpoint(route, "none", async (ctx) => {
	const { auth, body } = ctx;
	const options = auth.emailAndPassword;
	if (!options.enabled || options.disableSignUp) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.EMAIL_PASSWORD_SIGN_UP_DISABLED);
	checkPasswordLength(auth, body.password);
	const email = body.email.toLowerCase();

	const extra: Partial<UserRow> = {};
	for (const plugin of auth.plugins) {
		if (plugin.userInput) Object.assign(extra, await plugin.userInput({ body, mode: "create", current: null, auth }));
	}

	// Hash before looking the email up, so a taken email costs the same time as a free one.
	const hash = await options.hasher.hash(body.password);
	const now = auth.now();
	const user: UserRow = {
		id: generateId(),
		name: body.name,
		email,
		emailVerified: false,
		image: body.image ?? null,
		createdAt: now,
		updatedAt: now,
		username: null,
		displayUsername: null,
		...extra,
	};
	const signIn = options.autoSignIn && !options.requireEmailVerification;
	const existing = await auth.storage.findOne("user", { email });
	if (existing) {
		// With verification required or no auto sign-in, answer as for a new user: the
		// response must not tell an attacker which emails have accounts (spec/core.md §9.3).
		if (!signIn) return { token: null, user: toUserOutput(auth, user) };
		throw APIError.from("UNPROCESSABLE_ENTITY", BASE_ERROR_CODES.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL);
	}

	const dontRemember = body.rememberMe === false;
	let session: SessionRow | null = null;
	try {
		session = await auth.storage.transaction(async (tx) => {
			await tx.create("user", user);
			await tx.create("account", credentialAccountRow(user.id, hash, now));
			if (!signIn) return null;
			return createSession(auth, tx, { user, dontRemember, ip: ctx.ip, userAgent: ctx.headers.get("user-agent") });
		});
	} catch (error) {
		const violated = violatedConstraint(error);
		if (violated === null) throw error;
		// A parallel sign-up won the race for this email or username.
		if (violated.includes("username")) throw APIError.from("BAD_REQUEST", USERNAME_ERROR_CODES.USERNAME_IS_ALREADY_TAKEN);
		if (!signIn) return { token: null, user: toUserOutput(auth, user) };
		throw APIError.from("UNPROCESSABLE_ENTITY", BASE_ERROR_CODES.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL);
	}
	if (sendsOnSignUp(auth)) {
		await sendVerificationEmailTo(auth, ctx.request, { user, to: email, claims: { email, userId: user.id }, callbackURL: body.callbackURL });
	}
	if (session) {
		setSessionCookies(auth, ctx.response, { session, user }, { dontRemember, hadDontRemember: hasDontRemember(auth, ctx.headers) });
		// The body carries a session token: no cache may keep it (SECURITY.md rule 17).
		ctx.response.headers.set("cache-control", "no-store");
	}
	return { token: session?.token ?? null, user: toUserOutput(auth, user) };
});

/**
 * The text naming the unique constraint a write broke, or `null` for any other error. The
 * PostgreSQL driver's error arrives wrapped by drizzle (`DrizzleQueryError`, as `cause`),
 * and the wrapper's own message quotes the whole INSERT, column names included, so only
 * the driver's error may be read (SQLite's is "UNIQUE constraint failed: user.username",
 * PostgreSQL's names "user_username_unique").
 */
function violatedConstraint(error: unknown): string | null {
	if (!isUniqueViolation(error)) return null;
	// Descend to the driver's own error: drizzle's wrapper message quotes the whole statement.
	let current = error as { cause?: unknown };
	while (typeof current.cause === "object" && current.cause !== null && isUniqueViolation(current.cause)) {
		current = current.cause as { cause?: unknown };
	}
	// Sound: only read as optional unknowns; `constraint_name` is postgres-js's field.
	const { message, constraint_name } = current as { message?: unknown; constraint_name?: unknown };
	return String(constraint_name ?? message);
}
