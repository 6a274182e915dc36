import type { RateLimitRule } from "../rate-limit.ts";

/**
 * Per-account limits (`rateLimit.account`), on top of the per-IP limits (SECURITY.md rule 15).
 * Windows are in seconds.
 *
 * @example
 * createLatchkey({ rateLimit: { account: { signIn: { window: 600, max: 5 }, emails: { max: 2 } } } });
 */
export interface AccountThrottleOptions {
	/**
	 * Default: `rateLimit.enabled` (itself `true` by default). An explicit value wins, so
	 * `{ enabled: false, account: { enabled: true } }` keeps only the per-account limits.
	 */
	enabled?: boolean;
	/**
	 * Password sign-ins (`/sign-in/email`, `/sign-in/username`) per email or username, and per
	 * sign-in device cookie. Every password check is charged before it runs. Default
	 * `{ window: 900, max: 10 }` (10 per 15 minutes); the 11th gets 429 `TOO_MANY_SIGN_IN_ATTEMPTS`.
	 */
	signIn?: { window?: number; max?: number };
	/**
	 * Mails per target address and kind (password reset, email verification, change-email).
	 * Past the limit the mail is skipped silently; the answer does not change. Default
	 * `{ window: 600, max: 3 }` (3 per 10 minutes).
	 */
	emails?: { window?: number; max?: number };
}

/** {@link AccountThrottleOptions} with defaults applied. */
export interface ResolvedAccountThrottle {
	readonly enabled: boolean;
	readonly signIn: RateLimitRule;
	readonly emails: RateLimitRule;
}

/** Default per-account sign-in budget: 10 password checks per 15 minutes (OWASP Authentication Cheat Sheet, "Account Lockout"). */
export const DEFAULT_SIGN_IN_RULE: RateLimitRule = { window: 900, max: 10 };
/** Default per-address mail budget: 3 per 10 minutes. */
export const DEFAULT_EMAIL_RULE: RateLimitRule = { window: 600, max: 3 };

/** Applies the defaults; `rateLimitEnabled` is the resolved `rateLimit.enabled`. */
export function resolveAccountThrottle(options: AccountThrottleOptions | undefined, rateLimitEnabled: boolean): ResolvedAccountThrottle {
	return {
		enabled: options?.enabled ?? rateLimitEnabled,
		signIn: {
			window: options?.signIn?.window ?? DEFAULT_SIGN_IN_RULE.window,
			max: options?.signIn?.max ?? DEFAULT_SIGN_IN_RULE.max,
		},
		emails: {
			window: options?.emails?.window ?? DEFAULT_EMAIL_RULE.window,
			max: options?.emails?.max ?? DEFAULT_EMAIL_RULE.max,
		},
	};
}
