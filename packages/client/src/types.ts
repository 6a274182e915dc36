import type { ErrorCode } from "@latchkey/core/errors";
import type { ClientError, ClientResult, Fetch, FetchOptions, FetchPlugin } from "./fetch/types.ts";

export type { ClientError, ClientResult } from "./fetch/types.ts";

/**
 * One route as the client sees it: `method` and `path` at runtime; `body`, `query` and
 * `response` as types only. Core's generated tables (`@latchkey/core/route-types`) hold plain
 * types there; a hand-written zod contract (`defineRoute(…)`) fits too.
 */
export interface RouteShape {
	readonly method: "GET" | "POST";
	readonly path: string;
	/** The body as sent, or a zod schema of it; absent or `undefined` when the route takes none. */
	readonly body?: unknown;
	/** The query as sent, or a zod schema of it. */
	readonly query?: unknown;
	/** The response as parsed (dates as `Date`), or a zod schema of it. */
	readonly response?: unknown;
}

/** A table of routes keyed by endpoint name, as `CoreRouteTypes` and `UsernameRouteTypes`. */
export type RouteTable = Readonly<Record<string, RouteShape>>;

/**
 * A schema's input type when it is a zod schema (the test zod's own `z.input` makes), else the
 * type itself: generated route types pass through untouched, with no zod in the program.
 */
type InputOf<S> = S extends { readonly _zod: { readonly input: infer I } } ? I : S;
/** A schema's output type when it is a zod schema, else the type itself. */
type OutputOf<S> = S extends { readonly _zod: { readonly output: infer O } } ? O : S;

/** The body a client sends to a route (`undefined` when it has none). */
export type RouteBodyOf<C extends RouteShape> = "body" extends keyof C ? InputOf<C["body"]> : undefined;
/** The query a client sends to a route (`undefined` when it has none). */
export type RouteQueryOf<C extends RouteShape> = "query" extends keyof C ? InputOf<C["query"]> : undefined;
/** What a route answers with, dates parsed. */
export type RouteResponseOf<C extends RouteShape> = OutputOf<C["response"]>;

/**
 * Per-call fetch options: the fetch layer's options (better-fetch's contract, see
 * fetch/types.ts) plus `disableSignal`, which stops a successful call from refetching the
 * session store.
 */
export type ClientFetchOptions = FetchOptions & {
	/** Skip the session refetch that a sign-in, sign-out etc. normally triggers. */
	disableSignal?: boolean;
};

/** Turns a kebab-case path segment into the camelCase proxy key (`sign-in` → `signIn`). */
export type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

/** Turns `/sign-in/email` and a leaf type into `{ signIn: { email: Leaf } }`. */
export type PathToObject<P extends string, Leaf> = P extends `/${infer Head}/${infer Rest}`
	? { [K in CamelCase<Head>]: PathToObject<`/${Rest}`, Leaf> }
	: P extends `/${infer Last}`
		? { [K in CamelCase<Last>]: Leaf }
		: never;

/** Standard union-to-intersection helper. */
export type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void ? I : never;

type ExtraArgs = { fetchOptions?: ClientFetchOptions };

/**
 * A query as the client accepts it: the wire's string fields also take booleans and numbers,
 * which the fetcher serialises (`true` → `"true"`, spec/core.md §2.2).
 */
export type ClientQuery<Q> = { [K in keyof Q]: Q[K] | boolean | number };

/** The first argument of a GET method: `{ query?, fetchOptions? }`. */
export type QueryArg<C extends RouteShape> = RouteQueryOf<C> extends undefined ? ExtraArgs : { query?: ClientQuery<NonNullable<RouteQueryOf<C>>> } & ExtraArgs;

/** The first argument of a POST method: the body fields plus `fetchOptions`. */
export type BodyArg<C extends RouteShape> = NonNullable<RouteBodyOf<C>> & ExtraArgs;

/** The client function for one route. */
export type RouteMethodFn<C extends RouteShape> = C["method"] extends "GET"
	? (arg?: QueryArg<C>, fetchOptions?: ClientFetchOptions) => Promise<ClientResult<RouteResponseOf<C>>>
	: undefined extends RouteBodyOf<C>
		? (arg?: BodyArg<C>, fetchOptions?: ClientFetchOptions) => Promise<ClientResult<RouteResponseOf<C>>>
		: (arg: BodyArg<C>, fetchOptions?: ClientFetchOptions) => Promise<ClientResult<RouteResponseOf<C>>>;

/**
 * The nested method object for a route table: one flat mapped type over the table, each
 * entry turned into a path object, then intersected (`signIn.email`, `getSession` …).
 */
export type RouteMethods<T extends RouteTable> = UnionToIntersection<{ [N in keyof T]: PathToObject<T[N]["path"], RouteMethodFn<T[N]>> }[keyof T]>;

/** A listener that flips the session signal after a successful call to a matching path. */
export interface AtomListener {
	/** Which store to signal; only the session store exists today. */
	signal: "$sessionSignal";
	matcher: (path: string) => boolean;
}

/** Error codes as `defineErrorCodes` builds them. */
export type ErrorCodeTable = Readonly<Record<string, ErrorCode>>;

/**
 * A client plugin: plain data checked with `satisfies`. `routes` adds typed proxy methods;
 * `atomListeners` adds session-refetch paths; `$ERROR_CODES` is merged into `client.$ERROR_CODES`.
 *
 * @example
 * const plugin = { id: "username", routes: usernameRoutes } satisfies ClientPlugin;
 */
export interface ClientPlugin<R extends RouteTable = RouteTable, E extends ErrorCodeTable = ErrorCodeTable, A extends ActionTree = Record<never, never>> {
	readonly id: string;
	readonly routes: R;
	readonly atomListeners?: readonly AtomListener[];
	readonly $ERROR_CODES?: E;
	/** Extra fixed path → method entries (spec/core.md §2.2 `pathMethods`). */
	readonly pathMethods?: Readonly<Record<string, "GET" | "POST">>;
	/** Fetch plugins run on every call of the client (e.g. two-factor's redirect hook). */
	readonly fetchPlugins?: readonly FetchPlugin[];
	/**
	 * Methods that are more than one request (a WebAuthn ceremony), as a nested object merged
	 * into the client: `{ signIn: { passkey } }` answers `client.signIn.passkey(…)`, ahead of
	 * the route proxy.
	 */
	readonly getActions?: (context: ActionContext) => A;
}

/** A nested object of client actions. */
export type ActionTree = { readonly [key: string]: ((...args: never[]) => unknown) | ActionTree };

/** What a plugin's actions may use. */
export interface ActionContext {
	/** The client's fetcher (base URL, credentials and hooks included). */
	$fetch: Fetch;
	/** Refetches the session store, as a successful sign-in does. */
	notifySession(): void;
}

/** The methods contributed by a list of plugins: their routes and their actions. */
export type PluginMethods<P extends readonly ClientPlugin[]> = UnionToIntersection<
	{ [I in keyof P]: RouteMethods<P[I]["routes"]> & (NonNullable<P[I]["getActions"]> extends (context: ActionContext) => infer A ? A : unknown) }[number]
>;

/** The error codes contributed by a list of plugins. */
export type PluginErrorCodes<P extends readonly ClientPlugin[]> = UnionToIntersection<
	{ [I in keyof P]: NonNullable<P[I]["$ERROR_CODES"]> extends ErrorCodeTable ? NonNullable<P[I]["$ERROR_CODES"]> : unknown }[number]
>;
