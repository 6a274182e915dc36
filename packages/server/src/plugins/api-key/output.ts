import type { apiKeySchema } from "@latchkey/core";
import type * as z from "zod";
import type { ApiKeyRow } from "../../storage/rows.ts";

/** The `ApiKey` object on the wire. */
export type ApiKeyOutput = z.output<typeof apiKeySchema>;

/** Parses a JSON column; a value that is not an object (or not JSON) reads as `null`. */
function parseObject(text: string | null): Record<string, unknown> | null {
	if (!text) return null;
	try {
		let value: unknown = JSON.parse(text);
		// Rows written by old Better Auth versions hold metadata stringified twice.
		if (typeof value === "string") value = JSON.parse(value);
		// Sound: a non-null, non-array object parsed from JSON has string keys.
		return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
	} catch {
		return null;
	}
}

/** Keeps only `resource → string[]` entries of parsed permissions. */
function parsePermissions(text: string | null): Record<string, string[]> | null {
	const parsed = parseObject(text);
	if (!parsed) return null;
	const out: Record<string, string[]> = {};
	for (const [resource, actions] of Object.entries(parsed)) {
		if (Array.isArray(actions)) out[resource] = actions.filter((a): a is string => typeof a === "string");
	}
	return out;
}

/** The stored permissions of a key, parsed, or `null` when it has none. */
export function readPermissions(row: ApiKeyRow): Record<string, string[]> | null {
	return parsePermissions(row.permissions);
}

/** A row as returned: everything but the stored `key` hash, JSON columns parsed (spec/plugins.md §7.3). */
export function toApiKeyOutput(row: ApiKeyRow): ApiKeyOutput {
	return {
		id: row.id,
		configId: row.configId,
		name: row.name,
		start: row.start,
		prefix: row.prefix,
		referenceId: row.referenceId,
		refillInterval: row.refillInterval,
		refillAmount: row.refillAmount,
		lastRefillAt: row.lastRefillAt,
		enabled: row.enabled ?? true,
		rateLimitEnabled: row.rateLimitEnabled ?? true,
		rateLimitTimeWindow: row.rateLimitTimeWindow,
		rateLimitMax: row.rateLimitMax,
		requestCount: row.requestCount ?? 0,
		remaining: row.remaining,
		lastRequest: row.lastRequest,
		expiresAt: row.expiresAt,
		createdAt: row.createdAt,
		updatedAt: row.updatedAt,
		metadata: parseObject(row.metadata),
		permissions: parsePermissions(row.permissions),
	};
}
