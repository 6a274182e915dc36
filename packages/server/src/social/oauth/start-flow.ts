import { APIError, BASE_ERROR_CODES } from "@latchkey/core";
import type { AuthContext } from "../../context/create-context.ts";
import type { ResponseState } from "../../endpoint/response-state.ts";
import type { OAuthProvider } from "../providers/provider.ts";
import { originOf } from "../routes/redirect-targets.ts";
import { createOAuthState, generateVerifierAndNonce } from "../state/oauth-state.ts";
import type { LinkTarget } from "../state/oauth-state.ts";
import { createAuthorizationURL, requestedScopes } from "./authorization-url.ts";

/** Input of {@link startAuthorization}. */
export interface StartFlowInput {
	callbackURL: string | undefined;
	errorCallbackURL: string | undefined;
	newUserCallbackURL?: string | undefined;
	link?: LinkTarget;
	requestSignUp?: boolean | undefined;
	scopes?: string[] | undefined;
	loginHint?: string | undefined;
	additionalParams?: Record<string, string> | undefined;
	additionalData?: Record<string, unknown> | undefined;
	disableRedirect?: boolean | undefined;
}

/** The exact redirect URI registered at the provider: `{baseURL}{basePath}/callback/{id}` unless configured. */
export function redirectURIOf(auth: AuthContext, provider: OAuthProvider, request: Request | undefined): string {
	if (provider.options.redirectURI) return provider.options.redirectURI;
	const origin = originOf(auth, request);
	if (!origin) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.CALLBACK_URL_REQUIRED);
	return `${origin}${auth.basePath}/callback/${encodeURIComponent(provider.id)}`;
}

/**
 * Starts an authorization-code flow (spec/core.md §9.28): stores the state row, sets the
 * state cookie, and answers `{ url, redirect }` with `Location` unless `disableRedirect`.
 */
export async function startAuthorization(
	ctx: { auth: AuthContext; request: Request | undefined; response: ResponseState },
	provider: OAuthProvider,
	input: StartFlowInput,
): Promise<{ url: string; redirect: boolean }> {
	const { auth, request, response } = ctx;
	const callbackURL = input.callbackURL || originOf(auth, request);
	if (!callbackURL) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.CALLBACK_URL_REQUIRED);
	const redirectURI = redirectURIOf(auth, provider, request);
	// Discovery first: an unreachable provider fails the request before any state row is
	// written, as a 503 that names no internals (the cause is not the client's mistake).
	await provider.server().catch(() => {
		throw APIError.from("SERVICE_UNAVAILABLE", BASE_ERROR_CODES.SERVICE_UNAVAILABLE);
	});
	const { codeVerifier, nonce } = generateVerifierAndNonce();
	const idTokenNonce = provider.kind === "oidc" ? nonce : undefined;
	const state = await createOAuthState(auth, response, {
		callbackURL,
		codeVerifier,
		...(input.errorCallbackURL ? { errorURL: input.errorCallbackURL } : {}),
		...(input.newUserCallbackURL ? { newUserURL: input.newUserCallbackURL } : {}),
		...(input.link ? { link: input.link } : {}),
		...(input.requestSignUp ? { requestSignUp: true } : {}),
		...(idTokenNonce ? { idTokenNonce } : {}),
		providerId: provider.id,
		requestedScopes: requestedScopes(provider, input.scopes),
		additionalData: input.additionalData,
	});
	const url = await createAuthorizationURL(provider, {
		state,
		codeVerifier,
		nonce: idTokenNonce,
		redirectURI,
		scopes: input.scopes,
		loginHint: input.loginHint,
		additionalParams: input.additionalParams,
	});
	const redirect = !input.disableRedirect;
	if (redirect) response.headers.set("location", url.href);
	return { url: url.href, redirect };
}
