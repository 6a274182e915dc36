import type * as z from "zod";

/** Which side of a schema to print: what a client sends (`input`) or what parsing yields (`output`). */
export type SchemaSide = "input" | "output";

/** Prints a schema that the walker cannot see through (a `z.custom`, a transform's result). */
export type TypeOverride = (side: SchemaSide, print: (schema: z.core.$ZodType) => string) => string;

/** Options of `printZodType`. */
export interface PrintOptions {
	/** Schemas printed as a type name on the output side (e.g. `userSchema` → `User`). */
	named?: ReadonlyMap<z.core.$ZodType, string>;
	/** Schemas whose TypeScript type is given by hand; required for `z.custom` and output-side transforms. */
	overrides?: ReadonlyMap<z.core.$ZodType, TypeOverride>;
}

/** Thrown for a schema kind the printer does not know, so a new kind fails loudly instead of printing `unknown`. */
export class UnprintableSchemaError extends Error {
	override name = "UnprintableSchemaError";
}

/** The zod 4 definition fields the printer reads; zod documents `_zod.def` for library authors ("zod/v4/core"). */
interface Def {
	type: string;
	coerce?: boolean;
	innerType?: z.core.$ZodType;
	in?: z.core.$ZodType;
	out?: z.core.$ZodType;
	element?: z.core.$ZodType;
	options?: readonly z.core.$ZodType[];
	left?: z.core.$ZodType;
	right?: z.core.$ZodType;
	shape?: Readonly<Record<string, z.core.$ZodType>>;
	catchall?: z.core.$ZodType;
	keyType?: z.core.$ZodType;
	valueType?: z.core.$ZodType;
	items?: readonly z.core.$ZodType[];
	rest?: z.core.$ZodType | null;
	values?: readonly unknown[];
	entries?: Readonly<Record<string, string | number>>;
}

