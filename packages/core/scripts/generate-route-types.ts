/**
 * Writes `src/generated/`: the plain TypeScript types of every route the client calls, one
 * file per route table plus `models.ts` (User, Session) and the index `routes.ts`, printed
 * from the zod contracts so that the client never type-checks a zod schema. Run
 * `bun run generate:types` in packages/core after changing a contract;
 * `src/generated/routes.test.ts` fails while a file is out of date and
 * `src/generated/routes.types.ts` fails to compile when a printed type drifts from zod's.
 */
import type * as z from "zod";
import { sessionSchema, userSchema } from "../src/model.ts";
import { adminRoutes } from "../src/plugins/admin/routes.ts";
import { apiKeyRoutes } from "../src/plugins/api-key/routes.ts";
import { organizationRoutes } from "../src/plugins/organization/routes.ts";
import { passkeyRoutes } from "../src/plugins/passkey/routes.ts";
import { twoFactorRoutes } from "../src/plugins/two-factor/routes.ts";
import { usernameRoutes } from "../src/plugins/username/routes.ts";
import { coreRoutes } from "../src/routes/index.ts";
import { socialRoutes } from "../src/routes/social.ts";
import { updateUser, updateUserFields } from "../src/routes/user.ts";
import type { RouteContract } from "../src/contract/define-route.ts";
import { printKey, printZodType } from "./print-zod-type.ts";
import type { PrintOptions, TypeOverride } from "./print-zod-type.ts";

/** Where the generated files live. */
export const GENERATED_DIR = new URL("../src/generated/", import.meta.url).pathname;

/** The command that regenerates it, for failure messages. */
export const GENERATE_COMMAND = "cd packages/core && bun run generate:types";

/** One generated type: its name, its file, the table it comes from, and the table's export in core. */
export interface RouteTableSource {
	readonly name: string;
	readonly file: string;
	readonly source: string;
	readonly routes: Readonly<Record<string, RouteContract>>;
}

type Table = Readonly<Record<string, RouteContract>>;

/** Splits a table in two by route name, so that no generated file passes 400 lines. */
function split(table: Table, inFirst: (name: string, contract: RouteContract) => boolean): [Table, Table] {
	const entries = Object.entries(table);
	return [Object.fromEntries(entries.filter(([name, c]) => inFirst(name, c))), Object.fromEntries(entries.filter(([name, c]) => !inFirst(name, c)))];
}

const [coreBaseRoutes] = split(coreRoutes, (name) => !(name in socialRoutes));
const [organizationMemberRoutes, organizationOwnRoutes] = split(organizationRoutes, (_, c) => /invitation|member|leave/.test(c.path));

/** Tables printed in parts, and the intersection that puts each back together. */
export const COMPOSED_TABLES: readonly { name: string; source: string; parts: readonly string[] }[] = [
	{ name: "CoreRouteTypes", source: "coreRoutes", parts: ["CoreBaseRouteTypes", "SocialRouteTypes"] },
	{ name: "OrganizationRouteTypes", source: "organizationRoutes", parts: ["OrganizationOwnRouteTypes", "OrganizationMemberRouteTypes"] },
];

/** Every route table the client uses, in output order. Server-only tables are left out. */
export const ROUTE_TABLES: readonly RouteTableSource[] = [
	{ name: "CoreBaseRouteTypes", file: "core-routes.ts", source: "coreRoutes` without `socialRoutes", routes: coreBaseRoutes },
	{ name: "SocialRouteTypes", file: "social-routes.ts", source: "socialRoutes", routes: socialRoutes },
	{ name: "UsernameRouteTypes", file: "username-routes.ts", source: "usernameRoutes", routes: usernameRoutes },
	{ name: "TwoFactorRouteTypes", file: "two-factor-routes.ts", source: "twoFactorRoutes", routes: twoFactorRoutes },
	{ name: "AdminRouteTypes", file: "admin-routes.ts", source: "adminRoutes", routes: adminRoutes },
	{ name: "ApiKeyRouteTypes", file: "api-key-routes.ts", source: "apiKeyRoutes", routes: apiKeyRoutes },
	{ name: "PasskeyRouteTypes", file: "passkey-routes.ts", source: "passkeyRoutes", routes: passkeyRoutes },
	{ name: "OrganizationOwnRouteTypes", file: "organization-routes.ts", source: "organizationRoutes` without members and invitations", routes: organizationOwnRoutes },
	{ name: "OrganizationMemberRouteTypes", file: "organization-member-routes.ts", source: "organizationRoutes`' members and invitations", routes: organizationMemberRoutes },
];

