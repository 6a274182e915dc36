import {
	API_KEY_ERROR_CODES,
	APIError,
	deleteApiKey as deleteRoute,
	getApiKey as getRoute,
	listApiKeys as listRoute,
} from "@latchkey/core";
import type { AuthContext } from "../../context/create-context.ts";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import type { Endpoint } from "../../endpoint/define-endpoint.ts";
import type { ApiKeyRow } from "../../storage/rows.ts";
import type { ExpiredKeyCleanup } from "./cleanup.ts";
import type { ResolvedApiKeyOptions } from "./options.ts";
import { toApiKeyOutput } from "./output.ts";

/** Most keys `/api-key/list` returns in one page (SECURITY.md rule 17: paging is clamped). */
const MAX_PAGE = 1000;

/**
 * A key of `userId`'s, or 404 KEY_NOT_FOUND: someone else's key answers exactly like a
 * missing one, so ids cannot be probed (spec/plugins.md §7.3).
 */
export async function findOwnedKey(auth: AuthContext, keyId: string, userId: string): Promise<ApiKeyRow> {
	const row = await auth.storage.findOne("apikey", { id: keyId, referenceId: userId });
	if (!row) throw APIError.from("NOT_FOUND", API_KEY_ERROR_CODES.KEY_NOT_FOUND);
	return row;
}

/** The get, delete and list endpoints; all read the session from the database. */
export function manageEndpoints(options: ResolvedApiKeyOptions, cleanup: ExpiredKeyCleanup): {
	getApiKey: Endpoint<typeof getRoute>;
	deleteApiKey: Endpoint<typeof deleteRoute>;
	listApiKeys: Endpoint<typeof listRoute>;
} {
	/** `GET /api-key/get?id=` (`auth.api.getApiKey`, `client.apiKey.get`). */
	const getApiKey = defineEndpoint(getRoute, "sensitive", async ({ auth, query, session }) => {
		const row = await findOwnedKey(auth, query.id, session.user.id);
		await cleanup.maybe(auth);
		return toApiKeyOutput(row);
	});

	/** `POST /api-key/delete` (`auth.api.deleteApiKey`, `client.apiKey.delete`). */
	const deleteApiKey = defineEndpoint(deleteRoute, "sensitive", async ({ auth, body, session }) => {
		if (session.user.banned === true) throw APIError.from("UNAUTHORIZED", API_KEY_ERROR_CODES.USER_BANNED);
		const row = await findOwnedKey(auth, body.keyId, session.user.id);
		await auth.storage.delete("apikey", { id: row.id, referenceId: session.user.id });
		await cleanup.maybe(auth);
		return { success: true };
	});

	/**
	 * `GET /api-key/list` (`auth.api.listApiKeys`, `client.apiKey.list`): the caller's keys,
	 * `{ apiKeys, total, limit?, offset? }`. Organization-owned keys are not supported, so an
	 * `organizationId` lists nothing.
	 */
	const listApiKeys = defineEndpoint(listRoute, "sensitive", async ({ auth, query, session }) => {
		const { configId, organizationId, limit, offset, sortBy, sortDirection } = query ?? {};
		await cleanup.maybe(auth);
		const page = { ...(limit !== undefined ? { limit } : {}), ...(offset !== undefined ? { offset } : {}) };
		if (organizationId !== undefined) return { apiKeys: [], total: 0, ...page };
		const where = { referenceId: session.user.id, ...(configId ? { configId } : {}) };
		const [rows, total] = await Promise.all([
			auth.storage.findMany("apikey", where, {
				limit: Math.min(limit ?? MAX_PAGE, MAX_PAGE),
				offset,
				sortBy: { field: sortBy ?? "createdAt", direction: sortDirection ?? "asc" },
			}),
			auth.storage.count("apikey", where),
		]);
		return { apiKeys: rows.map(toApiKeyOutput), total, ...page };
	});

	return { getApiKey, deleteApiKey, listApiKeys };
}
