import * as z from "zod";
import { lazyRoute } from "../contract/lazy-route.ts";
import { once } from "../contract/once.ts";
import { LIMITS, userSchema } from "../model.ts";
import { callbackURL } from "./fields.ts";

/**
 * Authorization-URL parameters the server sets itself. A client may not override them through
 * `additionalParams`: that would let it swap the state, the PKCE challenge or the redirect URI
 * (RFC 9700 §2.1, §4.5).
 */
export const RESERVED_OAUTH_PARAMS = [
	"state",
	"client_id",
	"redirect_uri",
	"response_type",
	"code_challenge",
	"code_challenge_method",
	"nonce",
	"scope",
] as const;

const providerId = once(() => z.string().min(1).max(64));
const shortString = once(() => z.string().max(LIMITS.name));
const oauthToken = once(() => z.string().min(1).max(16_384));
const scopes = once(() => z.array(z.string().min(1).max(256)).max(50));
const loginHint = once(() => z.string().max(LIMITS.email));

/** Extra authorize-URL parameters; reserved OAuth keys are refused (spec/core.md §9.28). */
export const additionalParams = z
	.record(z.string().min(1).max(64), z.string().max(LIMITS.url))
	.refine((params) => Object.keys(params).length <= 20, { message: "Too many additional parameters" })
	.refine((params) => !Object.keys(params).some((key) => (RESERVED_OAUTH_PARAMS as readonly string[]).includes(key.toLowerCase())), {
		message: "Reserved OAuth parameter",
	});

/** Opaque data that round-trips through the OAuth state; bounded so the state row stays small. */
export const additionalData = z
	.record(z.string().max(64), z.unknown())
	.refine((data) => JSON.stringify(data).length <= 4096, { message: "additionalData is too large" });

/** An ID token obtained by the app itself (Google One Tap, Sign in with Apple on a device, …). */
const idTokenInput = once(() =>
	z.object({
		token: oauthToken(),
		nonce: z.string().max(LIMITS.token).optional(),
		accessToken: oauthToken().optional(),
		refreshToken: oauthToken().optional(),
		expiresAt: z.number().int().nonnegative().optional(),
		user: z
			.object({
				name: z.object({ firstName: shortString().optional(), lastName: shortString().optional() }).optional(),
				email: z.string().max(LIMITS.email).optional(),
			})
			.optional(),
	}));

/** The answer of the social sign-in and link routes: a redirect URL, or (ID-token flow) a session. */
export const socialSignInResponse = z.object({
	redirect: z.boolean(),
	url: z.string().optional(),
	token: z.string().optional(),
	user: userSchema.optional(),
	status: z.boolean().optional(),
});

/**
 * `POST /sign-in/social`: start the OAuth 2 / OpenID Connect flow, or sign in with an ID token.
 * `auth.api.signInSocial({ body })`, `client.signIn.social({ provider, callbackURL })`
 * (spec/core.md §9.28).
 */
export const signInSocial = lazyRoute({
	name: "signInSocial",
	method: "POST",
	path: "/sign-in/social",
	get body() {
		return z.object({
			provider: providerId(),
			callbackURL: callbackURL.optional(),
			newUserCallbackURL: callbackURL.optional(),
			errorCallbackURL: callbackURL.optional(),
			disableRedirect: z.boolean().optional(),
			idToken: idTokenInput().optional(),
			scopes: scopes().optional(),
			requestSignUp: z.boolean().optional(),
			loginHint: loginHint().optional(),
			additionalParams: additionalParams.optional(),
			additionalData: additionalData.optional(),
		});
	},
	get response() {
		return socialSignInResponse;
	},
	errorCodes: [
		"PROVIDER_NOT_FOUND",
		"ID_TOKEN_NOT_SUPPORTED",
		"INVALID_TOKEN",
		"FAILED_TO_GET_USER_INFO",
		"USER_EMAIL_NOT_FOUND",
		"EMAIL_NOT_VERIFIED",
		"OAUTH_LINK_ERROR",
		"INVALID_CALLBACK_URL",
		"VALIDATION_ERROR",
	],
	summary: "Sign in with a social provider",
});

const callbackParam = once(() => z.string().max(LIMITS.url));
/** What a provider sends back to `/callback/:id` (query, or form body for `form_post`). */
const callbackParams = once(() =>
	z.object({
		code: callbackParam().optional(),
		state: callbackParam().optional(),
		error: callbackParam().optional(),
		error_description: callbackParam().optional(),
		device_id: callbackParam().optional(),
		user: z.string().max(4096).optional(),
		iss: callbackParam().optional(),
	}));

/**
 * `GET /callback/:id`: the provider redirects the browser here. Always answers a 302: to the
 * app's callbackURL with a session, or to the error URL with `?error=<code>` (spec/core.md §9.29).
 */
export const callbackOAuth = lazyRoute({
	name: "callbackOAuth",
	method: "GET",
	path: "/callback/:id",
	get query() {
		return callbackParams();
	},
	get response() {
		return z.never();
	},
	summary: "OAuth callback",
});

/**
 * `POST /callback/:id`: `form_post` providers (Apple). Redirects (302) to the GET callback with
 * the merged parameters; the GET does the work.
 */
export const callbackOAuthPost = lazyRoute({
	name: "callbackOAuthPost",
	method: "POST",
	path: "/callback/:id",
	mediaTypes: ["json", "form"],
	get query() {
		return callbackParams();
	},
	get body() {
		return callbackParams().optional();
	},
	get response() {
		return z.never();
	},
	summary: "OAuth callback (form_post)",
});

