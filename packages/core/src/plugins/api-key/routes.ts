import * as z from "zod";
import { lazyRoute } from "../../contract/lazy-route.ts";
import { once } from "../../contract/once.ts";
import { LIMITS } from "../../model.ts";

/** Largest value of a 32-bit integer column (`remaining`, `refillAmount`, `rateLimitMax`). */
const INT32_MAX = 2_147_483_647;
/** Largest serialized `metadata` accepted (SECURITY.md rule 17: every stored string is bounded). */
export const API_KEY_METADATA_MAX_JSON = 16_384;
/** Hard ceiling on any key, name or prefix string, before the configurable length checks. */
const SHORT_TEXT = 1024;

const int32 = once(() => z.number().int().max(INT32_MAX));
const milliseconds = once(() => z.number().int().positive().max(Number.MAX_SAFE_INTEGER));
const id = once(() => z.string().max(LIMITS.token));
const configId = once(() => z.string().max(LIMITS.name));

/** Serialized size of a JSON value, or `Infinity` when it cannot be serialized. */
function jsonLength(value: unknown): number {
	try {
		return JSON.stringify(value)?.length ?? 0;
	} catch {
		return Number.POSITIVE_INFINITY;
	}
}

/** Free-form metadata; its type is checked by the handler (`INVALID_METADATA_TYPE`), its size here. */
const metadata = once(() =>
	z
		.unknown()
		.refine((value) => jsonLength(value) <= API_KEY_METADATA_MAX_JSON, {
			message: `Too big: expected metadata of at most ${API_KEY_METADATA_MAX_JSON} characters as JSON`,
		})
		.optional());

/** Permissions: resource → actions (spec/plugins.md §4), bounded. */
export const apiKeyPermissionsSchema = z.record(z.string().max(LIMITS.name), z.array(z.string().max(LIMITS.name)).max(64));

/** A prefix: letters, digits, `_` and `-` (Better Auth's pattern and message). */
const prefix = once(() =>
	z
		.string()
		.max(SHORT_TEXT)
		.regex(/^[a-zA-Z0-9_-]+$/, { message: "Invalid prefix format, must be alphanumeric and contain only underscores and hyphens." }));

/** The `ApiKey` object of every response: the row without `key`, JSON columns parsed (spec/plugins.md §7.3). */
export const apiKeySchema = z.object({
	id: z.string(),
	configId: z.string(),
	name: z.string().nullable(),
	start: z.string().nullable(),
	prefix: z.string().nullable(),
	referenceId: z.string(),
	refillInterval: z.number().nullable(),
	refillAmount: z.number().nullable(),
	lastRefillAt: z.date().nullable(),
	enabled: z.boolean(),
	rateLimitEnabled: z.boolean(),
	rateLimitTimeWindow: z.number().nullable(),
	rateLimitMax: z.number().nullable(),
	requestCount: z.number(),
	remaining: z.number().nullable(),
	lastRequest: z.date().nullable(),
	expiresAt: z.date().nullable(),
	createdAt: z.date(),
	updatedAt: z.date(),
	metadata: z.record(z.string(), z.unknown()).nullable(),
	permissions: z.record(z.string(), z.array(z.string())).nullable(),
});

/**
 * `POST /api-key/create`. `auth.api.createApiKey({ body })`, `client.apiKey.create(body)`.
 * The answer is the only time the plaintext `key` is shown. Fields marked server-only are
 * refused from HTTP clients (`SERVER_ONLY_PROPERTY`).
 */
export const createApiKey = lazyRoute({
	name: "createApiKey",
	method: "POST",
	path: "/api-key/create",
	get body() {
		return z.object({
			configId: configId().optional(),
			name: z.string().max(SHORT_TEXT).optional(),
			/** Seconds. */
			expiresIn: z.number().min(1).nullable().optional().default(null),
			prefix: prefix().optional(),
			metadata: metadata(),
			organizationId: z.coerce.string().max(LIMITS.token).optional(),
			/** Server-only: uses left (`null` = unlimited). */
			remaining: int32().min(0).nullable().optional().default(null),
			/** Server-only. */
			refillAmount: int32().min(1).optional(),
			/** Server-only, milliseconds. */
			refillInterval: milliseconds().optional(),
			/** Server-only, milliseconds. */
			rateLimitTimeWindow: milliseconds().optional(),
			/** Server-only. */
			rateLimitMax: int32().min(0).optional(),
			/** Server-only. */
			rateLimitEnabled: z.boolean().optional(),
			/** Server-only. */
			permissions: apiKeyPermissionsSchema.optional(),
			/** Server-only: the owner when no session is given. */
			userId: z.coerce.string().max(LIMITS.token).optional(),
		});
	},
	get response() {
		return apiKeySchema.extend({ key: z.string() });
	},
	errorCodes: [
		"UNAUTHORIZED_SESSION",
		"SERVER_ONLY_PROPERTY",
		"METADATA_DISABLED",
		"INVALID_METADATA_TYPE",
		"REFILL_AMOUNT_AND_INTERVAL_REQUIRED",
		"REFILL_INTERVAL_AND_AMOUNT_REQUIRED",
		"EXPIRES_IN_IS_TOO_SMALL",
		"EXPIRES_IN_IS_TOO_LARGE",
		"KEY_DISABLED_EXPIRATION",
		"INVALID_PREFIX_LENGTH",
		"INVALID_NAME_LENGTH",
		"NAME_REQUIRED",
	],
	summary: "Create an API key",
});

