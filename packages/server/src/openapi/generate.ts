import type { AuthContext } from "../context/create-context.ts";
import type { Endpoint } from "../endpoint/define-endpoint.ts";
import { namedSchemas } from "./json-schema.ts";
import { ERROR_RESPONSES, buildOperation, openAPIPath } from "./operation.ts";
import type { Operation } from "./operation.ts";

/** The OpenAPI 3.1 document Latchkey serves (a plain JSON object). */
export type OpenAPIDocument = {
	openapi: "3.1.1";
	info: { title: string; description: string; version: string };
	servers: { url: string }[];
	tags: { name: string; description: string }[];
	paths: Record<string, Record<string, Operation>>;
	components: {
		schemas: Record<string, Record<string, unknown>>;
		responses: Record<string, unknown>;
		securitySchemes: Record<string, Record<string, string>>;
	};
};

/** Document version; bumped with the wire contract. */
export const OPENAPI_DOCUMENT_VERSION = "1.0.0";

/**
 * Endpoints left out of the document: the HTML page is not an API operation, and Better
 * Auth hides it too (spec/plugins.md §10).
 */
export const HIDDEN_FROM_OPENAPI: ReadonlySet<string> = new Set(["openAPIReference", "error"]);

/** `two-factor` → `Two-factor`: Better Auth's tag for a plugin's operations. */
export function pluginTag(pluginId: string): string {
	return pluginId.charAt(0).toUpperCase() + pluginId.slice(1);
}

/**
 * Builds the OpenAPI 3.1 document of an instance from its route contracts: every endpoint
 * in `endpoints` except server-only and hidden ones. Core operations are tagged `Default`,
 * plugin operations with the plugin's id capitalised (the plugin is found in `auth.plugins`).
 *
 * @example
 * const doc = generateOpenAPI(auth.$context, auth.$endpoints);
 */
export function generateOpenAPI(auth: AuthContext, endpoints: Readonly<Record<string, Endpoint>>): OpenAPIDocument {
	const tagOf = new Map<Endpoint, string>();
	for (const plugin of auth.plugins) {
		for (const endpoint of Object.values(plugin.endpoints ?? {})) tagOf.set(endpoint, pluginTag(plugin.id));
	}

	const paths: OpenAPIDocument["paths"] = {};
	const tags = new Map<string, string>([["Default", "Core routes"]]);
	for (const [name, endpoint] of Object.entries(endpoints)) {
		if (endpoint.serverOnly || HIDDEN_FROM_OPENAPI.has(name)) continue;
		const tag = tagOf.get(endpoint) ?? "Default";
		if (!tags.has(tag)) tags.set(tag, `Routes of the ${tag.toLowerCase()} plugin`);
		const { path, params } = openAPIPath(endpoint.contract.path);
		const item = (paths[path] ??= {});
		item[endpoint.contract.method.toLowerCase()] = buildOperation(endpoint, tag, params);
	}

	const responses: Record<string, unknown> = {};
	for (const { name, description } of Object.values(ERROR_RESPONSES)) {
		responses[name] = { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
	}

	return {
		openapi: "3.1.1",
		info: { title: "Latchkey", description: `API reference for ${auth.appName}`, version: OPENAPI_DOCUMENT_VERSION },
		servers: [{ url: `${auth.baseURL ?? ""}${auth.basePath}` }],
		tags: [...tags].map(([name, description]) => ({ name, description })),
		paths,
		components: {
			schemas: namedSchemas(),
			responses,
			securitySchemes: {
				bearerAuth: { type: "http", scheme: "bearer", description: "The session token (`set-auth-token` header)." },
				cookieAuth: { type: "apiKey", in: "cookie", name: auth.cookies.sessionToken },
			},
		},
	};
}
