import { API_KEY_ERROR_CODES } from "@latchkey/core";
import type { LatchkeyPlugin } from "../../plugin.ts";
import { createExpiredKeyCleanup } from "./cleanup.ts";
import { createApiKeyEndpoint } from "./create-route.ts";
import { manageEndpoints } from "./manage-routes.ts";
import { resolveApiKeyOptions } from "./options.ts";
import type { ApiKeyOptions } from "./options.ts";
import { revokeApiKeys } from "./revoke.ts";
import { serverEndpoints } from "./server-routes.ts";
import { createSessionFromApiKey } from "./session-from-key.ts";
import { updateApiKeyEndpoint } from "./update-route.ts";

export type { ApiKeyOptions, ApiKeyPermissions } from "./options.ts";
export { API_KEY_ERROR_CODES };

/**
 * API keys (spec/plugins.md §7), wire-compatible with `@better-auth/api-key`: create, get,
 * update, delete and list a user's keys over HTTP (`/api-key/*`); `auth.api.verifyApiKey`
 * and `auth.api.deleteAllExpiredApiKeys` on the server only. Keys are shown once and stored
 * as SHA-256; uses, refills and the per-key rate limit are counted atomically. With
 * `enableSessionForAPIKeys`, a request carrying `x-api-key` acts as the key's owner.
 *
 * @example
 * const auth = createLatchkey({
 *   database: createSqliteStorage({ database: "app.db" }),
 *   plugins: [apiKey({ enableSessionForAPIKeys: true, rateLimit: { maxRequests: 1000, timeWindow: 60_000 } })],
 * });
 * const { key } = await auth.api.createApiKey({ body: { userId: user.id, name: "ci", remaining: 500 } });
 * const { valid } = await auth.api.verifyApiKey({ body: { key } });
 */
export function apiKey(options: ApiKeyOptions = {}) {
	const resolved = resolveApiKeyOptions(options);
	const cleanup = createExpiredKeyCleanup();
	const manage = manageEndpoints(resolved, cleanup);
	const server = serverEndpoints(resolved, cleanup);
	return {
		id: "api-key",
		endpoints: {
			createApiKey: createApiKeyEndpoint(resolved, cleanup),
			getApiKey: manage.getApiKey,
			updateApiKey: updateApiKeyEndpoint(resolved, cleanup),
			deleteApiKey: manage.deleteApiKey,
			listApiKeys: manage.listApiKeys,
			verifyApiKey: server.verifyApiKey,
			deleteAllExpiredApiKeys: server.deleteAllExpiredApiKeys,
		},
		sessionFromRequest: createSessionFromApiKey(resolved, cleanup),
		revokeCredentials: revokeApiKeys(resolved),
	} satisfies LatchkeyPlugin;
}
