import { availableParallelism } from "node:os";
import { scrypt } from "node:crypto";

/** Better Auth's (and Latchkey's) password parameters: N=16384, r=16, p=1, 64-byte key. */
const PARAMS = { N: 16384, r: 16, p: 1, maxmem: 128 * 16384 * 16 * 2 } as const;
const KEY_LENGTH = 64;

function derive(): Promise<void> {
	return new Promise((resolve, reject) => {
		scrypt("correct horse battery staple", "0123456789abcdef0123456789abcdef", KEY_LENGTH, PARAMS, (error) => (error ? reject(error) : resolve()));
	});
}

/**
 * This machine's ceiling for password sign-in: async node:crypto scrypt with as many hashes in
 * flight as there are cores, for `durationMs`. Returns completed hashes per second.
 */
export async function measureNativeScrypt(durationMs = 3000): Promise<{ opsPerSecond: number; concurrency: number }> {
	const concurrency = availableParallelism();
	await Promise.all(Array.from({ length: concurrency }, derive));
	let completed = 0;
	const start = performance.now();
	const end = start + durationMs;
	const worker = async (): Promise<void> => {
		while (performance.now() < end) {
			await derive();
			completed++;
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return { opsPerSecond: completed / ((performance.now() - start) / 1000), concurrency };
}
