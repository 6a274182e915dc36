import { API_KEY_ERROR_CODES, APIError, createApiKey as createRoute } from "@latchkey/core";
import { generateId } from "../../crypto/random.ts";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import type { Endpoint } from "../../endpoint/define-endpoint.ts";
import { resolveKeyOwner, refuseServerOnly } from "./caller.ts";
import type { ExpiredKeyCleanup } from "./cleanup.ts";
import { checkExpiresIn, checkMetadata, checkName } from "./checks.ts";
import { generateApiKey, hashApiKey } from "./key.ts";
import type { ApiKeyPermissions, ResolvedApiKeyOptions } from "./options.ts";
import { toApiKeyOutput } from "./output.ts";

async function defaultPermissions(options: ResolvedApiKeyOptions, referenceId: string): Promise<ApiKeyPermissions | undefined> {
	const configured = options.defaultPermissions;
	return typeof configured === "function" ? configured(referenceId) : configured;
}

/**
 * `POST /api-key/create` (`auth.api.createApiKey`, `client.apiKey.create`): makes a key for
 * the caller, or for `body.userId` from the server, and answers it once in plain text; only
 * its SHA-256 is stored (spec/plugins.md §7.3).
 */
export function createApiKeyEndpoint(options: ResolvedApiKeyOptions, cleanup: ExpiredKeyCleanup): Endpoint<typeof createRoute> {
	return defineEndpoint(createRoute, "none", async (ctx) => {
		const { auth, body } = ctx;
		const { refillAmount, refillInterval, rateLimitMax, rateLimitTimeWindow, rateLimitEnabled, permissions, remaining } = body;
		refuseServerOnly(
			ctx,
			[refillAmount, refillInterval, rateLimitMax, rateLimitTimeWindow, rateLimitEnabled, permissions].some((v) => v !== undefined) || remaining !== null,
		);
		const referenceId = await resolveKeyOwner(ctx, body.userId);
		if (body.metadata) {
			if (!options.enableMetadata) throw APIError.from("BAD_REQUEST", API_KEY_ERROR_CODES.METADATA_DISABLED);
			checkMetadata(body.metadata);
		}
		if (refillAmount && !refillInterval) throw APIError.from("BAD_REQUEST", API_KEY_ERROR_CODES.REFILL_AMOUNT_AND_INTERVAL_REQUIRED);
		if (refillInterval && !refillAmount) throw APIError.from("BAD_REQUEST", API_KEY_ERROR_CODES.REFILL_INTERVAL_AND_AMOUNT_REQUIRED);
		if (body.expiresIn) checkExpiresIn(options, body.expiresIn);
		const prefix = body.prefix || undefined;
		if (prefix && (prefix.length < options.minimumPrefixLength || prefix.length > options.maximumPrefixLength)) {
			throw APIError.from("BAD_REQUEST", API_KEY_ERROR_CODES.INVALID_PREFIX_LENGTH);
		}
		if (body.name) checkName(options, body.name);
		else if (options.requireName) throw APIError.from("BAD_REQUEST", API_KEY_ERROR_CODES.NAME_REQUIRED);
		await cleanup.maybe(auth);

		const key = generateApiKey(options, prefix ?? options.defaultPrefix);
		const now = auth.now();
		const expiresInSeconds = body.expiresIn || options.keyExpiration.defaultExpiresIn;
		const granted = permissions ?? (await defaultPermissions(options, referenceId));
		const row = await auth.storage.create("apikey", {
			id: generateId(),
			configId: options.configId,
			name: body.name ?? null,
			start: options.startingCharacters.shouldStore ? key.slice(0, options.startingCharacters.length) : null,
			prefix: prefix ?? options.defaultPrefix ?? null,
			key: hashApiKey(key, options),
			referenceId,
			refillInterval: refillInterval ?? null,
			refillAmount: refillAmount ?? null,
			lastRefillAt: null,
			enabled: true,
			rateLimitEnabled: rateLimitEnabled ?? options.rateLimit.enabled,
			rateLimitTimeWindow: rateLimitTimeWindow ?? options.rateLimit.timeWindow,
			rateLimitMax: rateLimitMax ?? options.rateLimit.maxRequests,
			requestCount: 0,
			remaining,
			lastRequest: null,
			expiresAt: expiresInSeconds ? new Date(now.getTime() + expiresInSeconds * 1000) : null,
			createdAt: now,
			updatedAt: now,
			permissions: granted ? JSON.stringify(granted) : null,
			metadata: body.metadata ? JSON.stringify(body.metadata) : null,
		});
		// The key leaves the server this once; the response must not be cached (RFC 9111 §5.2.2.5).
		ctx.response.headers.set("cache-control", "no-store");
		return { ...toApiKeyOutput(row), key };
	});
}
