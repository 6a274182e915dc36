import { APIError, BASE_ERROR_CODES, isAPIError, signInSocial as route } from "@latchkey/core";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import { toUserOutput } from "../../session/output.ts";
import { setSessionCookies } from "../../session/session-cookies.ts";
import { identityFromIdToken } from "../oauth/id-token-identity.ts";
import { startAuthorization } from "../oauth/start-flow.ts";
import { findProvider } from "../providers/resolve-providers.ts";
import { signInProviderUser } from "../user/sign-in-provider-user.ts";
import { assertSafeRedirect } from "./redirect-targets.ts";

/**
 * `POST /sign-in/social` (spec/core.md §9.28): `auth.api.signInSocial`, `client.signIn.social`.
 * Without `idToken`, answers the provider's authorize URL (state row + signed state cookie);
 * with one, verifies it against the provider's JWKS and signs the user in directly.
 */
export const signInSocial = defineEndpoint(route, "none", async (ctx) => {
	const { auth, body, request } = ctx;
	const provider = findProvider(auth, body.provider);
	if (!provider) throw APIError.from("NOT_FOUND", BASE_ERROR_CODES.PROVIDER_NOT_FOUND);
	await assertSafeRedirect(auth, request, body.callbackURL, BASE_ERROR_CODES.INVALID_CALLBACK_URL);
	await assertSafeRedirect(auth, request, body.errorCallbackURL, BASE_ERROR_CODES.INVALID_ERROR_CALLBACK_URL);
	await assertSafeRedirect(auth, request, body.newUserCallbackURL, BASE_ERROR_CODES.INVALID_NEW_USER_CALLBACK_URL);

	if (!body.idToken) {
		return startAuthorization(ctx, provider, {
			callbackURL: body.callbackURL,
			errorCallbackURL: body.errorCallbackURL,
			newUserCallbackURL: body.newUserCallbackURL,
			requestSignUp: body.requestSignUp,
			scopes: body.scopes,
			loginHint: body.loginHint,
			additionalParams: body.additionalParams,
			additionalData: body.additionalData,
			disableRedirect: body.disableRedirect,
		});
	}

	const identity = await identityFromIdToken(auth, provider, body.idToken);
	const options = provider.options;
	const result = await signInProviderUser(auth, {
		identity,
		disableSignUp: Boolean(options.disableSignUp) || (Boolean(options.disableImplicitSignUp) && !body.requestSignUp),
		callbackURL: body.callbackURL,
		request,
		ip: ctx.ip,
		userAgent: ctx.headers.get("user-agent"),
	}).catch((error: unknown) => {
		if (isAPIError(error)) throw error;
		throw APIError.from("UNAUTHORIZED", BASE_ERROR_CODES.FAILED_TO_CREATE_SESSION);
	});
	if (!result.ok && result.error === "email_not_verified") throw APIError.from("FORBIDDEN", BASE_ERROR_CODES.EMAIL_NOT_VERIFIED);
	// Better Auth's wording: the internal reason, spaces for underscores.
	if (!result.ok) throw APIError.from("UNAUTHORIZED", { code: BASE_ERROR_CODES.OAUTH_LINK_ERROR.code, message: result.error.split("_").join(" ") });
	const { user, session } = result.value;
	setSessionCookies(auth, ctx.response, { session, user }, { dontRemember: false });
	// The body carries a session token: no cache may keep it (SECURITY.md rule 17).
	ctx.response.headers.set("cache-control", "no-store");
	return { redirect: false, token: session.token, user: toUserOutput(auth, user) };
});
