import { expect, test } from "bun:test";

/**
 * Budgets for `tsc --extendedDiagnostics` "Instantiations" (TypeScript 7.0.2 native) of
 * type-budget/app.ts, an app using the client with its plugins. First set with only
 * `usernameClient`: 434,263 in all, 354,576 of them type-checking `@latchkey/core`'s zod
 * contracts from source (type-budget/core-only.ts), so the client's own share was 79,687.
 * With `adminClient` and `passkeyClient` (and their contracts in core): 535,872 in all,
 * 391,590 for core, 144,282 for the client; with `twoFactorClient` too: 557,541, 412,123
 * and 145,418; with the API-key contracts and `apiKeyClient` exported: 601,241, 429,494
 * and 171,747; with `organizationClient` and `apiKeyClient` in the app and the organization
 * contracts in core: 729,305 in all, 516,880 for core (the organization contracts alone
 * cost 375,181: about 90k per file of zod route contracts), 212,425 for the client. The fix that lets an app pay only for the plugins it uses is one entry point
 * per plugin (`@latchkey/core/admin`, `@latchkey/client/admin`), not yet done. Every plugin's routes cost the client about
 * 20–30k; core's contracts cost every program that imports `@latchkey/core`.
 */
const TOTAL_BUDGET = 800_000;
const CLIENT_BUDGET = 240_000;

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
