import { callbackOAuthPost as route } from "@latchkey/core";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import { appendQuery, originOf, redirectResponse } from "./redirect-targets.ts";

const FIELDS = ["code", "state", "error", "error_description", "device_id", "user", "iss"] as const;

/**
 * `POST /callback/:id` (spec/core.md §9.29): `form_post` providers (Apple) post here. The
 * body and query are merged (query wins) and the browser is sent to the GET callback, which
 * does the work, so that both paths run the same checks.
 */
export const callbackOAuthPost = defineEndpoint(route, "none", async (ctx) => {
	const merged: Record<string, string | undefined> = {};
	for (const field of FIELDS) merged[field] = ctx.query[field] ?? ctx.body?.[field];
	const base = `${originOf(ctx.auth, ctx.request) ?? ""}${ctx.auth.basePath}/callback/${encodeURIComponent(ctx.params.id ?? "")}`;
	return redirectResponse(appendQuery(base, merged));
});
