import type { RouteContract } from "@latchkey/core";
import type { AuthRequirement, Endpoint } from "../endpoint/define-endpoint.ts";
import { toJsonSchema } from "./json-schema.ts";
import type { JsonSchema } from "./json-schema.ts";

/** One OpenAPI operation object. */
export type Operation = Record<string, unknown>;

/** Error responses published under `components.responses`, by status. */
export const ERROR_RESPONSES: Readonly<Record<string, { name: string; description: string }>> = {
	"400": { name: "BadRequest", description: "Invalid input, or a precondition of the route failed." },
	"401": { name: "Unauthorized", description: "No valid session, or wrong credentials." },
	"403": { name: "Forbidden", description: "Refused: origin check, unverified email or a session that is not fresh." },
	"404": { name: "NotFound", description: "The resource or token does not exist." },
	"422": { name: "UnprocessableEntity", description: "Well-formed input that cannot be processed (e.g. the user already exists)." },
	"429": { name: "TooManyRequests", description: "Rate limited; `X-Retry-After` gives the seconds to wait." },
};

/**
 * Best-effort status of an error code, from Better Auth's naming. The route contract lists
 * codes, not statuses; the operation description lists the codes themselves.
 */
function statusOfCode(code: string): string {
	if (/OR_PASSWORD$|^UNAUTHORIZED$|_SESSION$/.test(code)) return "401";
	if (/NOT_VERIFIED|NOT_FRESH|ORIGIN|BLOCKED|^FORBIDDEN$/.test(code)) return "403";
	if (/NOT_FOUND$/.test(code)) return "404";
	if (/ALREADY_EXISTS|^USERNAME_TOO_|^INVALID_USERNAME$/.test(code)) return "422";
	return "400";
}

/**
 * Whether the operation needs a session over HTTP: the endpoint's auth requirement, or the
 * contract's `requiresSession` for routes that check it themselves (admin routes and API-key
 * creation also serve trusted server calls, so their endpoint says `"none"`).
 */
function needsSession(endpoint: Endpoint): boolean {
	return endpoint.auth !== "none" || endpoint.contract.requiresSession === true;
}

function errorStatuses(contract: RouteContract, auth: AuthRequirement, pathParams: readonly string[], secured: boolean): string[] {
	const statuses = new Set<string>();
	if (contract.body || contract.query || pathParams.length > 0) statuses.add("400");
	if (secured) statuses.add("401");
	if (auth === "fresh") statuses.add("403");
	if (pathParams.length > 0) statuses.add("404");
	for (const code of contract.errorCodes ?? []) statuses.add(statusOfCode(code));
	// The rate limiter covers every path when enabled (SECURITY.md rule 14).
	statuses.add("429");
	return [...statuses].sort();
}

/** `/users/:id` → `{ path: "/users/{id}", params: ["id"] }`. */
export function openAPIPath(path: string): { path: string; params: string[] } {
	const params: string[] = [];
	const converted = path
		.split("/")
		.map((segment) => {
			if (!segment.startsWith(":")) return segment;
			params.push(segment.slice(1));
			return `{${segment.slice(1)}}`;
		})
		.join("/");
	return { path: converted, params };
}

function queryParameters(query: RouteContract["query"]): Operation[] {
	if (!query) return [];
	const schema = toJsonSchema(query, "input");
	const properties = schema.properties;
	if (typeof properties !== "object" || properties === null) return [];
	const required = new Set(Array.isArray(schema.required) ? schema.required : []);
	return Object.entries(properties).map(([name, value]: [string, unknown]) => ({
		name,
		in: "query",
		required: required.has(name),
		schema: value,
	}));
}

function requestBody(contract: RouteContract): Operation | undefined {
	if (!contract.body) return undefined;
	const schema: JsonSchema = toJsonSchema(contract.body, "input");
	const content: Record<string, { schema: JsonSchema }> = { "application/json": { schema } };
	if (contract.mediaTypes?.includes("form")) content["application/x-www-form-urlencoded"] = { schema };
	// A body schema that accepts `undefined` (e.g. `.optional()`) makes the body optional.
	return { required: !contract.body.safeParse(undefined).success, content };
}

function describe(contract: RouteContract): string | undefined {
	const codes = contract.errorCodes ?? [];
	if (codes.length === 0) return undefined;
	return `Error codes: ${codes.map((code) => `\`${code}\``).join(", ")}.`;
}

/** The OpenAPI operation for one endpoint. */
export function buildOperation(endpoint: Endpoint, tag: string, pathParams: readonly string[]): Operation {
	const { contract } = endpoint;
	const parameters = [
		...pathParams.map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })),
		...queryParameters(contract.query),
	];
	const responses: Record<string, unknown> = {
		"200": {
			description: "Success",
			content: { "application/json": { schema: toJsonSchema(contract.response, "output") } },
		},
	};
	const secured = needsSession(endpoint);
	for (const status of errorStatuses(contract, endpoint.auth, pathParams, secured)) {
		const response = ERROR_RESPONSES[status];
		if (response) responses[status] = { $ref: `#/components/responses/${response.name}` };
	}
	const operation: Operation = { operationId: contract.name, tags: [tag] };
	if (contract.summary) operation.summary = contract.summary;
	const description = describe(contract);
	if (description) operation.description = description;
	if (parameters.length > 0) operation.parameters = parameters;
	const body = requestBody(contract);
	if (body) operation.requestBody = body;
	operation.responses = responses;
	// Either credential works: the bearer token or the session cookie.
	if (secured) operation.security = [{ bearerAuth: [] }, { cookieAuth: [] }];
	return operation;
}
