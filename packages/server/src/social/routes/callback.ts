import { callbackOAuth as route, isAPIError } from "@latchkey/core";
import type { RouteQuery } from "@latchkey/core";
import type { AuthContext } from "../../context/create-context.ts";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import type { EndpointContext } from "../../endpoint/define-endpoint.ts";
import { resolveSession } from "../../session/get-session.ts";
import { setSessionCookies } from "../../session/session-cookies.ts";
import { exchangeCode } from "../oauth/exchange-code.ts";
import type { ExchangeCodeResult } from "../oauth/exchange-code.ts";
import { redirectURIOf } from "../oauth/start-flow.ts";
import { findProvider } from "../providers/resolve-providers.ts";
import { consumeOAuthState } from "../state/oauth-state.ts";
import type { OAuthStateData } from "../state/oauth-state.ts";
import { linkProviderAccount } from "../user/link-provider-account.ts";
import { toIdentity } from "../user/provider-identity.ts";
import { signInProviderUser } from "../user/sign-in-provider-user.ts";
import { appendQuery, originOf, redirectResponse } from "./redirect-targets.ts";

type CallbackContext = EndpointContext<typeof route, unknown>;
type CallbackQuery = RouteQuery<typeof route>;

/** Where errors go without an error URL in the state: `onAPIError.errorURL`, else `{baseURL}{basePath}/error`. */
function defaultErrorURL(auth: AuthContext, request: Request | undefined): string {
	return auth.options.onAPIError?.errorURL ?? `${originOf(auth, request) ?? ""}${auth.basePath}/error`;
}

/** The callback error codes of a refused link (spec/core.md §9.29). */
const LINK_ERRORS = {
	already_linked_to_other_user: "account_already_linked_to_different_user",
	linking_not_allowed: "unable_to_link_account",
	different_email: "email_does_not_match",
	unable_to_link: "unable_to_link_account",
} as const;

function parseAppleUser(value: string | undefined): unknown {
	if (!value) return undefined;
	try {
		return JSON.parse(value);
	} catch {
		return undefined;
	}
}

/**
 * `GET /callback/:id` (spec/core.md §9.29): the provider sends the browser back here. Every
 * outcome is a 302: to the app with a session, or to the error URL with `?error=<code>`.
 * Order: state (cookie-bound, single use), provider error, code, provider, issuer (RFC 9207),
 * code exchange with PKCE and ID-token checks, profile, then sign-in or link.
 */
export const callbackOAuth = defineEndpoint(route, "none", async (ctx) => {
	const { auth, query, request } = ctx;
	const fallbackErrorURL = defaultErrorURL(auth, request);
	if (!query.state) return redirectResponse(appendQuery(fallbackErrorURL, { error: "state_not_found" }));
	const parsed = await consumeOAuthState(auth, ctx.headers, ctx.response, query.state);
	if (!parsed.ok) return redirectResponse(appendQuery(parsed.errorURL ?? fallbackErrorURL, { error: "state_mismatch" }));
	const state = parsed.data;
	const fail = (error: string, description?: string): Response => redirectResponse(appendQuery(state.errorURL ?? fallbackErrorURL, { error, error_description: description }));
	return finishCallback(ctx, query, state, fail);
});

async function finishCallback(ctx: CallbackContext, query: CallbackQuery, state: OAuthStateData, fail: (error: string, description?: string) => Response): Promise<Response> {
	const { auth, request } = ctx;
	if (query.error) return fail(query.error, query.error_description);
	if (!query.code) return fail("no_code");
	const providerId = ctx.params.id ?? "";
	const provider = findProvider(auth, providerId);
	if (!provider) return fail("oauth_provider_not_found");
	// A state is only good at the callback of the provider it was made for.
	if (state.providerId !== undefined && state.providerId !== provider.id) return fail("state_mismatch");
	const server = await provider.server().catch(() => null);
	if (!server) return fail("invalid_code");
	// RFC 9207: the response names its issuer, so a code from another server (mix-up) is refused.
	if (query.iss !== undefined ? query.iss !== server.issuer : server.authorization_response_iss_parameter_supported === true) return fail("issuer_mismatch");

	let exchanged: ExchangeCodeResult;
	try {
		const parameters = new URLSearchParams();
		for (const [key, value] of Object.entries(query)) if (typeof value === "string" && key !== "user") parameters.set(key, value);
		exchanged = await exchangeCode(provider, {
			parameters,
			state: state.oauthState,
			codeVerifier: state.codeVerifier,
			redirectURI: redirectURIOf(auth, provider, request),
			nonce: state.idTokenNonce,
			now: auth.now(),
			requestedScopes: state.requestedScopes ?? [],
		});
	} catch {
		return fail("invalid_code");
	}
	const info = await provider.fetchUser({ ...exchanged, appleUser: parseAppleUser(query.user) }).catch(() => null);
	if (!info) return fail("unable_to_get_user_info");
	const identity = await toIdentity(provider, info, exchanged.tokens);

	if (state.link) {
		// The browser finishing the link must still be signed in as the user who started it:
		// signing out (or a revoked session) in between cancels the link.
		const current = await resolveSession(auth, ctx.headers, ctx.response, { fromDatabase: true }).catch(() => null);
		if (current?.user.id !== state.link.userId) return fail("unable_to_link_account");
		const linked = await linkProviderAccount(auth, { identity, userId: state.link.userId, userEmail: state.link.email });
		if (!linked.ok) return fail(LINK_ERRORS[linked.failure.reason]);
		return redirectResponse(state.callbackURL);
	}
	if (!identity.user.email) return fail("email_not_found");
	const options = provider.options;
	let result: Awaited<ReturnType<typeof signInProviderUser>>;
	try {
		result = await signInProviderUser(auth, {
			identity,
			disableSignUp: Boolean(options.disableSignUp) || (Boolean(options.disableImplicitSignUp) && !state.requestSignUp),
			callbackURL: state.callbackURL,
			request,
			ip: ctx.ip,
			userAgent: ctx.headers.get("user-agent"),
		});
	} catch (error) {
		// A plugin's refusal (a banned user) becomes an error redirect with its code.
		if (isAPIError(error) && error.body?.code) return fail(error.body.code, error.body.message);
		throw error;
	}
	if (!result.ok) return fail(result.error);
	const { user, session, isRegister } = result.value;
	setSessionCookies(auth, ctx.response, { session, user }, { dontRemember: false });
	return redirectResponse(isRegister ? (state.newUserURL ?? state.callbackURL) : state.callbackURL);
}
