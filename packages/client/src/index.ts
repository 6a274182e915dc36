/** `@latchkey/client`: a typed, Better Auth–compatible client with a reactive session store. */
export { createAuthClient } from "./create-client.ts";
export type { AuthClient, AuthClientOptions, ClientAtoms, ClientMembers, CoreClientRoutes } from "./create-client.ts";
export { DEFAULT_BASE_PATH, resolveBaseURL, withBasePath } from "./base-url.ts";
export { parseJSON, parseISODate } from "./parse-json.ts";
export { FetchError } from "./fetch/fetch-error.ts";
export type {
	ErrorContext,
	Fetch,
	FetchAuth,
	FetchHeaders,
	FetchHooks,
	FetchImpl,
	FetchOptions,
	FetchPlugin,
	RequestContext,
	ResponseContext,
	SuccessContext,
} from "./fetch/types.ts";
export { DEFAULT_PATH_METHODS, toKebabCase } from "./proxy.ts";
export { FOCUS_REFETCH_INTERVAL_MS, SESSION_BROADCAST_KEY } from "./refetch-triggers.ts";
export type { BrowserEnv, BroadcastTrigger } from "./refetch-triggers.ts";
export type { SessionQuery, SessionState } from "./session-store.ts";
export { usernameClient } from "./plugins/username.ts";
export type { UsernameClientPlugin } from "./plugins/username.ts";
export type {
	AtomListener,
	ClientError,
	ClientFetchOptions,
	ClientPlugin,
	ClientResult,
	ErrorCodeTable,
	PluginErrorCodes,
	PluginMethods,
	RouteMethodFn,
	RouteMethods,
	RouteShape,
	RouteTable,
} from "./types.ts";
export * from "./plugins/two-factor.ts";
export * from "./plugins/organization.ts";
export * from "./plugins/admin.ts";
export * from "./plugins/api-key.ts";
export * from "./plugins/passkey.ts";
