/** What one endless answer of {@link startOversizedProvider} has done so far. */
export interface EndlessBody {
	path: string;
	/** Bytes handed to the server so far (what the client pulled, plus socket buffers). */
	bytesSent: number;
	isCancelled: boolean;
	/** Settles when the server sees the client give up on the body (stream cancelled). */
	cancelled: Promise<void>;
}

/** A provider stand-in on 127.0.0.1 whose answers never end (unless told otherwise). */
export interface OversizedProvider {
	url: string;
	/** Paths answered with this small JSON instead of an endless body. */
	json: Map<string, unknown>;
	/** Every endless body served, in order. */
	bodies: EndlessBody[];
	close(): void;
}

/**
 * Where an endless body stops anyway (256 MiB), so a regression that reads everything fails
 * the memory assertions instead of exhausting the machine.
 */
export const ENDLESS_CAP_BYTES = 256 * 1024 * 1024;

const encoder = new TextEncoder();
const PADDING = encoder.encode("a".repeat(64 * 1024));

/** A chunked `{"padding":"aaaa…` body without `Content-Length`, produced only as it is read. */
function endlessJson(body: EndlessBody): ReadableStream<Uint8Array> {
	let markCancelled: () => void = () => undefined;
	body.cancelled = new Promise((resolve) => {
		markCancelled = resolve;
	});
	let started = false;
	return new ReadableStream<Uint8Array>({
		pull(controller) {
			if (!started) {
				started = true;
				controller.enqueue(encoder.encode('{"padding":"'));
			} else if (body.bytesSent >= ENDLESS_CAP_BYTES) {
				controller.enqueue(encoder.encode('"}'));
				controller.close();
			} else {
				controller.enqueue(PADDING.slice());
				body.bytesSent += PADDING.byteLength;
			}
		},
		cancel() {
			body.isCancelled = true;
			markCancelled();
		},
	});
}

/**
 * Starts a hostile provider stand-in: every path not in `json` answers 200
 * `application/json` with a body that streams (chunked, no `Content-Length`) until the client
 * stops reading or {@link ENDLESS_CAP_BYTES} is reached.
 */
export function startOversizedProvider(): OversizedProvider {
	const json = new Map<string, unknown>();
	const bodies: EndlessBody[] = [];
	const server = Bun.serve({
		hostname: "127.0.0.1",
		port: 0,
		fetch(request) {
			const path = new URL(request.url).pathname;
			if (json.has(path)) return Response.json(json.get(path));
			const body: EndlessBody = { path, bytesSent: 0, isCancelled: false, cancelled: Promise.resolve() };
			bodies.push(body);
			return new Response(endlessJson(body), { headers: { "content-type": "application/json" } });
		},
	});
	return { url: `http://127.0.0.1:${server.port}`, json, bodies, close: () => void server.stop(true) };
}
