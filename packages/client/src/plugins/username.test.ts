import { expect, test } from "bun:test";
import { usernameRoutes } from "@latchkey/core";
import { USERNAME_ROUTE_METHODS } from "./username.ts";

test("the zod-free runtime table matches the username contracts exactly", () => {
	const fromContracts = Object.fromEntries(Object.entries(usernameRoutes).map(([key, c]) => [key, { name: c.name, method: c.method, path: c.path }]));
	expect(USERNAME_ROUTE_METHODS as unknown).toEqual(fromContracts);
});
