import { describe, expect, test } from "bun:test";
import { authorizeRoles, createAccessControl } from "./index.ts";

const ac = createAccessControl({ project: ["create", "update", "delete"], billing: ["read", "write"] } as const);
const editor = ac.newRole({ project: ["create", "update"] });
const accountant = ac.newRole({ billing: ["read"] });
const nobody = ac.newRole({ project: [] });

describe("role.authorize", () => {
	test("grants granted actions and refuses others with Better Auth's messages", () => {
		expect(editor.authorize({ project: ["update"] })).toEqual({ success: true });
		expect(editor.authorize({ project: ["create", "update"] })).toEqual({ success: true });
		expect(editor.authorize({ project: ["create", "delete"] })).toEqual({ success: false, error: 'unauthorized to access resource "project"' });
		expect(editor.authorize({ billing: ["read"] })).toEqual({ success: false, error: "You are not allowed to access resource: billing" });
	});

	test("an action connector OR needs one action; AND needs all", () => {
		expect(editor.authorize({ project: { actions: ["delete", "update"], connector: "OR" } })).toEqual({ success: true });
		expect(editor.authorize({ project: { actions: ["delete", "update"], connector: "AND" } }).success).toBe(false);
	});

	test("a request connector OR needs one resource; unknown resources are skipped", () => {
		expect(editor.authorize({ billing: ["read"], project: ["create"] }, "OR")).toEqual({ success: true });
		expect(editor.authorize({ billing: ["read"] }, "OR")).toEqual({ success: false, error: "Not authorized" });
		expect(editor.authorize({ project: ["delete"] }, "OR")).toEqual({ success: false, error: "Not authorized" });
	});

	test("empty action lists and empty requests grant nothing", () => {
		expect(editor.authorize({ project: [] }).success).toBe(false);
		expect(nobody.authorize({ project: ["create"] }).success).toBe(false);
		expect(editor.authorize({}).success).toBe(false);
	});

	test("inherited keys and hostile resource names are not resources", () => {
		const hostile = JSON.parse('{"__proto__": ["create"], "constructor": ["x"]}');
		expect(editor.authorize(hostile).success).toBe(false);
		expect(editor.authorize({ toString: ["x"] } as never).success).toBe(false);
	});

	test("the role keeps its own copy of what it grants", () => {
		const grants = { project: ["create"] as ("create" | "update" | "delete")[] };
		const r = ac.newRole(grants);
		grants.project.push("delete");
		expect(r.authorize({ project: ["delete"] }).success).toBe(false);
	});
});

describe("authorizeRoles", () => {
	const roles = { editor, accountant };
	test("any one of several comma-separated roles suffices", () => {
		expect(authorizeRoles("accountant,editor", roles, { project: ["update"] })).toBe(true);
		expect(authorizeRoles("accountant, editor", roles, { project: ["update"] })).toBe(true);
		expect(authorizeRoles("accountant", roles, { project: ["update"] })).toBe(false);
	});

	test("a single role must authorize the whole request (permissions are not pooled)", () => {
		expect(authorizeRoles("accountant,editor", roles, { project: ["update"], billing: ["read"] })).toBe(false);
	});

	test("unknown, empty and prototype role names grant nothing", () => {
		expect(authorizeRoles("", roles, { project: ["update"] })).toBe(false);
		expect(authorizeRoles(null, roles, { project: ["update"] })).toBe(false);
		expect(authorizeRoles("owner", roles, { project: ["update"] })).toBe(false);
		expect(authorizeRoles("__proto__,constructor,toString", roles, { project: ["update"] })).toBe(false);
	});
});
