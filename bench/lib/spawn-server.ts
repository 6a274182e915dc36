import type { Subprocess } from "bun";

/** A bench server running in its own process. */
export interface BenchServer {
	name: string;
	url: string;
	/** Process id, for reading its memory. */
	pid: number;
	stop(): Promise<void>;
}

const running = new Set<Subprocess>();

/** Kills every server still running (on exit or Ctrl-C). */
export function killAllServers(): void {
	for (const child of running) child.kill();
	running.clear();
}

/**
 * Starts `bun <script>` as a child process (so it does not share the runner's event loop) and
 * waits for the `{"port":N}` line it prints once listening on 127.0.0.1.
 */
export async function spawnServer(input: { name: string; script: string; env: Record<string, string> }): Promise<BenchServer> {
	const child = Bun.spawn([process.execPath, input.script], {
		env: { ...process.env, ...input.env, NODE_ENV: "production", BETTER_AUTH_TELEMETRY: "0" },
		stdout: "pipe",
		stderr: "inherit",
	});
	running.add(child);
	const reader = child.stdout.getReader();
	const decoder = new TextDecoder();
	let buffered = "";
	const deadline = setTimeout(() => child.kill(), 30_000);
	try {
		while (true) {
			const { value, done } = await reader.read();
			if (done) throw new Error(`${input.name}: exited before listening (code ${await child.exited})`);
			buffered += decoder.decode(value, { stream: true });
			const line = buffered.split("\n").find((candidate) => candidate.startsWith("{\"port\":"));
			if (line) {
				const { port } = JSON.parse(line) as { port: number };
				reader.releaseLock();
				// Keep draining stdout so a chatty server never blocks on a full pipe.
				void child.stdout.pipeTo(new WritableStream());
				return {
					name: input.name,
					url: `http://127.0.0.1:${port}`,
					pid: child.pid,
					async stop() {
						child.kill();
						await child.exited;
						running.delete(child);
					},
				};
			}
		}
	} finally {
		clearTimeout(deadline);
	}
}
