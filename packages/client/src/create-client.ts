import { BASE_ERROR_CODES } from "@latchkey/core/errors";
import type { CoreRouteTypes } from "@latchkey/core/route-types";
import type { ReadableAtom, WritableAtom } from "nanostores";
import { resolveBaseURL } from "./base-url.ts";
import { createFetch } from "./fetch/create-fetch.ts";
import { redirectPlugin } from "./fetch/redirect-plugin.ts";
import type { Fetch, FetchOptions, FetchPlugin } from "./fetch/types.ts";
import { createPathProxy, DEFAULT_PATH_METHODS } from "./proxy.ts";
import type { ProxyMethod } from "./proxy.ts";
import { broadcastSessionUpdate, browserEnv } from "./refetch-triggers.ts";
import { createSessionStore } from "./session-store.ts";
import type { SessionBody, SessionState, SessionStoreOptions } from "./session-store.ts";
import type { ActionTree, AtomListener, ClientPlugin, PluginErrorCodes, PluginMethods, RouteMethods } from "./types.ts";

/**
 * The core routes the client exposes: `coreRoutes` (as core's generated plain types) minus
 * `getSessionPost`, the POST alias of `/get-session` (the proxy's `getSession` is the GET one,
 * spec/core.md §2.7).
 */
export type CoreClientRoutes = Omit<CoreRouteTypes, "getSessionPost">;

/** Options of `createAuthClient`. */
export interface AuthClientOptions<P extends readonly ClientPlugin[] = readonly ClientPlugin[]> {
	/** Server origin, or full auth URL when it has a path. Default: env vars, then `window.location.origin`. */
	baseURL?: string;
	/** Appended to a `baseURL` without a path; default `/api/auth`. */
	basePath?: string;
	/**
	 * Fetch options for every call, with better-fetch's contract: `customFetchImpl`, `headers`,
	 * `credentials`, `auth` (`{ type: "Bearer", token }`), `query`, `throw`, `plugins`, and
	 * hooks (`onRequest`, `onResponse`, `onSuccess`, `onError`, run after a call's own hooks).
	 */
	fetchOptions?: FetchOptions;
	plugins?: P;
	sessionOptions?: Pick<SessionStoreOptions, "fetchOnMount" | "refetchOnWindowFocus">;
	/** Leave out the redirect plugin (spec/core.md §2.3). Default `false`. */
	disableDefaultFetchPlugins?: boolean;
}

/** The session signal and the session store, as Better Auth's `$store.atoms` names them. */
export interface ClientAtoms {
	$sessionSignal: WritableAtom<boolean>;
	session: ReadableAtom<SessionState>;
}

/** The client's real (non-route) members. */
export interface ClientMembers<P extends readonly ClientPlugin[]> {
	/** The raw fetcher: same base URL, credentials, hooks and plugins as the methods. */
	$fetch: Fetch;
	/** The session store (nanostores atom). */
	$session: ReadableAtom<SessionState>;
	/** Same atom as `$session`; framework packages wrap it in a hook. */
	useSession: ReadableAtom<SessionState>;
	$store: {
		atoms: ClientAtoms;
		/** Flips a signal atom (e.g. `"$sessionSignal"` to refetch the session). */
		notify(signal: "$sessionSignal"): void;
		listen(signal: "$sessionSignal", listener: (value: boolean) => void): () => void;
	};
	/** Every error code the server may answer with: core plus plugins. */
	$ERROR_CODES: typeof BASE_ERROR_CODES & PluginErrorCodes<P>;
	/** The resolved base URL. */
	baseURL: string;
}

/** A Latchkey client: real members plus the typed route methods of core and plugins. */
export type AuthClient<P extends readonly ClientPlugin[] = []> = ClientMembers<P> & RouteMethods<CoreClientRoutes> & PluginMethods<P>;

/** Paths after which the session is refetched (spec/core.md §2.6). */
const SESSION_SIGNAL_PATHS = new Set([
	"/sign-out",
	"/update-user",
	"/update-session",
	"/sign-up/email",
	"/sign-in/email",
	"/delete-user",
	"/verify-email",
	"/revoke-sessions",
	"/revoke-session",
	"/revoke-other-sessions",
	"/change-email",
	"/change-password",
]);

/** path → method from `[method, path]` pairs; a path served by two methods (e.g. `/get-session`) is left out. */
function methodTable(routes: Iterable<readonly [ProxyMethod, string]>, fixed: Readonly<Record<string, ProxyMethod>>): Map<string, ProxyMethod> {
	const methods = new Map<string, ProxyMethod>();
	const ambiguous = new Set<string>();
	for (const [method, path] of routes) {
		const seen = methods.get(path);
		if (seen && seen !== method) ambiguous.add(path);
		methods.set(path, method);
	}
	for (const path of ambiguous) methods.delete(path);
	for (const [path, method] of Object.entries(fixed)) methods.set(path, method);
	return methods;
}

