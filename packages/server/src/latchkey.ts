import type { AuthContext } from "./context/create-context.ts";
import { createContext } from "./context/create-context.ts";
import type { LatchkeyOptions } from "./context/options.ts";
import { createApiFunction } from "./endpoint/api.ts";
import type { Api } from "./endpoint/api.ts";
import type { Endpoint } from "./endpoint/define-endpoint.ts";
import { createHttpHandler } from "./endpoint/http-handler.ts";
import type { FetchHandler } from "./endpoint/http-handler.ts";
import { Router } from "./endpoint/router.ts";
import { createReferenceEndpoints } from "./openapi/reference-endpoints.ts";
import type { ReferenceEndpoints } from "./openapi/reference-endpoints.ts";
import type { LatchkeyPlugin } from "./plugin.ts";
import { coreEndpoints } from "./routes/index.ts";

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type PluginEndpoints<P extends readonly LatchkeyPlugin[]> = UnionToIntersection<
	{ [K in keyof P]: P[K] extends { endpoints: infer E } ? E : Record<never, never> }[number]
>;

/** Every endpoint of an instance: core, the API reference, plus its plugins'. */
export type AllEndpoints<O extends LatchkeyOptions> = typeof coreEndpoints &
	ReferenceEndpoints &
	(O["plugins"] extends readonly LatchkeyPlugin[] ? PluginEndpoints<O["plugins"]> : Record<never, never>);

/** A Latchkey instance. */
export interface Latchkey<O extends LatchkeyOptions = LatchkeyOptions> {
	/** The HTTP surface: `(request, { ip }?) => Response`. Mount it on Elysia, Bun.serve or any fetch server. */
	handler: FetchHandler;
	/** Every endpoint as a server-side function (`auth.api.signInEmail({ body, headers })`). */
	api: Api<AllEndpoints<O> extends Record<string, Endpoint> ? AllEndpoints<O> : never>;
	/** Applies the bundled migrations to the configured database. */
	migrate(): Promise<void>;
	/** Closes database connections. */
	close(): Promise<void>;
	/** Resolved options and services, for plugins and tests. */
	$context: AuthContext;
	/** Every endpoint on the HTTP router, by name (server-only ones included; they answer 404). Read-only. */
	$endpoints: Readonly<Record<string, Endpoint>>;
	options: O;
}

/**
 * Creates a Latchkey server instance.
 *
 * @example
 * const auth = createLatchkey({ database: "app.db", emailAndPassword: { enabled: true } });
 * await auth.migrate();
 * Bun.serve({ fetch: (req, server) => auth.handler(req, { ip: () => server.requestIP(req)?.address }) });
 */
export function createLatchkey<const O extends LatchkeyOptions>(options: O): Latchkey<O> {
	const auth = createContext(options);
	const endpoints: Record<string, Endpoint> = { ...coreEndpoints };
	for (const plugin of auth.plugins) {
		for (const [name, endpoint] of Object.entries(plugin.endpoints ?? {})) {
			if (endpoints[name]) throw new Error(`latchkey: plugin "${plugin.id}" redefines endpoint "${name}"`);
			endpoints[name] = endpoint;
		}
	}
	// After the plugins: the document describes every endpoint, these included.
	const reference = createReferenceEndpoints(() => endpoints);
	if (options.openAPI?.enabled !== false) {
		for (const [name, endpoint] of Object.entries(reference)) {
			if (endpoints[name]) throw new Error(`latchkey: endpoint "${name}" clashes with the API reference`);
			endpoints[name] = endpoint;
		}
	}
	Object.freeze(endpoints);
	const router = new Router();
	// The reference stays callable on `auth.api` when it is not served over HTTP.
	const api: Record<string, unknown> = {};
	for (const [name, endpoint] of Object.entries<Endpoint>(reference)) api[name] = createApiFunction(auth, endpoint);
	for (const [name, endpoint] of Object.entries(endpoints)) {
		router.add(endpoint);
		api[name] = createApiFunction(auth, endpoint);
	}
	return {
		handler: createHttpHandler(auth, router),
		// Sound: `api` holds one function per entry of `endpoints`, which is AllEndpoints<O>.
		api: api as Latchkey<O>["api"],
		migrate: () => auth.storage.migrate(),
		close: () => auth.storage.close(),
		$context: auth,
		$endpoints: endpoints,
		options,
	};
}

/** Better Auth's name for {@link createLatchkey}, so moving an app over is a change of imports. */
export const betterAuth = createLatchkey;
