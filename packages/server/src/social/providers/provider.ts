import type * as oauth from "oauth4webapi";
import type { ProviderOptions, ProviderProfile, ProviderUser } from "../options.ts";

/** Tokens from a token endpoint (or handed in with an ID-token sign-in). */
export interface OAuthTokens {
	accessToken: string | null;
	refreshToken: string | null;
	idToken: string | null;
	accessTokenExpiresAt: Date | null;
	refreshTokenExpiresAt: Date | null;
	/** Granted scopes (or the requested ones when the provider does not say). */
	scopes: string[];
}

/** What a provider says about the user: normalised fields and the raw profile. */
export interface ProviderUserInfo {
	user: ProviderUser;
	data: ProviderProfile;
}

/** Input of {@link OAuthProvider.fetchUser}. */
export interface FetchUserInput {
	server: oauth.AuthorizationServer;
	tokens: OAuthTokens;
	/** Validated ID-token claims, when the provider sent an ID token. */
	idTokenClaims: Record<string, unknown> | null;
	/** Apple's `user` form field (first sign-in only), parsed. */
	appleUser?: unknown;
}

/**
 * One configured provider: static facts plus the two provider-specific steps (where its
 * authorization server lives, and how its profile maps to a user). The protocol itself
 * (authorize URL, code exchange, refresh, ID-token checks) is shared, on oauth4webapi.
 */
export interface OAuthProvider {
	readonly id: string;
	readonly name: string;
	readonly options: ProviderOptions;
	/** `oidc`: an ID token is expected from the code exchange and validated. */
	readonly kind: "oidc" | "oauth2";
	readonly defaultScopes: readonly string[];
	/** Fixed extra authorize parameters (Google's `include_granted_scopes`, Apple's `response_mode`). */
	readonly authorizationParams: Readonly<Record<string, string>>;
	/** Send a PKCE S256 challenge. */
	readonly pkce: boolean;
	/** How the client authenticates at the token endpoint. */
	readonly clientAuthentication: "client_secret_basic" | "client_secret_post" | "auto";
	/** Accepts `idToken` sign-in (needs a JWKS). */
	readonly supportsIdToken: boolean;
	/** The authorization server's metadata (discovered once for OIDC, static otherwise). */
	server(): Promise<oauth.AuthorizationServer>;
	/** The issuer an ID token must carry; defaults to the server's issuer (Microsoft's is per tenant). */
	expectedIssuer?(server: oauth.AuthorizationServer, claims: Record<string, unknown>): string;
	/** The user's profile from the tokens; `null` when the provider gives none. */
	fetchUser(input: FetchUserInput): Promise<ProviderUserInfo | null>;
}