/** Deep-merges plugins' action trees (`{ signIn: { passkey } }` and `{ signIn: { other } }`). */
function mergeActions(trees: readonly ActionTree[]): ActionTree {
	const out: Record<string, ActionTree[string]> = {};
	for (const tree of trees) {
		for (const [key, value] of Object.entries(tree)) {
			const seen = out[key];
			out[key] = typeof value === "object" && typeof seen === "object" ? mergeActions([seen, value]) : value;
		}
	}
	return out;
}

/**
 * Creates a Latchkey client, wire-compatible with Better Auth's `createAuthClient`.
 *
 * @example
 * const client = createAuthClient({ baseURL: "http://localhost:3000", plugins: [usernameClient()] });
 * const { data, error } = await client.signIn.email({ email: "ada@example.com", password: "correct horse" });
 * client.$session.listen(({ data }) => console.log(data?.user.email));
 */
export function createAuthClient<const P extends readonly ClientPlugin[] = []>(options: AuthClientOptions<P> = {}): AuthClient<P> {
	const plugins: readonly ClientPlugin[] = options.plugins ?? [];
	const baseURL = resolveBaseURL(options.baseURL, options.basePath);
	const fetchPlugins: FetchPlugin[] = [...(options.fetchOptions?.plugins ?? [])];
	for (const plugin of plugins) fetchPlugins.push(...(plugin.fetchPlugins ?? []));
	if (!options.disableDefaultFetchPlugins) fetchPlugins.push(redirectPlugin);

	// The client's hooks run after a call's own and before the plugins' (fetch/create-fetch.ts).
	const $fetch = createFetch({
		baseURL,
		// Send cookies cross-origin too (the server's CORS must allow credentials); skipped where
		// `Request` has no `credentials` (some React Native builds), as Better Auth does.
		...(typeof Request !== "undefined" && "credentials" in Request.prototype ? { credentials: "include" as const } : {}),
		...options.fetchOptions,
		plugins: fetchPlugins,
	});

	const { $session, $sessionSignal } = createSessionStore(
		// `throw: false`: the store reads `{ data, error }` even when the client's fetchOptions say `throw: true`.
		({ method, query, signal }) => $fetch<SessionBody>("/get-session", { method, query, signal, body: method === "POST" ? {} : undefined, throw: false }),
		options.sessionOptions,
	);

	const listeners: AtomListener[] = [{ signal: "$sessionSignal", matcher: (path) => SESSION_SIGNAL_PATHS.has(path) }];
	const fixedMethods: Record<string, ProxyMethod> = { ...DEFAULT_PATH_METHODS };
	const errorCodes: Record<string, unknown> = { ...BASE_ERROR_CODES };
	for (const plugin of plugins) {
		listeners.push(...(plugin.atomListeners ?? []));
		Object.assign(fixedMethods, plugin.pathMethods);
		Object.assign(errorCodes, plugin.$ERROR_CODES);
	}
	// Core routes need no table at runtime: the body rule picks their method, and the fixed map
	// covers the POST routes that may go without a body (proxy.ts). Plugins' tables are data anyway.
	const pairs: (readonly [ProxyMethod, string])[] = [];
	for (const plugin of plugins) for (const route of Object.values(plugin.routes)) pairs.push([route.method, route.path]);
	const methods = methodTable(pairs, fixedMethods);

	const onSuccessPath = (path: string): void => {
		if (!listeners.some((listener) => listener.matcher(path))) return;
		// Flip the signal a tick later so cookies from this response are stored first (as Better Auth).
		const value = $sessionSignal.get();
		setTimeout(() => $sessionSignal.set(!value), 10);
		if (path === "/sign-out") broadcastSessionUpdate(browserEnv(), "signout");
		else if (path === "/update-user" || path === "/update-session") broadcastSessionUpdate(browserEnv(), "updateUser");
	};

	const members: ClientMembers<readonly ClientPlugin[]> = {
		$fetch,
		$session,
		useSession: $session,
		$store: {
			atoms: { $sessionSignal, session: $session },
			notify: () => $sessionSignal.set(!$sessionSignal.get()),
			listen: (_signal, listener) => $sessionSignal.listen(listener),
		},
		// Sound: `errorCodes` holds BASE_ERROR_CODES plus every plugin's `$ERROR_CODES`, which is what the type says.
		$ERROR_CODES: errorCodes as ClientMembers<readonly ClientPlugin[]>["$ERROR_CODES"],
		baseURL,
	};

	const actionContext = { $fetch, notifySession: () => members.$store.notify("$sessionSignal") };
	const actions = mergeActions(plugins.map((plugin) => plugin.getActions?.(actionContext) ?? {}));
	const client = createPathProxy(members, { fetch: (path, callOptions) => $fetch(path, callOptions), methodFor: (path) => methods.get(path), onSuccessPath, actions });
	// Sound: the proxy answers every route of core and of `plugins` by path (proxy.ts), and the
	// route method types are derived from those same tables; TypeScript cannot see through a Proxy.
	return client as unknown as AuthClient<P>;
}
