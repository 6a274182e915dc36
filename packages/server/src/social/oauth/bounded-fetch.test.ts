import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createServer } from "node:net";
import type { Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { ENDLESS_CAP_BYTES, startOversizedProvider } from "../testing/oversized-provider.ts";
import type { OversizedProvider } from "../testing/oversized-provider.ts";
import { boundedFetch, MAX_PROVIDER_RESPONSE_BYTES, ProviderResponseTooLargeError } from "./bounded-fetch.ts";

/**
 * A provider's answer is read into memory (token, UserInfo, discovery, JWKS). A hostile or
 * broken provider, or a user-configured OIDC issuer, could send gigabytes: the size must be
 * bounded whatever the headers say (honest, absent, lying, compressed), and the body
 * cancelled so the connection is not drained either. All servers here are real, on 127.0.0.1.
 */

const MiB = 1024 * 1024;

/** Deterministic bytes of a given length. */
function pattern(length: number): Uint8Array<ArrayBuffer> {
	const bytes = new Uint8Array(length);
	for (let i = 0; i < length; i++) bytes[i] = (i * 31 + 7) & 0xff;
	return bytes;
}

/** A stream that hands out `bytes` in 16 KiB chunks, so no Content-Length is known. */
function chunked(bytes: Uint8Array<ArrayBuffer>): ReadableStream<Uint8Array> {
	let offset = 0;
	return new ReadableStream<Uint8Array>({
		pull(controller) {
			if (offset >= bytes.byteLength) return controller.close();
			controller.enqueue(bytes.slice(offset, offset + 16 * 1024));
			offset += 16 * 1024;
		},
	});
}

const UNDER = pattern(300 * 1024);
const OVER = pattern(2 * MiB);
let redirectTargetHits = 0;
const server = Bun.serve({
	hostname: "127.0.0.1",
	port: 0,
	fetch(request) {
		const url = new URL(request.url);
		const size = Number(url.searchParams.get("size") ?? "0");
		switch (url.pathname) {
			case "/under":
				return new Response(UNDER, { status: 201, headers: { "content-type": "application/octet-stream", "x-provider": "yes", "cache-control": "no-store" } });
			case "/error-json":
				return Response.json({ error: "invalid_grant" }, { status: 400, headers: { "www-authenticate": 'Bearer error="invalid_token"' } });
			case "/over":
				return new Response(OVER, { headers: { "content-type": "application/json" } });
			case "/sized":
				return new Response(pattern(size));
			case "/sized-chunked":
				return new Response(chunked(pattern(size)));
			case "/gzip-bomb":
				// A few KiB on the wire, with an honest Content-Length, that inflate to 8 MiB.
				return new Response(Bun.gzipSync(new Uint8Array(8 * MiB)), { headers: { "content-encoding": "gzip", "content-type": "application/json" } });
			case "/empty":
				return new Response(null, { status: 204 });
			case "/redirect":
				return new Response(null, { status: 302, headers: { location: "/target" } });
			case "/target":
				redirectTargetHits++;
				return new Response("followed");
			default:
				return new Response("not found", { status: 404 });
		}
	},
});
const base = `http://127.0.0.1:${server.port}`;

/** A raw HTTP/1.1 server for answers Bun.serve would correct (false or absent lengths). */
async function rawServer(answer: (socket: Socket) => void): Promise<{ url: string; closed: Promise<void>; stop(): void }> {
	let markClosed: () => void = () => undefined;
	const closed = new Promise<void>((resolve) => {
		markClosed = resolve;
	});
	const sockets = new Set<Socket>();
	const raw = createServer((socket) => {
		sockets.add(socket);
		socket.on("error", () => undefined);
		socket.on("close", markClosed);
		socket.once("data", () => answer(socket));
	});
	await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
	const url = `http://127.0.0.1:${(raw.address() as AddressInfo).port}/`;
	return {
		url,
		closed,
		stop() {
			for (const socket of sockets) socket.destroy();
			raw.close();
		},
	};
}

let hostile: OversizedProvider;
beforeAll(() => {
	hostile = startOversizedProvider();
});
afterAll(() => {
	hostile.close();
	server.stop(true);
});

describe("boundedFetch", () => {
	test("the limit is 1 MiB by default", () => {
		expect(MAX_PROVIDER_RESPONSE_BYTES).toBe(MiB);
	});

	test("an answer under the limit passes unchanged: bytes, status and headers", async () => {
		const response = await boundedFetch(`${base}/under`);
		expect(response.status).toBe(201);
		expect(response.statusText).toBe("Created");
		expect(response.headers.get("x-provider")).toBe("yes");
		expect(response.headers.get("content-type")).toBe("application/octet-stream");
		expect(response.headers.get("cache-control")).toBe("no-store");
		expect(new Uint8Array(await response.arrayBuffer())).toEqual(UNDER);
	});

	test("an error answer keeps its status, headers and JSON (oauth4webapi reads them)", async () => {
		const response = await boundedFetch(`${base}/error-json`, { method: "POST", body: new URLSearchParams({ grant_type: "authorization_code" }) });
		expect(response.status).toBe(400);
		expect(response.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
		expect(await response.json()).toEqual({ error: "invalid_grant" });
	});

	test("a 204 passes with an empty body", async () => {
		const response = await boundedFetch(`${base}/empty`);
		expect(response.status).toBe(204);
		expect(await response.text()).toBe("");
	});

	test("exactly the limit passes, one byte more fails, with and without Content-Length", async () => {
		for (const path of ["sized", "sized-chunked"]) {
			const exact = await boundedFetch(`${base}/${path}?size=40000`, undefined, 40_000);
			expect(new Uint8Array(await exact.arrayBuffer())).toEqual(pattern(40_000));
			await expect(boundedFetch(`${base}/${path}?size=40001`, undefined, 40_000)).rejects.toBeInstanceOf(ProviderResponseTooLargeError);
		}
	});

	test("an honest Content-Length over the limit is refused", async () => {
		const refused = await boundedFetch(`${base}/over`).catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(ProviderResponseTooLargeError);
		expect((refused as ProviderResponseTooLargeError).maxBytes).toBe(MAX_PROVIDER_RESPONSE_BYTES);
	});

	test("a declared length over the limit is refused from the headers alone, and the connection closed", async () => {
		// The server sends 64 KiB of a declared 16 MiB and then stalls: waiting for the rest
		// would hang, so only a decision on the headers settles this promise.
		const stalled = await rawServer((socket) => {
			socket.write(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${16 * MiB}\r\n\r\n`);
			socket.write(pattern(64 * 1024));
		});
		try {
			await expect(boundedFetch(stalled.url)).rejects.toBeInstanceOf(ProviderResponseTooLargeError);
			await stalled.closed;
		} finally {
			stalled.stop();
		}
	});

	test("a chunked answer without Content-Length is cut at the limit and the server's stream is cancelled", async () => {
		const refused = await boundedFetch(`${hostile.url}/endless`).catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(ProviderResponseTooLargeError);
		const body = hostile.bodies.at(-1);
		if (!body) throw new Error("the endless body was not served");
		await body.cancelled;
		expect(body.isCancelled).toBe(true);
		// What left the server: the limit plus socket buffers, nowhere near the whole stream.
		expect(body.bytesSent).toBeLessThan(ENDLESS_CAP_BYTES / 4);
	});

	test("an answer delimited by closing the connection (no length, not chunked) is refused", async () => {
		const eof = await rawServer((socket) => {
			socket.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n");
			socket.end(pattern(3 * MiB));
		});
		try {
			await expect(boundedFetch(eof.url)).rejects.toBeInstanceOf(ProviderResponseTooLargeError);
		} finally {
			eof.stop();
		}
	});

	test("a lying Content-Length (10 bytes declared, 3 MiB sent) is cut or refused, never read past the limit", async () => {
		const liar = await rawServer((socket) => {
			socket.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n");
			socket.write(pattern(3 * MiB));
		});
		try {
			const outcome = await boundedFetch(liar.url).then(
				async (response) => new Uint8Array(await response.arrayBuffer()),
				(error: unknown) => error,
			);
			// Bun's client stops at the declared length; a client that read on would be cut by the count.
			if (outcome instanceof Uint8Array) expect(outcome).toEqual(pattern(10));
			else expect(outcome).toBeInstanceOf(ProviderResponseTooLargeError);
		} finally {
			liar.stop();
		}
	});

	test("a compressed answer is counted after inflating (gzip bomb)", async () => {
		await expect(boundedFetch(`${base}/gzip-bomb`)).rejects.toBeInstanceOf(ProviderResponseTooLargeError);
	});

	test("redirects are never followed, whatever the caller asks", async () => {
		const response = await boundedFetch(`${base}/redirect`, { redirect: "follow" });
		expect(response.status).toBe(302);
		expect(response.headers.get("location")).toBe("/target");
		expect(redirectTargetHits).toBe(0);
	});

	test("the caller's signal (the provider timeout) also covers a body that trickles", async () => {
		const controller = new AbortController();
		const trickle = await rawServer((socket) => {
			socket.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{\"\r\n");
			setTimeout(() => controller.abort(), 20);
		});
		try {
			await expect(boundedFetch(trickle.url, { signal: controller.signal })).rejects.toThrow();
			await trickle.closed;
		} finally {
			trickle.stop();
		}
	});
});
