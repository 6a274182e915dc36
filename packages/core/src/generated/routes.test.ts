import { describe, expect, test } from "bun:test";
import { readdirSync } from "node:fs";
import { COMPOSED_TABLES, GENERATE_COMMAND, GENERATED_DIR, generateRouteTypes, ROUTE_TABLES } from "../../scripts/generate-route-types.ts";
import { coreRoutes } from "../routes/index.ts";
import { organizationRoutes } from "../plugins/organization/routes.ts";

const fresh = generateRouteTypes();
const allText = [...fresh.values()].join("\n");

describe("generated route types (src/generated/)", () => {
	test("every file matches the contracts as they are now, and no stale file is left", async () => {
		for (const [file, text] of fresh) {
			const onDisk = await Bun.file(`${GENERATED_DIR}${file}`).text();
			if (onDisk !== text) throw new Error(`src/generated/${file} is out of date with the route contracts: run \`${GENERATE_COMMAND}\``);
			expect(onDisk).toBe(text);
		}
		const generated = readdirSync(GENERATED_DIR).filter((file) => !file.endsWith(".test.ts") && !file.endsWith(".types.ts"));
		expect(generated.sort()).toEqual([...fresh.keys()].sort());
	});

	test("no generated file passes 400 lines", () => {
		for (const [file, text] of fresh) expect({ file, lines: text.split("\n").length <= 400 }).toEqual({ file, lines: true });
	});

	test("cover every core and organization route exactly once", () => {
		for (const [name, contract] of Object.entries({ ...coreRoutes, ...organizationRoutes })) {
			const entry = `\t${name}: {\n\t\tmethod: "${contract.method}";\n\t\tpath: "${contract.path}";`;
			expect(allText.split(entry).length - 1).toBe(1);
		}
	});

	test("one exported type per table and per composed table, each with a unique name", () => {
		const names = [...ROUTE_TABLES.map((table) => table.name), ...COMPOSED_TABLES.map((table) => table.name)];
		expect(new Set(names).size).toBe(names.length);
		for (const table of ROUTE_TABLES) expect(fresh.get(table.file)).toContain(`export type ${table.name} = {`);
		for (const table of COMPOSED_TABLES) expect(fresh.get("routes.ts")).toContain(`export type ${table.name} = ${table.parts.join(" & ")};`);
	});
});
