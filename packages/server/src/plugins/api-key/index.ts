import { API_KEY_ERROR_CODES } from "@latchkey/core";
import type { ApiKeyOptions } from "./options.ts";

export type { ApiKeyOptions, ApiKeyPermissions } from "./options.ts";
export { API_KEY_ERROR_CODES };

type Implementation = typeof import("./api-key-plugin.ts");

/**
 * API keys (spec/plugins.md §7), wire-compatible with `@better-auth/api-key`: create, get,
 * update, delete and list a user's keys over HTTP (`/api-key/*`); `auth.api.verifyApiKey`
 * and `auth.api.deleteAllExpiredApiKeys` on the server only. Keys are shown once and stored
 * as SHA-256; uses, refills and the per-key rate limit are counted atomically. With
 * `enableSessionForAPIKeys`, a request carrying `x-api-key` acts as the key's owner.
 *
 * The plugin's modules are loaded on the first call (Bun's synchronous `require`), so an app
 * that does not use this plugin does not load them when it imports `@latchkey/server`.
 *
 * @example
 * const auth = createLatchkey({
 *   database: createSqliteStorage({ database: "app.db" }),
 *   plugins: [apiKey({ enableSessionForAPIKeys: true, rateLimit: { maxRequests: 1000, timeWindow: 60_000 } })],
 * });
 * const { key } = await auth.api.createApiKey({ body: { userId: user.id, name: "ci", remaining: 500 } });
 * const { valid } = await auth.api.verifyApiKey({ body: { key } });
 */
export function apiKey(options: ApiKeyOptions = {}): ReturnType<Implementation["apiKey"]> {
	return (require("./api-key-plugin.ts") as Implementation).apiKey(options);
}
