/**
 * Reads a byte stream to its end, but never more than `maxBytes`: past the limit the stream
 * is cancelled (the peer stops sending instead of being drained) and `tooLarge()` is thrown.
 * Bytes are counted as they arrive, so neither a missing nor a false `Content-Length` gets
 * past it. Used for request bodies and for provider responses (SECURITY.md rule 17).
 *
 * @example
 * const bytes = await readAtMost(request.body, 64 * 1024, () => new Error("too large"));
 */
export async function readAtMost(body: ReadableStream<Uint8Array>, maxBytes: number, tooLarge: () => unknown): Promise<Uint8Array<ArrayBuffer>> {
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		total += value.byteLength;
		if (total > maxBytes) {
			const error = tooLarge();
			await reader.cancel(error).catch(() => undefined);
			throw error;
		}
		chunks.push(value);
	}
	const bytes = new Uint8Array(total);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return bytes;
}
