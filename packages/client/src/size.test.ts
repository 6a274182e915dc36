import { expect, test } from "bun:test";
import { measureBundles } from "../scripts/size.ts";

// The budgets live in scripts/size.ts; the README has today's numbers.
test("browser bundles stay within their gzip budgets", async () => {
	const sizes = await measureBundles();
	expect(sizes.map((size) => size.name)).toEqual(["client", "client + all plugins"]);
	for (const size of sizes) {
		expect(size.raw).toBeGreaterThan(size.gzip);
		if (size.gzip > size.budget) throw new Error(`${size.name}: ${size.gzip} B gzip is over its ${size.budget} B budget`);
	}
});
