import { join } from "node:path";
import { median } from "./table.ts";

const CLIENT = join(import.meta.dir, "../../packages/client");
const TSC = join(CLIENT, "node_modules/.bin/tsc");

/**
 * The two type-check projects: an app using the client with all six plugins, and the same
 * app on Better Auth 1.7.6's client (packages/client/type-budget, also used by the budget test).
 */
export const TYPE_CHECK_PROJECTS = {
	Latchkey: join(CLIENT, "type-budget/tsconfig.json"),
	"Better Auth": join(CLIENT, "type-budget/better-auth/tsconfig.json"),
} as const;

/** What `tsc --noEmit --extendedDiagnostics` reports for one project. */
export interface TypeCheckCost {
	instantiations: number;
	/** tsc's own "Total time", in milliseconds (median of the runs). */
	totalMs: number;
}

function runTsc(project: string): { instantiations: number; totalMs: number } {
	const run = Bun.spawnSync([TSC, "-p", project, "--noEmit", "--extendedDiagnostics"], { stdout: "pipe", stderr: "pipe" });
	const out = run.stdout.toString();
	if (run.exitCode !== 0) throw new Error(`tsc -p ${project} failed:\n${out}${run.stderr.toString()}`);
	const instantiations = /^Instantiations:\s+(\d+)$/m.exec(out)?.[1];
	const total = /^Total time:\s+([\d.]+)s$/m.exec(out)?.[1];
	if (!instantiations || !total) throw new Error(`tsc -p ${project}: no Instantiations or Total time in:\n${out}`);
	return { instantiations: Number(instantiations), totalMs: Number(total) * 1000 };
}

/**
 * Type-checks both projects `runs` times, alternating, and returns instantiations (the same on
 * every run) and the median total time per side.
 */
export function measureTypeCheck(runs = 5): Record<keyof typeof TYPE_CHECK_PROJECTS, TypeCheckCost> {
	const sides = Object.keys(TYPE_CHECK_PROJECTS) as (keyof typeof TYPE_CHECK_PROJECTS)[];
	const times: Record<string, number[]> = {};
	const counts: Record<string, number> = {};
	for (let round = 0; round < runs; round++) {
		for (const side of round % 2 ? [...sides].reverse() : sides) {
			const cost = runTsc(TYPE_CHECK_PROJECTS[side]);
			counts[side] = cost.instantiations;
			(times[side] ??= []).push(cost.totalMs);
		}
	}
	const result = (side: (typeof sides)[number]): TypeCheckCost => ({ instantiations: counts[side] ?? 0, totalMs: median(times[side] ?? [0]) });
	return { Latchkey: result("Latchkey"), "Better Auth": result("Better Auth") };
}
