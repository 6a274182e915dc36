import { describe, expect, test } from "bun:test";
import { coreRoutes } from "./index.ts";
import { coreRouteMethods } from "./route-methods.ts";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;
type Routes = typeof coreRoutes;
/** What `coreRouteMethods` must be, derived from the contracts: a drift is a compile error too. */
type Derived = { readonly [K in keyof Routes]: readonly [Routes[K]["method"], Routes[K]["path"]] };

export type Checks = [Expect<Equal<typeof coreRouteMethods, Derived>>];

describe("coreRouteMethods", () => {
	test("has exactly the keys of coreRoutes, in the same order", () => {
		expect(Object.keys(coreRouteMethods)).toEqual(Object.keys(coreRoutes));
	});

	test("each entry is the contract's [method, path]", () => {
		const derived: Record<string, readonly [string, string]> = {};
		for (const [name, route] of Object.entries(coreRoutes)) derived[name] = [route.method, route.path];
		const table: Record<string, readonly [string, string]> = coreRouteMethods;
		expect(table).toEqual(derived);
	});
});
