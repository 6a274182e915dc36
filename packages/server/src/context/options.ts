import type { PasswordHasher } from "../crypto/password.ts";
import type { AccountThrottleOptions } from "../middleware/account-throttle/options.ts";
import type { RateLimitRule, RateLimitStorage } from "../middleware/rate-limit.ts";
import type { LatchkeyPlugin } from "../plugin.ts";
import type { SecondaryStorage } from "../secondary-storage/secondary-storage.ts";
import type { AccountOptions, SocialProvidersOptions } from "../social/options.ts";
import type { Storage } from "../storage/storage.ts";
import type { ChangeEmailOptions, DeleteUserOptions, EmailVerificationOptions, PasswordResetOptions } from "./user-options.ts";

/**
 * Server options. Names follow Better Auth's so that moving an app over is a change of
 * imports (DESIGN.md promise 1).
 */
export interface LatchkeyOptions {
	/** Shown in emails and authenticator apps. Default `"Latchkey"`. */
	appName?: string;
	/** Public origin of the server, e.g. `https://example.com`. Default: `LATCHKEY_URL` / `BETTER_AUTH_URL`, else the request's origin. */
	baseURL?: string;
	/** Mount point of the routes. Default `/api/auth`. */
	basePath?: string;
	/**
	 * Signs cookies and tokens. Default: `LATCHKEY_SECRET` / `BETTER_AUTH_SECRET` / `AUTH_SECRET`.
	 * Required (≥ 32 characters) when `NODE_ENV=production`; the server refuses to start otherwise.
	 */
	secret?: string;
	/** A `Storage`, a SQLite file path / `":memory:"`, or a `postgres://` URL. Default: `latchkey.db`. */
	database?: Storage | string;
	/** Origins allowed for state-changing cookie requests and redirect targets. `*` wildcards allowed. */
	trustedOrigins?: string[] | ((request: Request | undefined) => string[] | Promise<string[]>);
	emailAndPassword?: PasswordResetOptions & {
		/** Default `false`, as Better Auth. */
		enabled?: boolean;
		disableSignUp?: boolean;
		/** Default 8. */
		minPasswordLength?: number;
		/** Default 128. */
		maxPasswordLength?: number;
		/** Sign the user in after sign-up. Default `true`. */
		autoSignIn?: boolean;
		/** Refuse sign-in until the email is verified. Default `false`. */
		requireEmailVerification?: boolean;
		/** Replace the scrypt hasher. */
		password?: PasswordHasher;
	};
	emailVerification?: EmailVerificationOptions;
	user?: {
		deleteUser?: DeleteUserOptions;
		changeEmail?: ChangeEmailOptions;
	};
	session?: {
		/** Seconds. Default 604800 (7 days). */
		expiresIn?: number;
		/** Seconds between sliding refreshes. Default 86400 (1 day). */
		updateAge?: number;
		/** Seconds a session counts as fresh for sensitive routes. Default 86400; 0 disables the check. */
		freshAge?: number;
		disableSessionRefresh?: boolean;
		/** Signed `session_data` cookie so a warm `get-session` reads no database. */
		cookieCache?: { enabled?: boolean; maxAge?: number };
	};
	rateLimit?: {
		/** Default `true` in every environment (SECURITY.md rule 14). */
		enabled?: boolean;
		/** Seconds. Default 10. */
		window?: number;
		/** Default 100. */
		max?: number;
		/** Per-path rules (exact path or `*` wildcard); `false` disables limiting for the path. */
		customRules?: Record<string, RateLimitRule | false>;
		/**
		 * Where counters live: `"memory"` (one process; the default without `secondaryStorage`),
		 * `"database"` (the `rateLimit` table, shared by every process), `"secondary-storage"`
		 * (the default when `secondaryStorage` has `increment`, e.g. `createRedisStorage`), or
		 * your own {@link RateLimitStorage}.
		 */
		storage?: "memory" | "database" | "secondary-storage" | RateLimitStorage;
		/** Better Auth's name for a custom store; wins over `storage`. */
		customStorage?: RateLimitStorage;
		/**
		 * Limits per account as well as per IP (Latchkey's own, SECURITY.md rule 15): password
		 * sign-ins per email / username (default 10 per 15 minutes, with a device cookie that
		 * keeps the owner's browser out of a lockout) and mails per address (default 3 per 10
		 * minutes, skipped silently). Counted in the same store as the per-IP limits. On when
		 * `enabled` is.
		 */
		account?: AccountThrottleOptions;
	};
	advanced?: {
		/** Default `better-auth`, so existing browser sessions keep working. */
		cookiePrefix?: string;
		/** Force `Secure` + `__Secure-`; default: on when `baseURL` is https. */
		useSecureCookies?: boolean;
		/** Skip the Origin check on cookie requests (not recommended). */
		disableCSRFCheck?: boolean;
		/** Skip redirect-target validation and the Origin check (not recommended). */
		disableOriginCheck?: boolean;
		/**
		 * Minimum time in milliseconds of answers that must not reveal whether an address has an
		 * account (send-verification-email without a session, request-password-reset). Default 500.
		 */
		constantResponseMs?: number;
		ipAddress?: {
			/** Headers that carry the client IP; only set this behind a proxy that overwrites them. */
			ipAddressHeaders?: string[];
			disableIpTracking?: boolean;
		};
	};
	/** Bearer tokens (`Authorization: Bearer`): on by default, as with Better Auth's `bearer()`. */
	bearer?: { enabled?: boolean; requireSignature?: boolean };
	/** Largest accepted request body in bytes. Default 1 MiB. */
	maxBodySize?: number;
	/** Where errors go (Better Auth's option). */
	onAPIError?: {
		/**
		 * Your error page. OAuth failures without an error URL of their own, and `GET /error`,
		 * redirect here with `?error=<code>&error_description=…`. Default: `{basePath}/error`,
		 * a plain page in development and a redirect to `/?error=…` in production.
		 */
		errorURL?: string;
	};
	plugins?: LatchkeyPlugin[];
	/** OAuth 2 / OpenID Connect providers (`github`, `google`, … or a generic OIDC provider). */
	socialProviders?: SocialProvidersOptions;
	/** Account linking and OAuth token storage. */
	account?: AccountOptions;
	/**
	 * A key-value store shared by every process (`createRedisStorage()`): a read-through cache
	 * of sessions (the database stays the record, as Better Auth's
	 * `session.storeSessionInDatabase: true`; every session or user write invalidates it on
	 * every process at once) and, by default, the rate-limit counters.
	 */
	secondaryStorage?: SecondaryStorage;
	/**
	 * The API reference: `GET /reference/openapi.json`, `GET /open-api/generate-schema` and
	 * the HTML page `GET /reference`. Default `{ enabled: true }`.
	 */
	openAPI?: { enabled?: boolean };
	/** Clock, for tests. */
	now?: () => Date;
}
