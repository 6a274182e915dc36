import type { Server } from "bun";
import type { Latchkey } from "../latchkey.ts";
import { shutdownOnSignal } from "./shutdown-on-signal.ts";
import type { ShutdownOptions } from "./shutdown-on-signal.ts";

/** Options of {@link serve}. */
export interface ServeOptions extends ShutdownOptions {
	/** Default: `PORT`, else 3000 (0 picks a free port). */
	port?: number;
	/** Default: `HOST`, else `127.0.0.1`. Behind a proxy on another host, `0.0.0.0`. */
	hostname?: string;
	/** Your own request handler (other routes, then Latchkey). Default: `auth.handler` with the socket address. */
	fetch?: (request: Request, server: Server<unknown>) => Response | Promise<Response>;
}

/** What {@link serve} returns. */
export interface ServeHandle {
	server: Server<unknown>;
	/** Graceful shutdown, as on SIGTERM. */
	shutdown(): Promise<void>;
}

/**
 * Serves a Latchkey instance with `Bun.serve` and shuts it down gracefully on SIGTERM /
 * SIGINT (stop accepting, finish in-flight requests, close the database and Redis pools, exit
 * 0). Each process is stateless, so run as many as you like behind a load balancer.
 *
 * @example
 * const auth = createLatchkey({ database: process.env.DATABASE_URL, secondaryStorage: createRedisStorage() });
 * await auth.migrate();
 * serve(auth, { port: 3000, hostname: "0.0.0.0" });
 */
export function serve(auth: Latchkey, options: ServeOptions = {}): ServeHandle {
	const fetch = options.fetch ?? ((request: Request, server: Server<unknown>) => auth.handler(request, { ip: () => server.requestIP(request)?.address }));
	const server = Bun.serve({
		port: options.port ?? Number(process.env.PORT ?? 3000),
		hostname: options.hostname ?? process.env.HOST ?? "127.0.0.1",
		fetch,
	});
	return { server, shutdown: shutdownOnSignal(server, auth, options) };
}
