import type { Subprocess } from "bun";
import { fileURLToPath } from "node:url";

const FIXTURE = fileURLToPath(new URL("./fixture-server.ts", import.meta.url));

/** A fixture server process (see `fixture-server.ts`). */
export interface ServerProcess {
	readonly url: string;
	readonly proc: Subprocess<"ignore", "pipe", "pipe">;
	/** Resolves to the exit code. */
	readonly exited: Promise<number>;
	/** Kills the process if it is still running (SIGKILL) and waits for it. */
	kill(): Promise<void>;
}

/**
 * Spawns `fixture-server.ts` with `env` and waits (at most `timeoutMs`) for its `READY <port>`
 * line. The process is killed if it does not get ready.
 */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 15_000): Promise<ServerProcess> {
	const proc = Bun.spawn(["bun", FIXTURE], {
		env: { ...process.env, ...env },
		stdin: "ignore",
		stdout: "pipe",
		stderr: "pipe",
	});
	const kill = async () => {
		if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
		await proc.exited;
	};
	const reader = proc.stdout.getReader();
	const decoder = new TextDecoder();
	let seen = "";
	const ready = (async () => {
		for (;;) {
			const { value, done } = await reader.read();
			if (done) throw new Error(`fixture server exited before READY: ${(await new Response(proc.stderr).text()).slice(0, 2000)}`);
			seen += decoder.decode(value, { stream: true });
			const match = /READY (\d+)/.exec(seen);
			if (match) return Number(match[1]);
		}
	})();
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error("fixture server did not get ready in time")), timeoutMs);
	});
	try {
		const port = await Promise.race([ready, timeout]);
		reader.releaseLock();
		// Keep draining stdout so the child never blocks on a full pipe.
		void proc.stdout.pipeTo(new WritableStream()).catch(() => {});
		return { url: `http://127.0.0.1:${port}`, proc, exited: proc.exited, kill };
	} catch (error) {
		await kill();
		throw error;
	} finally {
		clearTimeout(timer);
	}
}
