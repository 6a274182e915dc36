import { expect, test } from "bun:test";
import { readFileSync, realpathSync } from "node:fs";
import { dirname } from "node:path";

const packagesDir = realpathSync(new URL("../../", import.meta.url).pathname);
const IMPORT = /(?:^|\s)(?:import|export)\s[^;]*?from\s+"([^"]+)"|(?:^|\s)import\s+"([^"]+)"/g;

const isZod = (specifier: string): boolean => specifier === "zod" || specifier.startsWith("zod/");

/** The import and re-export specifiers of a file, type-only ones included (tsc reads those too). */
function readImports(file: string): string[] {
	return [...readFileSync(file, "utf8").matchAll(IMPORT)].map((match) => match[1] ?? match[2] ?? "");
}

/** Every workspace source file reachable from `entry`, with its specifiers. Third-party packages are not followed. */
function workspaceGraph(entry: string): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	const pending = [realpathSync(entry)];
	for (let file = pending.pop(); file; file = pending.pop()) {
		if (graph.has(file)) continue;
		const specifiers = readImports(file);
		graph.set(file, specifiers);
		for (const specifier of specifiers.filter((s) => !isZod(s))) {
			const resolved = realpathSync(Bun.resolveSync(specifier, dirname(file)));
			if (resolved.startsWith(packagesDir) && !resolved.includes("/node_modules/")) pending.push(resolved);
		}
	}
	return graph;
}

// What keeps the client's types cheap (type-budget.test.ts): no zod schema is ever type-checked.
test("the client, types included, reaches neither zod nor a route contract", () => {
	const graph = workspaceGraph(new URL("./index.ts", import.meta.url).pathname);
	const relative = (file: string): string => file.slice(packagesDir.length + 1);
	const files = [...graph.keys()].map(relative);
	// It does reach core, through the light entries.
	expect(files).toContain("core/src/generated/routes.ts");
	expect(files).toContain("core/src/errors/base-codes.ts");
	expect([...graph].filter(([, specifiers]) => specifiers.some(isZod)).map(([file]) => relative(file))).toEqual([]);
	expect(files.filter((file) => file.startsWith("core/src/routes/") && file !== "core/src/routes/route-methods.ts")).toEqual([]);
	expect(files.filter((file) => file.startsWith("server/"))).toEqual([]);
});
