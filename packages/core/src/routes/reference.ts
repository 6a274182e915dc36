import * as z from "zod";
import { lazyRoute } from "../contract/lazy-route.ts";

/** An OpenAPI 3.1 document: a JSON object, described by the OpenAPI specification itself. */
export const openAPIDocumentSchema = z.record(z.string(), z.unknown());

/**
 * `GET /reference/openapi.json`: the OpenAPI 3.1 document of every HTTP route of the
 * instance (seed 000). `auth.api.openAPIDocument()`.
 */
export const openAPIDocument = lazyRoute({
	name: "openAPIDocument",
	method: "GET",
	path: "/reference/openapi.json",
	get response() {
		return openAPIDocumentSchema;
	},
	summary: "OpenAPI specification",
});

/**
 * `GET /open-api/generate-schema`: the same document at Better Auth's path
 * (spec/plugins.md §10). `auth.api.generateOpenAPISchema()`.
 */
export const generateOpenAPISchema = lazyRoute({
	name: "generateOpenAPISchema",
	method: "GET",
	path: "/open-api/generate-schema",
	get response() {
		return openAPIDocumentSchema;
	},
	summary: "OpenAPI specification (Better Auth path)",
});

/**
 * `GET /reference`: an HTML page rendering the document. Hidden from the document itself,
 * as Better Auth hides it (spec/plugins.md §10).
 */
export const openAPIReference = lazyRoute({
	name: "openAPIReference",
	method: "GET",
	path: "/reference",
	get response() {
		return z.string();
	},
	summary: "API reference page (HTML)",
});

/** The reference routes, by endpoint name. */
export const referenceRoutes = { openAPIDocument, generateOpenAPISchema, openAPIReference } as const;
