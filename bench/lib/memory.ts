import { readFileSync } from "node:fs";

/** Resident set size of a process in bytes, from `/proc/<pid>/status` (Linux). */
export function residentBytes(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, "utf8");
	const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
	if (!match?.[1]) throw new Error(`no VmRSS for process ${pid}`);
	return Number(match[1]) * 1024;
}

/** Samples a process's resident memory every `everyMs` while `work` runs; resolves to the peak. */
export async function peakResidentDuring(pid: number, work: Promise<unknown>, everyMs = 100): Promise<number> {
	let peak = residentBytes(pid);
	const timer = setInterval(() => {
		peak = Math.max(peak, residentBytes(pid));
	}, everyMs);
	try {
		await work;
	} finally {
		clearInterval(timer);
	}
	return Math.max(peak, residentBytes(pid));
}
