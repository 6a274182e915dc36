/** Permissions of a key: resource → actions. */
export type ApiKeyPermissions = Record<string, string[]>;

/** Options of the `apiKey()` plugin; defaults are `@better-auth/api-key`'s (spec/plugins.md §7.2). */
export interface ApiKeyOptions {
	/** The id stored on every key (`configId` column). Default `"default"`. */
	configId?: string;
	/** Header(s) read for a key when `enableSessionForAPIKeys` is on. Default `"x-api-key"`. */
	apiKeyHeaders?: string | string[];
	/** Random characters after the prefix. Default 64. */
	defaultKeyLength?: number;
	/** Prefix of keys created without one. Default none. */
	defaultPrefix?: string;
	/** Default 32. */
	maximumPrefixLength?: number;
	/** Default 1. */
	minimumPrefixLength?: number;
	/** Default 32. */
	maximumNameLength?: number;
	/** Default 1. */
	minimumNameLength?: number;
	/** Refuse keys without a name (`NAME_REQUIRED`). Default false. */
	requireName?: boolean;
	keyExpiration?: {
		/** Seconds; applied when `expiresIn` is not sent. Default none (keys do not expire). */
		defaultExpiresIn?: number | null;
		/** Refuse a client-chosen `expiresIn` (`KEY_DISABLED_EXPIRATION`). Default false. */
		disableCustomExpiresTime?: boolean;
		/** Days. Default 1. */
		minExpiresIn?: number;
		/** Days. Default 365. */
		maxExpiresIn?: number;
	};
	/** Per-key limit applied on every use. Default on, 10 uses per 24 h. */
	rateLimit?: {
		enabled?: boolean;
		/** Milliseconds. Default 86,400,000. */
		timeWindow?: number;
		/** Default 10. */
		maxRequests?: number;
	};
	/** Accept `metadata` on create and update. Default false. */
	enableMetadata?: boolean;
	/** Let a request carrying a key header act as the key owner's session. Default false. */
	enableSessionForAPIKeys?: boolean;
	permissions?: {
		/** Permissions given to keys created without any; a function receives the owner's id. */
		defaultPermissions?: ApiKeyPermissions | ((referenceId: string) => ApiKeyPermissions | Promise<ApiKeyPermissions>);
	};
	/** Store keys in plain text instead of their SHA-256 (not recommended). Default false. */
	disableKeyHashing?: boolean;
	/** Store the first characters of each key (`start`) to help users recognise it. Default on, 6 characters. */
	startingCharactersConfig?: { shouldStore?: boolean; charactersLength?: number };
}

/** {@link ApiKeyOptions} with every default applied. */
export interface ResolvedApiKeyOptions {
	readonly configId: string;
	readonly apiKeyHeaders: readonly string[];
	readonly defaultKeyLength: number;
	readonly defaultPrefix: string | undefined;
	readonly maximumPrefixLength: number;
	readonly minimumPrefixLength: number;
	readonly maximumNameLength: number;
	readonly minimumNameLength: number;
	readonly requireName: boolean;
	readonly keyExpiration: { readonly defaultExpiresIn: number | null; readonly disableCustomExpiresTime: boolean; readonly minExpiresIn: number; readonly maxExpiresIn: number };
	readonly rateLimit: { readonly enabled: boolean; readonly timeWindow: number; readonly maxRequests: number };
	readonly enableMetadata: boolean;
	readonly enableSessionForAPIKeys: boolean;
	readonly defaultPermissions: NonNullable<ApiKeyOptions["permissions"]>["defaultPermissions"];
	readonly disableKeyHashing: boolean;
	readonly startingCharacters: { readonly shouldStore: boolean; readonly length: number };
}

/** Applies the documented defaults. */
export function resolveApiKeyOptions(options: ApiKeyOptions): ResolvedApiKeyOptions {
	const headers = options.apiKeyHeaders ?? "x-api-key";
	return {
		configId: options.configId ?? "default",
		apiKeyHeaders: Array.isArray(headers) ? headers : [headers],
		defaultKeyLength: options.defaultKeyLength || 64,
		defaultPrefix: options.defaultPrefix,
		maximumPrefixLength: options.maximumPrefixLength ?? 32,
		minimumPrefixLength: options.minimumPrefixLength ?? 1,
		maximumNameLength: options.maximumNameLength ?? 32,
		minimumNameLength: options.minimumNameLength ?? 1,
		requireName: options.requireName ?? false,
		keyExpiration: {
			defaultExpiresIn: options.keyExpiration?.defaultExpiresIn ?? null,
			disableCustomExpiresTime: options.keyExpiration?.disableCustomExpiresTime ?? false,
			minExpiresIn: options.keyExpiration?.minExpiresIn ?? 1,
			maxExpiresIn: options.keyExpiration?.maxExpiresIn ?? 365,
		},
		rateLimit: {
			enabled: options.rateLimit?.enabled ?? true,
			timeWindow: options.rateLimit?.timeWindow ?? 86_400_000,
			maxRequests: options.rateLimit?.maxRequests ?? 10,
		},
		enableMetadata: options.enableMetadata ?? false,
		enableSessionForAPIKeys: options.enableSessionForAPIKeys ?? false,
		defaultPermissions: options.permissions?.defaultPermissions,
		disableKeyHashing: options.disableKeyHashing ?? false,
		startingCharacters: {
			shouldStore: options.startingCharactersConfig?.shouldStore ?? true,
			length: options.startingCharactersConfig?.charactersLength ?? 6,
		},
	};
}
