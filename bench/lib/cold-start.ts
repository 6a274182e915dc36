import { spawnServer } from "./spawn-server.ts";

/**
 * Milliseconds from spawning `bun <script>` to its first `200` on `GET /api/auth/ok`. The
 * server prints its port once listening; the clock covers process start, module loading,
 * opening the database and the first request.
 */
export async function coldStartMs(input: { name: string; script: string; env: Record<string, string> }): Promise<number> {
	const started = performance.now();
	const server = await spawnServer(input);
	try {
		for (let attempt = 0; attempt < 1000; attempt++) {
			const response = await fetch(`${server.url}/api/auth/ok`).catch(() => undefined);
			if (response?.status === 200) {
				await response.arrayBuffer();
				return performance.now() - started;
			}
			await Bun.sleep(5);
		}
		throw new Error(`${input.name}: /ok never answered 200`);
	} finally {
		await server.stop();
	}
}
