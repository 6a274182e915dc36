import { API_KEY_ERROR_CODES, APIError, updateApiKey as updateRoute } from "@latchkey/core";
import type { RouteBody } from "@latchkey/core";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import type { Endpoint } from "../../endpoint/define-endpoint.ts";
import type { ApiKeyRow } from "../../storage/rows.ts";
import { refuseServerOnly, resolveKeyOwner } from "./caller.ts";
import { checkExpiresIn, checkMetadata, checkName } from "./checks.ts";
import type { ExpiredKeyCleanup } from "./cleanup.ts";
import { findOwnedKey } from "./manage-routes.ts";
import type { ResolvedApiKeyOptions } from "./options.ts";
import { toApiKeyOutput } from "./output.ts";

type UpdateBody = RouteBody<typeof updateRoute>;

/** Columns a client may change: name, enabled, expiry and (when enabled) metadata. */
function clientPatch(options: ResolvedApiKeyOptions, body: UpdateBody, now: Date): Partial<ApiKeyRow> {
	const patch: Partial<ApiKeyRow> = {};
	if (body.name !== undefined) {
		checkName(options, body.name);
		patch.name = body.name;
	}
	if (body.enabled !== undefined) patch.enabled = body.enabled;
	if (body.expiresIn !== undefined) {
		if (options.keyExpiration.disableCustomExpiresTime) throw APIError.from("BAD_REQUEST", API_KEY_ERROR_CODES.KEY_DISABLED_EXPIRATION);
		if (body.expiresIn !== null) checkExpiresIn(options, body.expiresIn);
		patch.expiresAt = body.expiresIn ? new Date(now.getTime() + body.expiresIn * 1000) : null;
	}
	// With metadata disabled, Better Auth ignores it on update (no error).
	if (body.metadata !== undefined && options.enableMetadata) {
		checkMetadata(body.metadata);
		patch.metadata = JSON.stringify(body.metadata);
	}
	return patch;
}

/** Columns only the server may change: quotas, refill, rate limit and permissions. */
function serverPatch(body: UpdateBody): Partial<ApiKeyRow> {
	const patch: Partial<ApiKeyRow> = {};
	if (body.remaining !== undefined) patch.remaining = body.remaining;
	if (body.refillAmount !== undefined || body.refillInterval !== undefined) {
		if (body.refillInterval === undefined) throw APIError.from("BAD_REQUEST", API_KEY_ERROR_CODES.REFILL_AMOUNT_AND_INTERVAL_REQUIRED);
		if (body.refillAmount === undefined) throw APIError.from("BAD_REQUEST", API_KEY_ERROR_CODES.REFILL_INTERVAL_AND_AMOUNT_REQUIRED);
		patch.refillAmount = body.refillAmount;
		patch.refillInterval = body.refillInterval;
	}
	if (body.rateLimitEnabled !== undefined) patch.rateLimitEnabled = body.rateLimitEnabled;
	if (body.rateLimitTimeWindow !== undefined) patch.rateLimitTimeWindow = body.rateLimitTimeWindow;
	if (body.rateLimitMax !== undefined) patch.rateLimitMax = body.rateLimitMax;
	if (body.permissions !== undefined) patch.permissions = body.permissions === null ? null : JSON.stringify(body.permissions);
	return patch;
}

/**
 * `POST /api-key/update` (`auth.api.updateApiKey`, `client.apiKey.update`): changes one of
 * the caller's keys (or `body.userId`'s, from the server). 404 KEY_NOT_FOUND for a key that
 * is not theirs; 400 NO_VALUES_TO_UPDATE when nothing would change.
 */
export function updateApiKeyEndpoint(options: ResolvedApiKeyOptions, cleanup: ExpiredKeyCleanup): Endpoint<typeof updateRoute> {
	return defineEndpoint(updateRoute, "none", async (ctx) => {
		const { auth, body } = ctx;
		const userId = await resolveKeyOwner(ctx, body.userId);
		const { remaining, refillAmount, refillInterval, rateLimitEnabled, rateLimitTimeWindow, rateLimitMax, permissions } = body;
		refuseServerOnly(ctx, [remaining, refillAmount, refillInterval, rateLimitEnabled, rateLimitTimeWindow, rateLimitMax, permissions].some((v) => v !== undefined));
		const row = await findOwnedKey(auth, body.keyId, userId);
		const now = auth.now();
		const patch = { ...clientPatch(options, body, now), ...serverPatch(body) };
		if (Object.keys(patch).length === 0) throw APIError.from("BAD_REQUEST", API_KEY_ERROR_CODES.NO_VALUES_TO_UPDATE);
		const updated = await auth.storage.update("apikey", { id: row.id, referenceId: userId }, { ...patch, updatedAt: now });
		if (!updated) throw APIError.from("NOT_FOUND", API_KEY_ERROR_CODES.KEY_NOT_FOUND);
		await cleanup.maybe(auth);
		return toApiKeyOutput(updated);
	});
}
