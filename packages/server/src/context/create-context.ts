import { COOKIE_SUFFIX, DEFAULT_COOKIE_PREFIX, LEGACY_SESSION_TOKEN_SUFFIX, SECURE_COOKIE_PREFIX } from "@latchkey/core";
import type { CookieAttributes } from "../cookies/cookie.ts";
import { scryptHasher } from "../crypto/password.ts";
import type { PasswordHasher } from "../crypto/password.ts";
import { resolveAccountThrottle } from "../middleware/account-throttle/options.ts";
import type { ResolvedAccountThrottle } from "../middleware/account-throttle/options.ts";
import { DEFAULT_RULES, MemoryRateLimitStorage } from "../middleware/rate-limit.ts";
import type { RateLimitRule, RateLimitStorage } from "../middleware/rate-limit.ts";
import type { LatchkeyPlugin } from "../plugin.ts";
import type { SessionRow, UserRow } from "../storage/rows.ts";
import { withSecondaryStorage } from "../secondary-storage/cached-storage.ts";
import { SecondaryRateLimitStorage } from "../secondary-storage/secondary-rate-limit.ts";
import { DatabaseRateLimitStorage } from "../storage/database-rate-limit.ts";
import { openStorage } from "../storage/open-storage.ts";
import type { Storage } from "../storage/storage.ts";
import type { LatchkeyOptions } from "./options.ts";
import { resolveSecret } from "./secret.ts";

/** Everything endpoints need, resolved once from the options. */
export interface AuthContext {
	readonly options: LatchkeyOptions;
	readonly appName: string;
	/** `NODE_ENV=production` when the instance was created. */
	readonly production: boolean;
	/** Configured base URL (origin, no path), or `undefined` to use each request's origin. */
	readonly baseURL: string | undefined;
	readonly basePath: string;
	readonly secret: string;
	readonly storage: Storage;
	readonly cookies: {
		readonly sessionToken: string;
		/** Seed 000's spelling, read (never written). */
		readonly legacySessionToken: string;
		readonly sessionData: string;
		readonly dontRemember: string;
		readonly attributes: CookieAttributes;
		readonly prefix: string;
	};
	readonly session: {
		readonly expiresIn: number;
		readonly updateAge: number;
		readonly freshAge: number;
		readonly disableRefresh: boolean;
		readonly cookieCache: { readonly enabled: boolean; readonly maxAge: number };
	};
	readonly emailAndPassword: {
		readonly enabled: boolean;
		readonly disableSignUp: boolean;
		readonly minPasswordLength: number;
		readonly maxPasswordLength: number;
		readonly autoSignIn: boolean;
		readonly requireEmailVerification: boolean;
		readonly hasher: PasswordHasher;
	};
	readonly rateLimit: {
		readonly enabled: boolean;
		readonly fallback: RateLimitRule;
		readonly rules: Readonly<Record<string, RateLimitRule | false>>;
		readonly storage: RateLimitStorage;
		/** Per-account sign-in and mail budgets, counted in `storage`. */
		readonly account: ResolvedAccountThrottle;
	};
	readonly bearer: { readonly enabled: boolean; readonly requireSignature: boolean };
	readonly ipHeaders: readonly string[] | undefined;
	readonly disableCSRFCheck: boolean;
	readonly disableOriginCheck: boolean;
	readonly maxBodySize: number;
	readonly plugins: readonly LatchkeyPlugin[];
	/** User columns returned on the wire (core plus plugins'). */
	readonly userFields: readonly (keyof UserRow)[];
	/** Session columns returned on the wire (core plus plugins'). */
	readonly sessionFields: readonly (keyof SessionRow)[];
	/** Trusted origins for a request (baseURL's origin, options, env). */
	trustedOrigins(request: Request | undefined): Promise<readonly string[]>;
	now(): Date;
}

const CORE_USER_FIELDS: (keyof UserRow)[] = ["id", "name", "email", "emailVerified", "image", "createdAt", "updatedAt"];
const CORE_SESSION_FIELDS: (keyof SessionRow)[] = ["id", "token", "userId", "expiresAt", "createdAt", "updatedAt", "ipAddress", "userAgent"];

function originOf(url: string | undefined): string | undefined {
	if (!url) return undefined;
	try {
		return new URL(url).origin;
	} catch {
		throw new Error(`latchkey: baseURL is not a valid URL: ${url}`);
	}
}

