import { APIError, BASE_ERROR_CODES, linkSocialAccount as route } from "@latchkey/core";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import { identityFromIdToken } from "../oauth/id-token-identity.ts";
import { startAuthorization } from "../oauth/start-flow.ts";
import { findProvider } from "../providers/resolve-providers.ts";
import { linkProviderAccount } from "../user/link-provider-account.ts";
import type { LinkFailure } from "../user/link-provider-account.ts";
import { assertSafeRedirect } from "./redirect-targets.ts";

/** The API error of a refused ID-token link (spec/core.md §9.30). */
function linkError(failure: LinkFailure): APIError {
	switch (failure.reason) {
		case "already_linked_to_other_user":
			return APIError.from("CONFLICT", BASE_ERROR_CODES.SOCIAL_ACCOUNT_ALREADY_LINKED);
		case "linking_not_allowed":
			return APIError.from("UNAUTHORIZED", BASE_ERROR_CODES.LINKING_NOT_ALLOWED);
		case "different_email":
			return APIError.from("UNAUTHORIZED", BASE_ERROR_CODES.LINKING_DIFFERENT_EMAILS_NOT_ALLOWED);
		case "unable_to_link":
			return APIError.from("EXPECTATION_FAILED", BASE_ERROR_CODES.LINKING_FAILED);
	}
}

/**
 * `POST /link-social` (spec/core.md §9.30): `auth.api.linkSocialAccount`, `client.linkSocial`.
 * Needs a session re-read from the database (sensitive). The redirect flow carries the user in
 * the state, bound to this browser by the state cookie; the ID-token flow links at once.
 */
export const linkSocialAccount = defineEndpoint(route, "sensitive", async (ctx) => {
	const { auth, body, request } = ctx;
	const provider = findProvider(auth, body.provider);
	if (!provider) throw APIError.from("NOT_FOUND", BASE_ERROR_CODES.PROVIDER_NOT_FOUND);
	await assertSafeRedirect(auth, request, body.callbackURL, BASE_ERROR_CODES.INVALID_CALLBACK_URL);
	await assertSafeRedirect(auth, request, body.errorCallbackURL, BASE_ERROR_CODES.INVALID_ERROR_CALLBACK_URL);
	const { user } = ctx.session;

	if (!body.idToken) {
		return startAuthorization(ctx, provider, {
			callbackURL: body.callbackURL,
			errorCallbackURL: body.errorCallbackURL,
			link: { userId: user.id, email: user.email },
			requestSignUp: body.requestSignUp,
			scopes: body.scopes,
			loginHint: body.loginHint,
			additionalParams: body.additionalParams,
			additionalData: body.additionalData,
			disableRedirect: body.disableRedirect,
		});
	}

	const identity = await identityFromIdToken(auth, provider, body.idToken);
	const result = await linkProviderAccount(auth, { identity, userId: user.id, userEmail: user.email });
	if (!result.ok) throw linkError(result.failure);
	return { url: "", status: true, redirect: false };
});
