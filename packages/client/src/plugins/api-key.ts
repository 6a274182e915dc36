import { API_KEY_ERROR_CODES } from "@latchkey/core/plugins/api-key/error-codes";
import type { ApiKeyRouteTypes } from "@latchkey/core/route-types";
import type { ClientPlugin } from "../types.ts";

/** The type of `apiKeyClient()`: its routes and error codes drive the client's types. */
export type ApiKeyClientPlugin = ClientPlugin<ApiKeyRouteTypes, typeof API_KEY_ERROR_CODES>;

/** Method and path of the API-key routes (checked against the contracts in api-key.test.ts). */
export const API_KEY_ROUTE_METHODS = {
	createApiKey: { name: "createApiKey", method: "POST", path: "/api-key/create" },
	getApiKey: { name: "getApiKey", method: "GET", path: "/api-key/get" },
	updateApiKey: { name: "updateApiKey", method: "POST", path: "/api-key/update" },
	deleteApiKey: { name: "deleteApiKey", method: "POST", path: "/api-key/delete" },
	listApiKeys: { name: "listApiKeys", method: "GET", path: "/api-key/list" },
} as const;

/**
 * The API-key plugin's client half (spec/plugins.md §7.3): `client.apiKey.create(body)`,
 * `.update(body)` and `.delete({ keyId })` (POST), `.get({ query: { id } })` and
 * `.list({ query? })` (GET), and `API_KEY_ERROR_CODES` merged into `client.$ERROR_CODES`.
 * Verification is server-only (`auth.api.verifyApiKey`). Pair with the server's `apiKey()`.
 *
 * @example
 * const client = createAuthClient({ baseURL: "http://localhost:3000", plugins: [apiKeyClient()] });
 * const { data } = await client.apiKey.create({ name: "ci", expiresIn: 30 * 86_400 });
 * console.log(data?.key); // shown once: store it now
 */
export function apiKeyClient(): ApiKeyClientPlugin {
	return {
		id: "api-key",
		// Only method and path are read at runtime; the types come from core's generated `ApiKeyRouteTypes`.
		// Sound: the proxy reads nothing but `method` and `path` from a plugin's routes (create-client.ts).
		routes: API_KEY_ROUTE_METHODS as unknown as ApiKeyRouteTypes,
		// Better Auth's client lists these; the server-only path is 404 either way.
		pathMethods: { "/api-key/create": "POST", "/api-key/delete": "POST", "/api-key/delete-all-expired-api-keys": "POST" },
		$ERROR_CODES: API_KEY_ERROR_CODES,
	};
}
