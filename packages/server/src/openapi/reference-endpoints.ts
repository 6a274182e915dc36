import { generateOpenAPISchema as generateRoute, openAPIDocument as documentRoute, openAPIReference as pageRoute } from "@latchkey/core";
import type { AuthContext } from "../context/create-context.ts";
import { defineEndpoint } from "../endpoint/define-endpoint.ts";
import type { Endpoint } from "../endpoint/define-endpoint.ts";
import type { OpenAPIDocument } from "./generate.ts";

/**
 * The reference endpoints of one instance: `GET /reference/openapi.json`,
 * `GET /open-api/generate-schema` (same document) and `GET /reference` (HTML).
 * `getEndpoints` returns the mounted endpoints; it is read on first use, so the document
 * describes every endpoint, these included. The document is built once per instance, and
 * the generator and the page are loaded (`import()`) only when first requested.
 */
export function createReferenceEndpoints(getEndpoints: () => Readonly<Record<string, Endpoint>>) {
	let cached: OpenAPIDocument | undefined;
	const document = async (auth: AuthContext): Promise<OpenAPIDocument> => {
		if (cached) return cached;
		const { generateOpenAPI } = await import("./generate.ts");
		cached ??= generateOpenAPI(auth, getEndpoints());
		return cached;
	};
	return {
		openAPIDocument: defineEndpoint(documentRoute, "none", async ({ auth }) => document(auth)),
		generateOpenAPISchema: defineEndpoint(generateRoute, "none", async ({ auth }) => document(auth)),
		openAPIReference: defineEndpoint(pageRoute, "none", async ({ auth }) => {
			const { referencePage, referencePagePolicy } = await import("./reference-page.ts");
			const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
			return new Response(referencePage(auth.appName, nonce), {
				headers: {
					"content-type": "text/html; charset=utf-8",
					"content-security-policy": referencePagePolicy(nonce),
					"x-content-type-options": "nosniff",
				},
			});
		}),
	};
}

/** The reference endpoints, by name. */
export type ReferenceEndpoints = ReturnType<typeof createReferenceEndpoints>;
