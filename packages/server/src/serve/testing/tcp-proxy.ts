import type { Socket, TCPSocketListener } from "bun";

/** A loopback TCP proxy that a test can cut and restore (see {@link startTcpProxy}). */
export interface TcpProxy {
	/** The port it listens on (127.0.0.1). */
	readonly port: number;
	/** Closes every open connection and refuses new ones: a real outage for the client side. */
	cut(): void;
	/** Accepts and forwards connections again. */
	restore(): void;
	/** Stops listening and closes everything. */
	stop(): void;
}

interface ClientData {
	upstream: Socket<{ client: Socket<ClientData> }> | null;
	pending: Uint8Array[];
}

/**
 * Forwards `127.0.0.1:<port>` to `127.0.0.1:<targetPort>` (PostgreSQL, Redis). Tests use it to
 * inject outages without touching the shared services: `cut()` drops every socket and
 * stops listening (new connections are refused) until `restore()` listens on the same port.
 *
 * @example
 * const proxy = await startTcpProxy(5432);
 * // connect the server to postgres://…@127.0.0.1:${proxy.port}/test
 * proxy.cut(); … proxy.restore();
 */
export async function startTcpProxy(targetPort: number, targetHost = "127.0.0.1"): Promise<TcpProxy> {
	let down = false;
	const open = new Set<Socket<ClientData>>();
	const upstreams = new Set<Socket<{ client: Socket<ClientData> }>>();
	const listen = (port: number): TCPSocketListener<ClientData> => Bun.listen<ClientData>({
		hostname: "127.0.0.1",
		port,
		socket: {
			open(client) {
				if (down) {
					client.end();
					return;
				}
				client.data = { upstream: null, pending: [] };
				open.add(client);
				Bun.connect<{ client: Socket<ClientData> }>({
					hostname: targetHost,
					port: targetPort,
					data: { client },
					socket: {
						open(upstream) {
							upstreams.add(upstream);
							if (down || !open.has(client)) {
								upstream.end();
								return;
							}
							client.data.upstream = upstream;
							for (const chunk of client.data.pending.splice(0)) upstream.write(chunk);
						},
						data(upstream, chunk) {
							upstream.data.client.write(chunk);
						},
						close(upstream) {
							upstreams.delete(upstream);
							upstream.data.client.end();
						},
						error(upstream) {
							upstream.data.client.end();
						},
					},
				}).catch(() => client.end());
			},
			data(client, chunk) {
				if (client.data.upstream) client.data.upstream.write(chunk);
				else client.data.pending.push(new Uint8Array(chunk));
			},
			close(client) {
				open.delete(client);
				client.data?.upstream?.end();
			},
			error(client) {
				client.data?.upstream?.end();
			},
		},
	});
	let listener: TCPSocketListener<ClientData> | null = listen(0);
	const port = listener.port;
	const closeAll = () => {
		for (const socket of open) socket.terminate();
		for (const socket of upstreams) socket.terminate();
		open.clear();
		upstreams.clear();
	};
	return {
		port,
		cut() {
			down = true;
			// Not listening at all: new connections are refused (ECONNREFUSED), as with a stopped server.
			listener?.stop(true);
			listener = null;
			closeAll();
		},
		restore() {
			down = false;
			listener ??= listen(port);
		},
		stop() {
			down = true;
			listener?.stop(true);
			listener = null;
			closeAll();
		},
	};
}