/**
 * `POST /link-social`: link another provider account to the signed-in user (sensitive session).
 * `auth.api.linkSocialAccount({ body, headers })`, `client.linkSocial({ provider, callbackURL })`
 * (spec/core.md §9.30).
 */
export const linkSocialAccount = lazyRoute({
	name: "linkSocialAccount",
	method: "POST",
	path: "/link-social",
	get body() {
		return z.object({
			provider: providerId(),
			callbackURL: callbackURL.optional(),
			errorCallbackURL: callbackURL.optional(),
			disableRedirect: z.boolean().optional(),
			scopes: scopes().optional(),
			loginHint: loginHint().optional(),
			requestSignUp: z.boolean().optional(),
			idToken: idTokenInput().pick({ token: true, nonce: true, accessToken: true, refreshToken: true }).optional(),
			additionalParams: additionalParams.optional(),
			additionalData: additionalData.optional(),
		});
	},
	get response() {
		return socialSignInResponse;
	},
	requiresSession: true,
	errorCodes: [
		"UNAUTHORIZED",
		"PROVIDER_NOT_FOUND",
		"ID_TOKEN_NOT_SUPPORTED",
		"INVALID_TOKEN",
		"FAILED_TO_GET_USER_INFO",
		"USER_EMAIL_NOT_FOUND",
		"SOCIAL_ACCOUNT_ALREADY_LINKED",
		"LINKING_NOT_ALLOWED",
		"LINKING_DIFFERENT_EMAILS_NOT_ALLOWED",
		"LINKING_FAILED",
		"VALIDATION_ERROR",
	],
	summary: "Link a social account to the user",
});

const localAccountId = z.string().min(1).max(LIMITS.token);
const userId = z.string().min(1).max(LIMITS.token).optional();
/**
 * Which account a token route acts on: the local `account.id`, or the account cookie (1.7's
 * strict selector, spec/core.md §9.27). Unknown keys are refused.
 */
export const accountSelector = z.union([
	z.strictObject({ accountId: localAccountId, userId }),
	z.strictObject({ useAccountCookie: z.union([z.literal(true), z.literal("true").transform(() => true as const)]), userId }),
]);

/**
 * `POST /get-access-token`: a valid provider access token, refreshed first when it expires
 * within 5 s. `auth.api.getAccessToken({ body, headers })`, `client.getAccessToken({ accountId })`.
 */
export const getAccessToken = lazyRoute({
	name: "getAccessToken",
	method: "POST",
	path: "/get-access-token",
	get body() {
		return accountSelector;
	},
	get response() {
		return z.object({
			accessToken: z.string(),
			accessTokenExpiresAt: z.date().optional(),
			scopes: z.array(z.string()),
			idToken: z.string().optional(),
		});
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED", "ACCOUNT_NOT_FOUND", "PROVIDER_NOT_SUPPORTED", "FAILED_TO_GET_ACCESS_TOKEN", "VALIDATION_ERROR"],
	summary: "Get a valid access token, refreshing it if needed",
});

/**
 * `POST /refresh-token`: force a refresh_token grant at the provider.
 * `auth.api.refreshToken({ body, headers })`, `client.refreshToken({ accountId })`.
 */
export const refreshToken = lazyRoute({
	name: "refreshToken",
	method: "POST",
	path: "/refresh-token",
	get body() {
		return accountSelector;
	},
	get response() {
		return z.object({
			accessToken: z.string(),
			refreshToken: z.string(),
			accessTokenExpiresAt: z.date().nullable().optional(),
			refreshTokenExpiresAt: z.date().nullable().optional(),
			scope: z.string().nullable().optional(),
			idToken: z.string().nullable().optional(),
			providerId: z.string(),
			accountId: z.string(),
		});
	},
	requiresSession: true,
	errorCodes: [
		"UNAUTHORIZED",
		"ACCOUNT_NOT_FOUND",
		"PROVIDER_NOT_SUPPORTED",
		"REFRESH_TOKEN_NOT_FOUND",
		"FAILED_TO_REFRESH_ACCESS_TOKEN",
		"VALIDATION_ERROR",
	],
	summary: "Refresh the provider access token",
});

/**
 * `GET /account-info`: the provider's view of the user, fetched with a valid access token.
 * `auth.api.accountInfo({ query, headers })`, `client.accountInfo({ query: { accountId } })`.
 */
export const accountInfo = lazyRoute({
	name: "accountInfo",
	method: "GET",
	path: "/account-info",
	get query() {
		return accountSelector;
	},
	get response() {
		return z.object({
			user: z.object({
				id: z.string().optional(),
				name: z.string().optional(),
				email: z.string().nullable().optional(),
				image: z.string().nullable().optional(),
				emailVerified: z.boolean(),
			}),
			data: z.record(z.string(), z.unknown()),
			account: z.object({ id: z.string(), providerId: z.string(), accountId: z.string() }),
		});
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED", "ACCOUNT_NOT_FOUND", "PROVIDER_NOT_CONFIGURED", "ACCESS_TOKEN_NOT_FOUND", "FAILED_TO_GET_USER_INFO", "VALIDATION_ERROR"],
	summary: "Get the account info provided by the provider",
});

/** Social sign-in route contracts, by endpoint name (issue 4). */
export const socialRoutes = {
	signInSocial,
	callbackOAuth,
	callbackOAuthPost,
	linkSocialAccount,
	getAccessToken,
	refreshToken,
	accountInfo,
} as const;