/** `GET /api-key/get?id=`. `auth.api.getApiKey({ query, headers })`, `client.apiKey.get({ query: { id } })`. */
export const getApiKey = lazyRoute({
	name: "getApiKey",
	method: "GET",
	path: "/api-key/get",
	get query() {
		return z.object({ id: id(), configId: configId().optional() });
	},
	get response() {
		return apiKeySchema;
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED", "KEY_NOT_FOUND"],
	summary: "Get one of the caller's API keys",
});

/** `POST /api-key/update`. `auth.api.updateApiKey({ body })`, `client.apiKey.update(body)`. */
export const updateApiKey = lazyRoute({
	name: "updateApiKey",
	method: "POST",
	path: "/api-key/update",
	get body() {
		return z.object({
			keyId: id(),
			configId: configId().optional(),
			name: z.string().max(SHORT_TEXT).optional(),
			enabled: z.boolean().optional(),
			/** Seconds; `null` removes the expiry. */
			expiresIn: z.number().min(1).nullable().optional(),
			metadata: metadata(),
			/** Server-only. */
			userId: z.coerce.string().max(LIMITS.token).optional(),
			/** Server-only. */
			remaining: int32().min(1).optional(),
			/** Server-only. */
			refillAmount: int32().min(1).optional(),
			/** Server-only, milliseconds. */
			refillInterval: milliseconds().optional(),
			/** Server-only. */
			rateLimitEnabled: z.boolean().optional(),
			/** Server-only, milliseconds. */
			rateLimitTimeWindow: milliseconds().optional(),
			/** Server-only. */
			rateLimitMax: int32().min(0).optional(),
			/** Server-only; `null` removes them. */
			permissions: apiKeyPermissionsSchema.nullable().optional(),
		});
	},
	get response() {
		return apiKeySchema;
	},
	errorCodes: ["UNAUTHORIZED_SESSION", "SERVER_ONLY_PROPERTY", "KEY_NOT_FOUND", "NO_VALUES_TO_UPDATE", "INVALID_NAME_LENGTH"],
	summary: "Update one of the caller's API keys",
});

/** `POST /api-key/delete`. `auth.api.deleteApiKey({ body, headers })`, `client.apiKey.delete({ keyId })`. */
export const deleteApiKey = lazyRoute({
	name: "deleteApiKey",
	method: "POST",
	path: "/api-key/delete",
	get body() {
		return z.object({ keyId: id(), configId: configId().optional() });
	},
	get response() {
		return z.object({ success: z.boolean() });
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED", "USER_BANNED", "KEY_NOT_FOUND"],
	summary: "Delete one of the caller's API keys",
});

/** Columns `/api-key/list` may sort by. */
export const API_KEY_SORT_FIELDS = ["createdAt", "updatedAt", "name", "expiresAt", "lastRequest", "remaining", "enabled", "prefix", "requestCount"] as const;

/** `GET /api-key/list`. `auth.api.listApiKeys({ query, headers })`, `client.apiKey.list({ query })`. */
export const listApiKeys = lazyRoute({
	name: "listApiKeys",
	method: "GET",
	path: "/api-key/list",
	get query() {
		return z
			.object({
				configId: configId().optional(),
				organizationId: z.string().max(LIMITS.token).optional(),
				limit: z.coerce.number().int().nonnegative().optional(),
				offset: z.coerce.number().int().nonnegative().optional(),
				sortBy: z.enum(API_KEY_SORT_FIELDS).optional(),
				sortDirection: z.enum(["asc", "desc"]).optional(),
			})
			.optional();
	},
	get response() {
		return z.object({ apiKeys: z.array(apiKeySchema), total: z.number(), limit: z.number().optional(), offset: z.number().optional() });
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED"],
	summary: "List the caller's API keys",
});

/** A refusal as `verifyApiKey` reports it (`details.tryAgainIn` on `RATE_LIMITED`). */
const verifyError = once(() => z.object({ message: z.string(), code: z.string(), details: z.object({ tryAgainIn: z.number() }).optional() }));

/**
 * Server only: `auth.api.verifyApiKey({ body: { key, permissions? } })`. Checks a key, spends
 * one use and one rate-limit slot, and answers `{ valid, error, key }`. Over HTTP: 404.
 */
export const verifyApiKey = lazyRoute({
	name: "verifyApiKey",
	method: "POST",
	path: "/api-key/verify",
	get body() {
		return z.object({ key: z.string().max(SHORT_TEXT), permissions: apiKeyPermissionsSchema.optional(), configId: configId().optional() });
	},
	get response() {
		return z.union([
			z.object({ valid: z.literal(true), error: z.null(), key: apiKeySchema }),
			z.object({ valid: z.literal(false), error: verifyError(), key: z.null() }),
		]);
	},
	summary: "Verify an API key (server only)",
});

/** Server only: `auth.api.deleteAllExpiredApiKeys()`. Deletes every expired key now. Over HTTP: 404. */
export const deleteAllExpiredApiKeys = lazyRoute({
	name: "deleteAllExpiredApiKeys",
	method: "POST",
	path: "/api-key/delete-all-expired-api-keys",
	get response() {
		return z.object({ success: z.boolean(), error: z.object({ message: z.string() }).nullable() });
	},
	summary: "Delete expired API keys (server only)",
});

/** The API-key plugin's HTTP routes, by endpoint name (spec/plugins.md §7.3). */
export const apiKeyRoutes = { createApiKey, getApiKey, updateApiKey, deleteApiKey, listApiKeys } as const;

/** The API-key plugin's server-only endpoints (not on the HTTP router: 404). */
export const apiKeyServerRoutes = { verifyApiKey, deleteAllExpiredApiKeys } as const;
