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

/** The `apiKey()` plugin object; loaded by `apiKey()` in `index.ts` on first call. */
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
