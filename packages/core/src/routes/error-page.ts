import * as z from "zod";
import { lazyRoute } from "../contract/lazy-route.ts";
import { once } from "../contract/once.ts";

/** A query value as parsed from a URL: one string, or several when the key repeats. */
const queryValue = once(() => z.union([z.string(), z.array(z.string())]).optional());

/**
 * `GET /error` (spec/core.md §9.2): the page OAuth failures land on when no error URL is known.
 * Query `error` (a code, kept only when it matches `[A-Za-z0-9_'-]+`, else `UNKNOWN`) and
 * `error_description`. Answers a 200 HTML page, or a 302 to `onAPIError.errorURL` when set.
 * `auth.api.error()`. Hidden from the OpenAPI document, as Better Auth hides it.
 */
export const errorPage = lazyRoute({
	name: "error",
	method: "GET",
	path: "/error",
	get query() {
		return z.object({ error: queryValue(), error_description: queryValue() });
	},
	get response() {
		return z.string();
	},
	summary: "Error page (HTML)",
});

/** The error-page route, by endpoint name. */
export const errorPageRoutes = { error: errorPage } as const;
