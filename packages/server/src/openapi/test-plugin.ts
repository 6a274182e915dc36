import { defineRoute } from "@latchkey/core";
import * as z from "zod";
import { defineEndpoint } from "../endpoint/define-endpoint.ts";
import type { LatchkeyPlugin } from "../plugin.ts";

/** A hostile summary, to prove the reference never renders contract text as HTML. */
export const HOSTILE_SUMMARY = `<script>alert("x")</script> & "quotes"`;

/**
 * A plugin for the OpenAPI tests: a session route with a path parameter, a query and a
 * hostile summary, and a server-only route that must stay out of the document.
 */
export function openAPITestPlugin() {
	const widget = defineRoute({
		name: "getWidget",
		method: "GET",
		path: "/widgets/:id",
		query: z.object({ verbose: z.string().optional(), at: z.iso.datetime() }),
		response: z.object({ id: z.string(), createdAt: z.date(), label: z.string().transform((s) => s.length) }),
		errorCodes: ["WIDGET_NOT_FOUND"],
		summary: HOSTILE_SUMMARY,
	});
	const secret = defineRoute({ name: "internalWidgetSweep", method: "POST", path: "/widgets/sweep", response: z.null() });
	return {
		id: "widget-box",
		endpoints: {
			getWidget: defineEndpoint(widget, "fresh", async ({ params }) => ({ id: params.id ?? "", createdAt: new Date(0), label: 0 })),
			internalWidgetSweep: defineEndpoint(secret, "none", async () => null, { serverOnly: true }),
		},
	} satisfies LatchkeyPlugin;
}
