import type { Server } from "bun";

/** Options of {@link shutdownOnSignal}. */
export interface ShutdownOptions {
	/** Default `["SIGTERM", "SIGINT"]`. */
	signals?: NodeJS.Signals[];
	/** Milliseconds in-flight requests get to finish before their connections are cut. Default 10000. */
	timeoutMs?: number;
	/** Exit the process (code 0) once everything is closed. Default `true`. */
	exit?: boolean;
	/** Runs after the server stopped, e.g. closing other pools. */
	onClosed?: () => Promise<void> | void;
}

/** Something with connections to close last (a Latchkey instance: database and Redis pools). */
export interface Closable {
	close(): Promise<void>;
}

/**
 * Graceful shutdown for a Bun server: on SIGTERM (what Kubernetes, systemd and Docker send)
 * stop accepting connections, let in-flight requests finish (up to `timeoutMs`), then close
 * `resource` (the database and Redis pools) and exit 0. Returns `shutdown()` to trigger it
 * by hand; calling it twice is harmless.
 *
 * @example
 * const server = Bun.serve({ fetch: (req, srv) => auth.handler(req, { ip: () => srv.requestIP(req)?.address }) });
 * shutdownOnSignal(server, auth);
 */
export function shutdownOnSignal(server: Server<unknown>, resource: Closable, options: ShutdownOptions = {}): () => Promise<void> {
	const signals = options.signals ?? ["SIGTERM", "SIGINT"];
	const timeoutMs = options.timeoutMs ?? 10_000;
	let done: Promise<void> | undefined;
	const shutdown = (): Promise<void> => {
		done ??= (async () => {
			for (const signal of signals) process.off(signal, onSignal);
			let timer: ReturnType<typeof setTimeout> | undefined;
			const deadline = new Promise<"timeout">((resolve) => {
				timer = setTimeout(() => resolve("timeout"), timeoutMs);
			});
			// stop() without force: no new connections, in-flight requests run to completion.
			const outcome = await Promise.race([server.stop(false).then(() => "stopped" as const), deadline]);
			clearTimeout(timer);
			if (outcome === "timeout") await server.stop(true);
			await resource.close();
			await options.onClosed?.();
			if (options.exit ?? true) process.exit(0);
		})();
		return done;
	};
	const onSignal = (): void => {
		void shutdown().catch(() => process.exit(1));
	};
	for (const signal of signals) process.on(signal, onSignal);
	return shutdown;
}