/** Resolves options into the context shared by every endpoint. */
export function createContext(options: LatchkeyOptions, env: Record<string, string | undefined> = process.env): AuthContext {
	const baseURL = originOf(options.baseURL ?? env.LATCHKEY_URL ?? env.BETTER_AUTH_URL);
	const basePath = (options.basePath ?? "/api/auth").replace(/\/+$/, "");
	const secret = resolveSecret(options.secret, env);
	const production = env.NODE_ENV === "production";
	const secure = options.advanced?.useSecureCookies ?? (baseURL ? baseURL.startsWith("https://") : production);
	const prefix = `${secure ? SECURE_COOKIE_PREFIX : ""}${options.advanced?.cookiePrefix ?? DEFAULT_COOKIE_PREFIX}`;
	const plugins = options.plugins ?? [];
	const pluginRules: Record<string, RateLimitRule> = {};
	for (const plugin of plugins) Object.assign(pluginRules, plugin.rateLimit);
	const envOrigins = (env.LATCHKEY_TRUSTED_ORIGINS ?? env.BETTER_AUTH_TRUSTED_ORIGINS ?? "")
		.split(",")
		.map((o) => o.trim())
		.filter(Boolean);
	const staticOrigins = [...(baseURL ? [baseURL] : []), ...envOrigins, ...(Array.isArray(options.trustedOrigins) ? options.trustedOrigins : [])];
	const dynamicOrigins = typeof options.trustedOrigins === "function" ? options.trustedOrigins : undefined;
	const now = options.now ?? (() => new Date());
	const rateLimitEnabled = options.rateLimit?.enabled ?? true;
	const database = openStorage(options.database);
	const storage = options.secondaryStorage ? withSecondaryStorage(database, options.secondaryStorage, { now: () => now().getTime() }) : database;

	return {
		options,
		appName: options.appName ?? "Latchkey",
		production,
		baseURL,
		basePath,
		secret,
		storage,
		cookies: {
			sessionToken: `${prefix}.${COOKIE_SUFFIX.sessionToken}`,
			legacySessionToken: `${prefix}.${LEGACY_SESSION_TOKEN_SUFFIX}`,
			sessionData: `${prefix}.${COOKIE_SUFFIX.sessionData}`,
			dontRemember: `${prefix}.${COOKIE_SUFFIX.dontRemember}`,
			// HttpOnly keeps tokens away from scripts; SameSite=Lax stops cross-site POSTs from
			// carrying them (RFC 6265bis §8.8).
			attributes: { path: "/", httpOnly: true, sameSite: "Lax", secure },
			prefix,
		},
		session: {
			expiresIn: options.session?.expiresIn ?? 604_800,
			updateAge: options.session?.updateAge ?? 86_400,
			freshAge: options.session?.freshAge ?? 86_400,
			disableRefresh: options.session?.disableSessionRefresh ?? false,
			cookieCache: { enabled: options.session?.cookieCache?.enabled ?? false, maxAge: options.session?.cookieCache?.maxAge ?? 300 },
		},
		emailAndPassword: {
			enabled: options.emailAndPassword?.enabled ?? false,
			disableSignUp: options.emailAndPassword?.disableSignUp ?? false,
			minPasswordLength: options.emailAndPassword?.minPasswordLength ?? 8,
			maxPasswordLength: options.emailAndPassword?.maxPasswordLength ?? 128,
			autoSignIn: options.emailAndPassword?.autoSignIn ?? true,
			requireEmailVerification: options.emailAndPassword?.requireEmailVerification ?? false,
			hasher: options.emailAndPassword?.password ?? scryptHasher,
		},
		rateLimit: {
			enabled: rateLimitEnabled,
			fallback: { window: options.rateLimit?.window ?? 10, max: options.rateLimit?.max ?? 100 },
			rules: { ...DEFAULT_RULES, ...pluginRules, ...options.rateLimit?.customRules },
			storage: rateLimitStorage(options, database),
			account: resolveAccountThrottle(options.rateLimit?.account, rateLimitEnabled),
		},
		bearer: { enabled: options.bearer?.enabled ?? true, requireSignature: options.bearer?.requireSignature ?? false },
		ipHeaders: options.advanced?.ipAddress?.ipAddressHeaders,
		disableCSRFCheck: options.advanced?.disableCSRFCheck ?? options.advanced?.disableOriginCheck ?? false,
		disableOriginCheck: options.advanced?.disableOriginCheck ?? false,
		maxBodySize: options.maxBodySize ?? 1024 * 1024,
		plugins,
		userFields: [...CORE_USER_FIELDS, ...plugins.flatMap((p) => p.userFields ?? [])],
		sessionFields: [...CORE_SESSION_FIELDS, ...plugins.flatMap((p) => p.sessionFields ?? [])],
		async trustedOrigins(request) {
			if (!dynamicOrigins) return staticOrigins;
			return [...staticOrigins, ...(await dynamicOrigins(request))];
		},
		now,
	};
}

/**
 * The rate-limit store named by the options. Defaults to the secondary storage when it can
 * count atomically, else to process memory.
 */
function rateLimitStorage(options: LatchkeyOptions, database: Storage): RateLimitStorage {
	const chosen = options.rateLimit?.customStorage ?? options.rateLimit?.storage;
	if (typeof chosen === "object") return chosen;
	const secondary = options.secondaryStorage;
	const kind = chosen ?? (secondary?.increment ? "secondary-storage" : "memory");
	if (kind === "database") return new DatabaseRateLimitStorage(database);
	if (kind === "secondary-storage") {
		if (!secondary) throw new Error('latchkey: rateLimit.storage "secondary-storage" needs the secondaryStorage option');
		return new SecondaryRateLimitStorage(secondary);
	}
	return new MemoryRateLimitStorage();
}
