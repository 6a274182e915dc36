/** The user fields a provider profile can fill (after `mapProfileToUser`). */
export interface ProviderUser {
	/** The provider's subject (account id). */
	id: string;
	name: string;
	email: string | null;
	emailVerified: boolean;
	image: string | null;
}

/** A provider's raw profile (the user-info JSON or the ID-token claims). */
export type ProviderProfile = Record<string, unknown>;

/**
 * Options every provider takes (Better Auth's names). `clientId` and `clientSecret` come from
 * the provider's developer console.
 */
export interface ProviderOptions {
	clientId: string;
	clientSecret: string;
	/** Extra scopes, added to the provider's defaults. */
	scope?: string[];
	/** Send only `scope` (not the defaults). */
	disableDefaultScope?: boolean;
	/** Override the redirect URI (default `{baseURL}{basePath}/callback/{id}`); must be registered at the provider. */
	redirectURI?: string;
	/** Never create users from this provider (existing users may still sign in). */
	disableSignUp?: boolean;
	/** Create users only when the sign-in request says `requestSignUp: true`. */
	disableImplicitSignUp?: boolean;
	/**
	 * Refuse sign-in (`?error=email_not_verified`, or 403 EMAIL_NOT_VERIFIED for an ID token)
	 * while the user's email is unverified; a new user is created and sent a verification
	 * email when `emailVerification.sendVerificationEmail` is configured. Default `false`.
	 */
	requireEmailVerification?: boolean;
	/** Refuse `idToken` sign-in for this provider. */
	disableIdTokenSignIn?: boolean;
	/** Map the provider's profile to user fields (name, image, emailVerified…). */
	mapProfileToUser?: (profile: ProviderProfile) => Partial<Omit<ProviderUser, "id">> | Promise<Partial<Omit<ProviderUser, "id">>>;
	/** Update the user's name and image from the provider at every sign-in. Default `false`. */
	overrideUserInfoOnSignIn?: boolean;
	/** `prompt` authorize parameter (`select_account`, `consent`, `login`, `none`…). */
	prompt?: string;
	/** `access_type` (Google: `offline` gets a refresh token). */
	accessType?: "offline" | "online";
	/** Extra `aud` values accepted on ID tokens (e.g. an iOS client id next to the web one). */
	audience?: string[];
	/**
	 * Endpoint overrides, for self-hosted instances and tests (a loopback stand-in). Production
	 * defaults are the provider's real URLs; leave these unset there. `http:` is allowed only
	 * for `127.0.0.1`, `[::1]` and `localhost`.
	 */
	authorizationEndpoint?: string;
	tokenEndpoint?: string;
	userInfoEndpoint?: string;
}

/** Google (OpenID Connect). `issuer` overrides the discovery issuer (tests, proxies). */
export interface GoogleOptions extends ProviderOptions {
	/** OpenID issuer; default `https://accounts.google.com`. When set, endpoints are discovered from it. */
	issuer?: string;
	/** Hosted domain hint (`hd`). */
	hd?: string;
}

/** Microsoft Entra ID (OpenID Connect). */
export interface MicrosoftOptions extends ProviderOptions {
	/** `common` (default), `organizations`, `consumers` or a tenant id. */
	tenantId?: string;
	/** OpenID issuer override (tests); endpoints are then discovered from it. */
	issuer?: string;
}

/** GitLab; `issuer` points at a self-hosted instance (default `https://gitlab.com`). */
export interface GitlabOptions extends ProviderOptions {
	issuer?: string;
}

/** Sign in with Apple. `clientSecret` is the ES256 JWT you generate from your key. */
export interface AppleOptions extends ProviderOptions {
	/** App bundle id, accepted as an extra ID-token audience (native sign-in). */
	appBundleIdentifier?: string;
	/** OpenID issuer override (tests). */
	issuer?: string;
}

/**
 * A generic OpenID Connect provider, configured from its discovery document
 * (`{issuer}/.well-known/openid-configuration`). Listed under `socialProviders.oidc`; `id`
 * is the name used in `signIn.social({ provider: id })` and in `/callback/{id}`.
 *
 * @example
 * socialProviders: { oidc: [{ id: "acme", issuer: "https://login.acme.com", clientId, clientSecret }] }
 */
export interface GenericOIDCOptions extends ProviderOptions {
	/** `[a-z0-9_-]`, 1–64 characters, not the name of a built-in provider. */
	id: string;
	/** Display name. Default: the id. */
	name?: string;
	/** The issuer; the discovery document is read from `{issuer}/.well-known/openid-configuration`. */
	issuer?: string;
	/** The full discovery URL, when it is not under the issuer. Its `issuer` must still match. */
	discoveryUrl?: string;
	/** Use PKCE (S256). Default `true`. */
	pkce?: boolean;
}

/**
 * `socialProviders` (Better Auth's option): the built-in providers by name, plus generic
 * OpenID Connect providers under `oidc`.
 */
export interface SocialProvidersOptions {
	github?: ProviderOptions;
	google?: GoogleOptions;
	discord?: ProviderOptions;
	microsoft?: MicrosoftOptions;
	apple?: AppleOptions;
	gitlab?: GitlabOptions;
	/** Generic OpenID Connect providers (Latchkey's addition; Better Auth uses its `genericOAuth` plugin). */
	oidc?: GenericOIDCOptions[];
}

/** `account` options: linking and token storage (Better Auth's names). */
export interface AccountOptions {
	/** Store provider tokens encrypted (XChaCha20-Poly1305 with the server secret, Better Auth's format). Default `false`. */
	encryptOAuthTokens?: boolean;
	/** Update the stored tokens at every sign-in. Default `true`. */
	updateAccountOnSignIn?: boolean;
	accountLinking?: {
		/** Link a provider account to an existing user with the same (verified) email. Default `true`. */
		enabled?: boolean;
		/**
		 * Providers Better Auth links even when they report the email unverified. Latchkey keeps the
		 * option for drop-in configs but still requires a verified email on both sides
		 * (SECURITY.md rule 4): an unverified email is the classic account-takeover path.
		 */
		trustedProviders?: string[];
		/** `link-social`: allow a provider email different from the user's. Default `false`. */
		allowDifferentEmails?: boolean;
		/** On `link-social`, copy name and image from the provider. Default `false`. */
		updateUserInfoOnLink?: boolean;
	};
	/** Skip the signed state-cookie check (not recommended: it binds the flow to the browser). Default `false`. */
	skipStateCookieCheck?: boolean;
}
