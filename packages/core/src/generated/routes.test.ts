import { describe, expect, test } from "bun:test";
import { GENERATE_COMMAND, generateRouteTypes, ROUTE_TABLES, ROUTE_TYPES_FILE } from "../../scripts/generate-route-types.ts";
import { coreRoutes } from "../routes/index.ts";

describe("generated route types (src/generated/routes.ts)", () => {
	test("match the contracts as they are now", async () => {
		const onDisk = await Bun.file(ROUTE_TYPES_FILE).text();
		const fresh = generateRouteTypes();
		if (onDisk !== fresh) throw new Error(`src/generated/routes.ts is out of date with the route contracts: run \`${GENERATE_COMMAND}\``);
		expect(onDisk).toBe(fresh);
	});

	test("cover every core route, social ones included", () => {
		const text = generateRouteTypes();
		for (const [name, contract] of Object.entries(coreRoutes)) expect(text).toContain(`\t${name}: {\n\t\tmethod: "${contract.method}";\n\t\tpath: "${contract.path}";`);
	});

	test("one exported table per route table, with a unique name", () => {
		const names = ROUTE_TABLES.map((table) => table.name);
		expect(new Set(names).size).toBe(names.length);
		const text = generateRouteTypes();
		for (const name of names) expect(text).toContain(`export type ${name} = {`);
	});
});
