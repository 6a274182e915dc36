import { expect, test } from "bun:test";

/**
 * Budgets for `tsc --extendedDiagnostics` "Instantiations" (TypeScript 7.0.2 native) of
 * type-budget/app.ts, an app using the client with every plugin. Measured when set: 434,263
 * in all, of which 354,576 are type-checking `@latchkey/core`'s zod contracts from source
 * (type-budget/core-only.ts), so the client's own share was 79,687.
 */
const TOTAL_BUDGET = 500_000;
const CLIENT_BUDGET = 100_000;

const dir = new URL("../type-budget/", import.meta.url).pathname;
const tsc = new URL("../node_modules/.bin/tsc", import.meta.url).pathname;

function instantiations(project: string): number {
	const run = Bun.spawnSync([tsc, "-p", `${dir}${project}`, "--extendedDiagnostics"], { stdout: "pipe", stderr: "pipe" });
	const out = run.stdout.toString();
	if (run.exitCode !== 0) throw new Error(`tsc -p ${project} failed:\n${out}${run.stderr.toString()}`);
	const match = /^Instantiations:\s+(\d+)$/m.exec(out);
	if (!match?.[1]) throw new Error(`no "Instantiations" line in:\n${out}`);
	return Number(match[1]);
}

test("type instantiations of an app with every plugin stay within budget", () => {
	const total = instantiations("tsconfig.json");
	const core = instantiations("tsconfig.core.json");
	expect(core).toBeGreaterThan(0);
	if (total > TOTAL_BUDGET) throw new Error(`${total} instantiations, over the ${TOTAL_BUDGET} budget`);
	if (total - core > CLIENT_BUDGET) throw new Error(`the client adds ${total - core} instantiations, over the ${CLIENT_BUDGET} budget`);
}, 60_000);
