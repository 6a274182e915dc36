import { APIError, BASE_ERROR_CODES, verifyEmail as route, isAPIError } from "@latchkey/core";
import type { EndpointContext } from "../../endpoint/define-endpoint.ts";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import { locationHeader } from "../../endpoint/location-header.ts";
import { createSession } from "../../session/create-session.ts";
import { resolveSession } from "../../session/get-session.ts";
import { toUserOutput } from "../../session/output.ts";
import { hasDontRemember } from "../../session/read-token.ts";
import { setCookieCache, setSessionCookies } from "../../session/session-cookies.ts";
import type { SessionAndUser } from "../../session/types.ts";
import type { UserRow } from "../../storage/rows.ts";
import { isUniqueViolation } from "../../storage/storage.ts";
import { verifyEmailVerificationToken } from "../../verification/email-verification-token.ts";
import type { EmailVerificationClaims } from "../../verification/email-verification-token.ts";
import { sendVerificationEmailTo } from "../../verification/send-verification-email.ts";

type VerifyErrorCode = "TOKEN_EXPIRED" | "INVALID_TOKEN" | "USER_NOT_FOUND" | "INVALID_USER";
type Ctx = EndpointContext<typeof route, unknown>;

/** A failure: 302 to `callbackURL?error=CODE` when there is one, else 401 JSON (spec/core.md §9.20). */
class VerifyFailure {
	constructor(readonly code: VerifyErrorCode) {}
}

function redirect(location: string): Response {
	return new Response(null, { status: 302, headers: { location: locationHeader(location) } });
}

/**
 * `GET /verify-email` (spec/core.md §9.20): `auth.api.verifyEmail({ query })`,
 * `client.verifyEmail({ query: { token, callbackURL } })`; usually followed from an email.
 *
 * Plain tokens mark the user verified (idempotent), and sign in when
 * `emailVerification.autoSignInAfterVerification`. Change-email tokens are bound to a user id
 * and to that user's current address, so a token is spent once the address has changed and
 * cannot move someone else's account (SECURITY.md rule 2). A reset token or any other string
 * is not a valid JWT here: INVALID_TOKEN.
 */
export const verifyEmail = defineEndpoint(route, "none", async (ctx) => {
	const { callbackURL } = ctx.query;
	try {
		const verified = await verifyEmailVerificationToken(ctx.auth, ctx.query.token);
		if (!verified.ok) throw new VerifyFailure(verified.code);
		const result = verified.claims.updateTo ? await changeEmail(ctx, verified.claims) : await plainVerification(ctx, verified.claims);
		if (callbackURL) return redirect(callbackURL);
		return result;
	} catch (error) {
		if (!(error instanceof VerifyFailure)) throw error;
		if (callbackURL) return redirect(`${callbackURL}${callbackURL.includes("?") ? "&" : "?"}error=${error.code}`);
		throw APIError.from("UNAUTHORIZED", BASE_ERROR_CODES[error.code]);
	}
});

async function plainVerification(ctx: Ctx, claims: EmailVerificationClaims) {
	const { auth } = ctx;
	const found = await auth.storage.findOne("user", { email: claims.email });
	if (!found) throw new VerifyFailure("USER_NOT_FOUND");
	if (claims.userId && claims.userId !== found.id) throw new VerifyFailure("INVALID_TOKEN");
	if (found.emailVerified) return { status: true, user: null };
	const user = (await auth.storage.update("user", { id: found.id }, { emailVerified: true, updatedAt: auth.now() })) ?? found;
	if (auth.options.emailVerification?.autoSignInAfterVerification) {
		const current = await resolveSession(auth, ctx.headers, ctx.response, { fromDatabase: true });
		if (current?.user.id === user.id) {
			setCookieCache(auth, ctx.response, { session: current.session, user }, { dontRemember: hasDontRemember(auth, ctx.headers) });
		} else {
			const session = await createSession(auth, auth.storage, { user, dontRemember: false, ip: ctx.ip, userAgent: ctx.headers.get("user-agent") }).catch((error: unknown) => {
				if (isAPIError(error)) throw error;
				throw APIError.from("INTERNAL_SERVER_ERROR", BASE_ERROR_CODES.FAILED_TO_CREATE_SESSION);
			});
			setSessionCookies(auth, ctx.response, { session, user }, { dontRemember: false, hadDontRemember: hasDontRemember(auth, ctx.headers) });
		}
	}
	return { status: true, user: null };
}

async function changeEmail(ctx: Ctx, claims: EmailVerificationClaims) {
	const { auth } = ctx;
	const newEmail = claims.updateTo ?? "";
	// Change-email tokens must name their user (Better Auth 1.7 hardening).
	if (!claims.userId) throw new VerifyFailure("INVALID_TOKEN");
	const current = await resolveSession(auth, ctx.headers, ctx.response, { fromDatabase: true });
	if (current && current.user.id !== claims.userId) throw new VerifyFailure("INVALID_USER");
	const user = await auth.storage.findOne("user", { id: claims.userId });
	if (!user) throw new VerifyFailure("USER_NOT_FOUND");
	// Bound to the address it was minted for: once the email has moved, the token is dead.
	if (user.email !== claims.email) throw new VerifyFailure("INVALID_TOKEN");
	const callbackURL = ctx.query.callbackURL;

	if (claims.requestType === "change-email-confirmation") {
		// The old address approved: now prove the new one.
		await sendVerificationEmailTo(auth, ctx.request, {
			user,
			to: newEmail,
			claims: { email: user.email, updateTo: newEmail, userId: user.id, requestType: "change-email-verification" },
			callbackURL,
		});
		return { status: true };
	}
	const legacy = claims.requestType === undefined;
	const updated = await updateEmail(ctx, user, { email: newEmail, emailVerified: legacy ? false : user.emailVerified });
	if (legacy) {
		await sendVerificationEmailTo(auth, ctx.request, { user: updated, to: newEmail, claims: { email: newEmail, userId: user.id }, callbackURL });
	}
	if (current) refreshCookies(ctx, current, updated);
	return { status: true, user: toUserOutput(auth, updated) };
}

async function updateEmail(ctx: Ctx, user: UserRow, patch: { email: string; emailVerified: boolean }): Promise<UserRow> {
	try {
		const updated = await ctx.auth.storage.update("user", { id: user.id, email: user.email }, { ...patch, updatedAt: ctx.auth.now() });
		// A parallel use of the same token changed the address first: this one is spent.
		if (!updated) throw new VerifyFailure("INVALID_TOKEN");
		return updated;
	} catch (error) {
		// Someone took the new address in the meantime.
		if (isUniqueViolation(error)) throw new VerifyFailure("INVALID_TOKEN");
		throw error;
	}
}

function refreshCookies(ctx: Ctx, current: SessionAndUser, user: UserRow): void {
	setCookieCache(ctx.auth, ctx.response, { session: current.session, user }, { dontRemember: hasDontRemember(ctx.auth, ctx.headers) });
}