/** The schema inside a `.nullable()` / `.optional()` wrapper. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
	const inner = (schema._zod.def as { innerType?: z.core.$ZodType }).innerType;
	if (!inner) throw new Error("expected a wrapped schema");
	return inner;
}

/** Shared response shapes printed once, as interfaces, and referred to by name. */
const NAMED: ReadonlyMap<z.core.$ZodType, string> = new Map<z.core.$ZodType, string>([
	[userSchema, "User"],
	[sessionSchema, "Session"],
	// `get-session` answers `{ session, user }` or `null`.
	[unwrap(coreRoutes.getSession.response), "SessionWithUser"],
]);

/**
 * Types the walker cannot read from a schema. `update-user` takes `z.custom<UpdateUserBody>`
 * so that a non-object body answers `BODY_MUST_BE_AN_OBJECT` (routes/user.ts); its type is
 * `updateUserFields`' input plus any plugin field.
 */
const OVERRIDES: ReadonlyMap<z.core.$ZodType, TypeOverride> = new Map<z.core.$ZodType, TypeOverride>([
	[updateUser.body, (_side, print) => `${print(updateUserFields)} & Record<string, unknown>`],
]);

const OPTIONS: PrintOptions = { named: NAMED, overrides: OVERRIDES };

function printOptionalPart(schema: z.core.$ZodType | undefined, side: "input" | "output", indent: number): string {
	return schema ? printZodType(schema, side, OPTIONS, indent) : "undefined";
}

function printRoute(contract: RouteContract): string {
	const indent = 2;
	const lines = [
		`method: ${JSON.stringify(contract.method)};`,
		`path: ${JSON.stringify(contract.path)};`,
		`body: ${printOptionalPart(contract.body, "input", indent)};`,
		`query: ${printOptionalPart(contract.query, "input", indent)};`,
		`response: ${printZodType(contract.response, "output", OPTIONS, indent)};`,
	];
	return `{\n${lines.map((line) => `\t\t${line}`).join("\n")}\n\t}`;
}

function printTable(table: RouteTableSource): string {
	const entries = Object.entries(table.routes).map(([key, contract]) => `\t/** \`${contract.method} ${contract.path}\` */\n\t${printKey(key)}: ${printRoute(contract)};`);
	// A type alias, not an interface: only aliases are assignable to the client's `Record<string, …>` route tables.
	return `/** Plain types of \`${table.source}\`: method, path, body and query as sent, response as parsed. */\nexport type ${table.name} = {\n${entries.join("\n")}\n};\n`;
}

const BANNER = `// Generated by \`bun run generate:types\` (packages/core/scripts/generate-route-types.ts) from the
// zod route contracts. Do not edit: src/generated/routes.test.ts fails when this file is stale,
// and src/generated/routes.types.ts checks every type against z.input / z.output.
`;

const MODELS = `${BANNER}
/** A user as returned on the wire (\`userSchema\`). */
export interface User ${printZodType(userSchema, "output", { overrides: OVERRIDES })}

/** A session as returned on the wire (\`sessionSchema\`). */
export interface Session ${printZodType(sessionSchema, "output", { overrides: OVERRIDES })}

/** \`get-session\`'s body when signed in. */
export interface SessionWithUser {
	session: Session;
	user: User;
}
`;

/** The names of `models.ts` a table's text refers to, for its import line. */
function modelImports(text: string): string {
	const used = ["Session", "SessionWithUser", "User"].filter((name) => new RegExp(`\\b${name}\\b`).test(text));
	return used.length ? `import type { ${used.join(", ")} } from "./models.ts";\n\n` : "";
}

function tableFile(table: RouteTableSource): string {
	const body = printTable(table);
	return `${BANNER}\n${modelImports(body)}${body}`;
}

function indexFile(): string {
	const fileOf = new Map(ROUTE_TABLES.map((table) => [table.name, table.file]));
	const partNames = new Set(COMPOSED_TABLES.flatMap((table) => table.parts));
	const exports = ROUTE_TABLES.filter((table) => !partNames.has(table.name)).map((table) => `export type { ${table.name} } from "./${table.file}";`);
	const imports = [...partNames].map((name) => `import type { ${name} } from "./${fileOf.get(name)}";`);
	const composed = COMPOSED_TABLES.map((table) => `/** Plain types of \`${table.source}\`. */\nexport type ${table.name} = ${table.parts.join(" & ")};`);
	return `${BANNER}
${imports.join("\n")}

export type { Session, SessionWithUser, User } from "./models.ts";
${exports.join("\n")}

${composed.join("\n\n")}
`;
}

/** Every generated file, by name, for the contracts as they are now. */
export function generateRouteTypes(): ReadonlyMap<string, string> {
	return new Map([["models.ts", MODELS], ...ROUTE_TABLES.map((table) => [table.file, tableFile(table)] as const), ["routes.ts", indexFile()]]);
}

if (import.meta.main) {
	for (const [file, text] of generateRouteTypes()) await Bun.write(`${GENERATED_DIR}${file}`, text);
	console.log(`wrote ${GENERATED_DIR}`);
}
