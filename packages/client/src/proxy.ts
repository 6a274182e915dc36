import type { SuccessContext } from "./fetch/types.ts";
import type { ActionTree, ClientFetchOptions } from "./types.ts";

/** HTTP methods the proxy sends. */
export type ProxyMethod = "GET" | "POST";

/**
 * Paths that are always POST even without a body (spec/core.md §2.2), so `client.signOut()`
 * does not go out as a GET: Better Auth's four, plus every other core POST route whose body
 * may be empty (`updateUser({})`, `unlinkAccount({})`). Every other core route gets its method
 * from the body rule (keys → POST, none → GET); `client.types.ts` checks at compile time that
 * no core POST route with an optional body is missing here.
 */
export const DEFAULT_PATH_METHODS = {
	"/sign-out": "POST",
	"/revoke-sessions": "POST",
	"/revoke-other-sessions": "POST",
	"/delete-user": "POST",
	"/update-user": "POST",
	"/unlink-account": "POST",
} as const satisfies Readonly<Record<string, ProxyMethod>>;

/** What the proxy needs from the client. */
export interface PathProxyConfig {
	/** Sends one request: the client's `$fetch`. */
	fetch: (path: string, options: ClientFetchOptions) => Promise<unknown>;
	/** The method a path must use (fixed map or a plugin's route table), or `undefined` when unknown. */
	methodFor: (path: string) => ProxyMethod | undefined;
	/** Called after a successful call unless `disableSignal` was set. */
	onSuccessPath: (path: string) => void;
	/** Plugin actions by property path; they answer before any route. */
	actions?: ActionTree;
}

/** `signIn` → `sign-in`, `getAccessToken` → `get-access-token`. */
export function toKebabCase(segment: string): string {
	return segment.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** Property names that must never become a path: promise probing by `await` and friends. */
const THENABLE = new Set(["then", "catch", "finally"]);

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === "object" && value !== null;
}

/**
 * Picks the method for a call: known path (fixed map, then plugin route tables) → `fetchOptions.method`
 * → POST when the body has keys, else GET (spec/core.md §2.2).
 */
export function resolveMethod(path: string, config: Pick<PathProxyConfig, "methodFor">, body: Record<string, unknown>, fetchOptions: ClientFetchOptions): string {
	const known = config.methodFor(path);
	if (known) return known;
	if (fetchOptions.method) return fetchOptions.method;
	return Object.keys(body).length > 0 ? "POST" : "GET";
}

function callPath(config: PathProxyConfig, segments: readonly string[], args: readonly unknown[]): Promise<unknown> {
	if (segments.length === 0) throw new TypeError("The auth client is not callable; call one of its methods.");
	const path = `/${segments.map(toKebabCase).join("/")}`;
	const arg = isRecord(args[0]) ? args[0] : {};
	const callOptions: ClientFetchOptions = isRecord(args[1]) ? args[1] : {};
	const { query, fetchOptions: argOptions, ...body } = arg;
	const options: ClientFetchOptions = { ...callOptions, ...(isRecord(argOptions) ? argOptions : {}) };
	const method = resolveMethod(path, config, body, options);
	const extraBody = isRecord(options.body) ? options.body : {};
	return config.fetch(path, {
		...options,
		method,
		body: method === "GET" ? undefined : { ...body, ...extraBody },
		query: isRecord(query) ? query : options.query,
		async onSuccess(context: SuccessContext) {
			await options.onSuccess?.(context);
			if (!options.disableSignal) config.onSuccessPath(path);
		},
	});
}

/** The action at `property` below `tree`: a function to return as is, a subtree, or nothing. */
function actionAt(tree: ActionTree | undefined, property: string): ActionTree[string] | undefined {
	return tree && Object.prototype.hasOwnProperty.call(tree, property) ? tree[property] : undefined;
}

function createPathNode(config: PathProxyConfig, segments: readonly string[], actions: ActionTree | undefined): unknown {
	return new Proxy(function pathNode() {}, {
		get(_target, property) {
			if (typeof property !== "string" || THENABLE.has(property)) return undefined;
			const action = actionAt(actions, property);
			if (typeof action === "function") return action;
			return createPathNode(config, [...segments, property], action);
		},
		apply(_target, _this, args) {
			return callPath(config, segments, args);
		},
	});
}

/**
 * Wraps the client's real members in a proxy that turns any other property chain into an
 * HTTP call: `client.signIn.email(body)` → `POST /sign-in/email`. Real members (`$session`,
 * `$fetch`, …) are returned as they are, and `then`/`catch`/`finally` and symbols read as
 * `undefined`, so `await client` and `client.$session.listen` never send a request.
 *
 * @example
 * const client = createPathProxy({ $fetch }, config);
 * await client.getSession(); // GET /get-session
 */
export function createPathProxy<M extends object>(members: M, config: PathProxyConfig): M {
	return new Proxy(members, {
		get(target, property, receiver) {
			if (typeof property !== "string" || THENABLE.has(property)) return Reflect.get(target, property, receiver);
			if (property in target) return Reflect.get(target, property, receiver);
			const action = actionAt(config.actions, property);
			if (typeof action === "function") return action;
			return createPathNode(config, [property], action);
		},
	});
}
