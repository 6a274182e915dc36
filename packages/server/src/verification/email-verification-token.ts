import { joseLib } from "../crypto/jose-lib.ts";
import type { AuthContext } from "../context/create-context.ts";

/** `requestType` of change-email tokens (spec/core.md §7.3); absent for plain verification. */
export type ChangeEmailRequestType = "change-email-confirmation" | "change-email-verification";

/** The claims of an email-verification JWT (spec/core.md §7.3). */
export interface EmailVerificationClaims {
	/** Lowercased address the token was minted for. */
	email: string;
	userId?: string;
	/** New address, for change-email tokens. */
	updateTo?: string;
	requestType?: ChangeEmailRequestType;
}

/** Default lifetime of a verification token, in seconds. */
export const DEFAULT_VERIFICATION_EXPIRES_IN = 3600;

const encoder = new TextEncoder();

/**
 * Signs an HS256 JWT with the UTF-8 secret, Better Auth's format, so links minted by either
 * server verify on the other. Lifetime: `emailVerification.expiresIn` (default 3600 s); the
 * clock is the instance's (`options.now`), so tests can move it.
 *
 * @example
 * const token = await signEmailVerificationToken(auth, { email: "a@b.c", userId });
 */
export async function signEmailVerificationToken(auth: AuthContext, claims: EmailVerificationClaims): Promise<string> {
	const issuedAt = Math.floor(auth.now().getTime() / 1000);
	const expiresIn = auth.options.emailVerification?.expiresIn ?? DEFAULT_VERIFICATION_EXPIRES_IN;
	const payload: Record<string, string> = { email: claims.email.toLowerCase() };
	if (claims.updateTo) payload.updateTo = claims.updateTo;
	if (claims.requestType) payload.requestType = claims.requestType;
	if (claims.userId) payload.userId = claims.userId;
	return new (joseLib().SignJWT)(payload)
		.setProtectedHeader({ alg: "HS256" })
		.setIssuedAt(issuedAt)
		.setExpirationTime(issuedAt + expiresIn)
		.sign(encoder.encode(auth.secret));
}

/** Result of {@link verifyEmailVerificationToken}: the claims, or the wire error code. */
export type VerifiedEmailToken = { ok: true; claims: EmailVerificationClaims } | { ok: false; code: "TOKEN_EXPIRED" | "INVALID_TOKEN" };

/**
 * Checks signature (HS256 only: no `alg: none`, no key confusion), expiry against the
 * instance's clock, and the claim types. Anything else (a reset token, garbage) is
 * `INVALID_TOKEN`.
 */
export async function verifyEmailVerificationToken(auth: AuthContext, token: string): Promise<VerifiedEmailToken> {
	try {
		const { payload } = await joseLib().jwtVerify(token, encoder.encode(auth.secret), {
			algorithms: ["HS256"],
			currentDate: auth.now(),
			requiredClaims: ["exp"],
		});
		const { email, userId, updateTo, requestType } = payload;
		if (typeof email !== "string" || !optionalString(userId) || !optionalString(updateTo)) return { ok: false, code: "INVALID_TOKEN" };
		if (requestType !== undefined && requestType !== "change-email-confirmation" && requestType !== "change-email-verification") {
			return { ok: false, code: "INVALID_TOKEN" };
		}
		return { ok: true, claims: { email: email.toLowerCase(), userId, updateTo, requestType } };
	} catch (error) {
		return { ok: false, code: error instanceof joseLib().errors.JWTExpired ? "TOKEN_EXPIRED" : "INVALID_TOKEN" };
	}
}

function optionalString(value: unknown): value is string | undefined {
	return value === undefined || typeof value === "string";
}