function defOf(schema: z.core.$ZodType): Def {
	// Sound: every zod 4 schema carries its definition on `_zod.def`, with `type` naming the kind.
	return schema._zod.def as unknown as Def;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property key as TypeScript writes it: bare when it is an identifier, quoted otherwise. */
export function printKey(key: string): string {
	return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

function printLiteral(value: unknown): string {
	if (value === null) return "null";
	if (value === undefined) return "undefined";
	if (typeof value === "bigint") return `${value}n`;
	if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return JSON.stringify(value);
	throw new UnprintableSchemaError(`cannot print the literal ${String(value)}`);
}

/** Joins union members, flattening nested unions and dropping repeats, as TypeScript would. */
function union(members: readonly string[]): string {
	const flat = [...new Set(members.flatMap(splitUnion))];
	if (flat.includes("any")) return "any";
	if (flat.includes("unknown")) return "unknown";
	return flat.join(" | ");
}

/** Indexes of the `|` and `&` operators of a printed type that sit outside brackets and string literals. */
function topLevelOperators(type: string): { index: number; operator: "|" | "&" }[] {
	const found: { index: number; operator: "|" | "&" }[] = [];
	let depth = 0;
	let quote: string | null = null;
	for (let i = 0; i < type.length; i++) {
		const char = type[i];
		if (quote) {
			if (char === "\\") i++;
			else if (char === quote) quote = null;
		} else if (char === '"' || char === "'") quote = char;
		else if (char === "{" || char === "(" || char === "[" || char === "<") depth++;
		else if (char === "}" || char === ")" || char === "]" || char === ">") depth--;
		else if ((char === "|" || char === "&") && depth === 0) found.push({ index: i, operator: char });
	}
	return found;
}

/** Whether a printed type is a union or intersection at its top level. */
export function isCompound(type: string): boolean {
	return topLevelOperators(type).length > 0;
}

/** The members of a printed top-level union (`a | b` → `["a", "b"]`); anything else is one member. */
export function splitUnion(type: string): string[] {
	const operators = topLevelOperators(type);
	if (operators.length === 0 || operators.some(({ operator }) => operator === "&")) return [type];
	const members: string[] = [];
	let start = 0;
	for (const { index } of operators) {
		members.push(type.slice(start, index).trim());
		start = index + 1;
	}
	members.push(type.slice(start).trim());
	return members;
}

/** Wraps a union or intersection in parentheses where a tighter operator follows (`(a | b)[]`). */
function grouped(type: string): string {
	return isCompound(type) ? `(${type})` : type;
}

function tabs(level: number): string {
	return "\t".repeat(level);
}

/**
 * Prints the TypeScript type of a zod 4 schema: the same type as `z.input<typeof schema>`
 * (side `input`) or `z.output<typeof schema>` (side `output`), written as a plain type with
 * no zod in it. Objects follow zod's rules: a key is optional when its schema is
 * (`optin` / `optout`), an empty object is `Record<string, never>`, a loose object has a
 * `[key: string]: unknown` index. Dates stay `Date`. `generated/routes.types.ts` checks the
 * result against zod's own types for every route.
 *
 * @example
 * printZodType(z.object({ a: z.string().optional() }), "output"); // "{\n\ta?: string | undefined;\n}"
 */
export function printZodType(schema: z.core.$ZodType, side: SchemaSide, options: PrintOptions = {}, indent = 0): string {
	const print = (inner: z.core.$ZodType, level = indent): string => printZodType(inner, side, options, level);
	const override = options.overrides?.get(schema);
	if (override) return override(side, (inner) => print(inner));
	const name = side === "output" ? options.named?.get(schema) : undefined;
	if (name) return name;
	const def = defOf(schema);
	// `z.coerce.string()` and friends accept anything on the way in.
	if (def.coerce && side === "input") return "unknown";
	switch (def.type) {
		case "string":
			return "string";
		case "number":
			return "number";
		case "boolean":
			return "boolean";
		case "bigint":
			return "bigint";
		case "date":
			return "Date";
		case "null":
			return "null";
		case "undefined":
			return "undefined";
		case "unknown":
			return "unknown";
		case "any":
			return "any";
		case "never":
			return "never";
		case "literal":
			return union((def.values ?? []).map(printLiteral));
		case "enum":
			return union(Object.values(def.entries ?? {}).map(printLiteral));
		case "optional":
			return union([print(required(def.innerType)), "undefined"]);
		case "nullable":
			return union([print(required(def.innerType)), "null"]);
		case "default":
		case "prefault":
			// A default makes the input optional and the output defined (zod's `NoUndefined`).
			return side === "input" ? union([print(required(def.innerType)), "undefined"]) : print(definedPart(required(def.innerType)));
		case "pipe":
			return print(required(side === "input" ? def.in : def.out));
		case "array":
			return `${grouped(print(required(def.element)))}[]`;
		case "union":
			return union((def.options ?? []).map((option) => print(option)));
		case "intersection":
			return `${grouped(print(required(def.left)))} & ${grouped(print(required(def.right)))}`;
		case "record":
			return `Record<${print(required(def.keyType))}, ${print(required(def.valueType))}>`;
		case "tuple": {
			const items = (def.items ?? []).map((item) => print(item));
			if (def.rest) items.push(`...${grouped(print(def.rest))}[]`);
			return `[${items.join(", ")}]`;
		}
		case "object":
			return printObject(def, side, options, indent);
		default:
			// `custom` and `transform` carry no type at runtime; anything else is a kind the contracts do not use yet.
			throw new UnprintableSchemaError(`cannot print a "${def.type}" schema on the ${side} side; give it a type override`);
	}
}

function required(schema: z.core.$ZodType | undefined): z.core.$ZodType {
	if (!schema) throw new UnprintableSchemaError("malformed zod definition");
	return schema;
}

/** `x.optional().default(v)` outputs `x`'s type: the default removes the `undefined`. */
function definedPart(schema: z.core.$ZodType): z.core.$ZodType {
	const def = defOf(schema);
	return def.type === "optional" ? required(def.innerType) : schema;
}

function printObject(def: Def, side: SchemaSide, options: PrintOptions, indent: number): string {
	const lines: string[] = [];
	for (const [key, value] of Object.entries(def.shape ?? {})) {
		// zod 4.6 marks a key with a default `optin: "defaulted"`: optional to send, present once parsed.
		const optional = side === "input" ? value._zod.optin === "optional" || value._zod.optin === "defaulted" : value._zod.optout === "optional";
		lines.push(`${printKey(key)}${optional ? "?" : ""}: ${printZodType(value, side, options, indent + 1)};`);
	}
	const catchall = def.catchall ? defOf(def.catchall).type : "never";
	// zod's `$strip` and `$strict` add nothing to the type; a loose object or a catchall adds an index.
	if (catchall !== "never" && def.catchall) lines.push(`[key: string]: ${printZodType(def.catchall, side, options, indent + 1)};`);
	if (lines.length === 0) return "Record<string, never>";
	return `{\n${lines.map((line) => `${tabs(indent + 1)}${line}`).join("\n")}\n${tabs(indent)}}`;
}
