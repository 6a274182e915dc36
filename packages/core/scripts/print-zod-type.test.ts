import { describe, expect, test } from "bun:test";
import * as z from "zod";
import { isCompound, printKey, printZodType, splitUnion, UnprintableSchemaError } from "./print-zod-type.ts";

const input = (schema: z.core.$ZodType): string => printZodType(schema, "input");
const output = (schema: z.core.$ZodType): string => printZodType(schema, "output");

describe("printZodType", () => {
	test("scalars, literals and enums", () => {
		expect(output(z.string().max(3))).toBe("string");
		expect(output(z.email())).toBe("string");
		expect(output(z.number().int())).toBe("number");
		expect(output(z.boolean())).toBe("boolean");
		expect(output(z.null())).toBe("null");
		expect(output(z.unknown())).toBe("unknown");
		expect(output(z.never())).toBe("never");
		expect(output(z.literal("totp"))).toBe('"totp"');
		expect(output(z.literal(["a", 1, true]))).toBe('"a" | 1 | true');
		expect(output(z.enum(["asc", "desc"]))).toBe('"asc" | "desc"');
	});

	test("dates stay Date on both sides", () => {
		expect(output(z.date())).toBe("Date");
		expect(input(z.date().nullable())).toBe("Date | null");
	});

	test("optional, nullable and unions flatten without repeats", () => {
		expect(output(z.string().nullable().optional())).toBe("string | null | undefined");
		expect(output(z.union([z.string(), z.array(z.string())]).optional())).toBe("string | string[] | undefined");
		expect(output(z.number().nullable().optional().default(null))).toBe("number | null");
		expect(output(z.unknown().optional())).toBe("unknown");
	});

	test("a default is optional to send and present once parsed", () => {
		const schema = z.object({ method: z.enum(["totp", "otp"]).default("totp") });
		expect(input(schema)).toBe('{\n\tmethod?: "totp" | "otp" | undefined;\n}');
		expect(output(schema)).toBe('{\n\tmethod: "totp" | "otp";\n}');
	});

	test("pipes and transforms: the input side is printed, the output side needs an override", () => {
		const flag = z.enum(["true", "false"]).transform((value) => value === "true");
		expect(input(flag)).toBe('"true" | "false"');
		expect(() => output(flag)).toThrow(UnprintableSchemaError);
		expect(() => input(z.custom<{ a: 1 }>(() => true))).toThrow(/"custom" schema on the input side/);
	});

	test("coerced schemas accept anything on the way in", () => {
		expect(input(z.coerce.string())).toBe("unknown");
		expect(output(z.coerce.number())).toBe("number");
	});

	test("objects: optional keys, loose index, empty shape, nesting and odd keys", () => {
		expect(output(z.object({ a: z.string(), b: z.number().optional() }))).toBe("{\n\ta: string;\n\tb?: number | undefined;\n}");
		expect(input(z.looseObject({ a: z.string() }))).toBe("{\n\ta: string;\n\t[key: string]: unknown;\n}");
		expect(output(z.object({}))).toBe("Record<string, never>");
		expect(output(z.object({ "x-y": z.object({ z: z.boolean() }) }))).toBe('{\n\t"x-y": {\n\t\tz: boolean;\n\t};\n}');
	});

	test("arrays group unions, records keep zod's Record, tuples and intersections", () => {
		expect(output(z.array(z.union([z.string(), z.number()])))).toBe("(string | number)[]");
		expect(output(z.record(z.string(), z.array(z.string())))).toBe("Record<string, string[]>");
		expect(output(z.tuple([z.string(), z.number()]))).toBe("[string, number]");
		expect(output(z.intersection(z.object({ a: z.string() }), z.object({ b: z.string() })))).toBe("{\n\ta: string;\n} & {\n\tb: string;\n}");
	});

	test("named schemas print by name on the output side only; overrides win", () => {
		const user = z.object({ id: z.string() });
		const named = new Map<z.core.$ZodType, string>([[user, "User"]]);
		expect(printZodType(z.object({ user }), "output", { named })).toBe("{\n\tuser: User;\n}");
		expect(printZodType(user, "input", { named })).toBe("{\n\tid: string;\n}");
		const custom = z.custom<Record<string, unknown>>(() => true);
		const overrides = new Map([[custom, () => "Record<string, unknown>"]]);
		expect(printZodType(z.array(custom), "input", { overrides })).toBe("Record<string, unknown>[]");
	});
});

describe("printed-type helpers", () => {
	test("printKey quotes what is not an identifier", () => {
		expect(printKey("callbackURL")).toBe("callbackURL");
		expect(printKey("x-y")).toBe('"x-y"');
	});

	test("isCompound and splitUnion look only at the top level", () => {
		expect(isCompound("{\n\ta: string | null;\n}")).toBe(false);
		expect(isCompound('"a|b"')).toBe(false);
		expect(isCompound("A & B")).toBe(true);
		expect(splitUnion('string | { a: 1 | 2 } | "x|y"')).toEqual(["string", "{ a: 1 | 2 }", '"x|y"']);
		expect(splitUnion("A & B | C")).toEqual(["A & B | C"]);
	});
});
