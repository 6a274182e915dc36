import { errorPage as errorPageRoute } from "@latchkey/core";
import { defineEndpoint } from "../endpoint/define-endpoint.ts";
import { appendQuery, redirectResponse } from "../social/routes/redirect-targets.ts";
import { ERROR_PAGE_POLICY, errorPageHtml } from "./error-page-html.ts";

/** Error codes are kept only in this shape (Better Auth's rule); anything else reads `UNKNOWN`. */
const SAFE_CODE = /^['A-Za-z0-9_-]+$/;
/** Descriptions come from providers and links; longer ones are cut. */
const MAX_DESCRIPTION = 1000;

function first(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

/**
 * `GET /error` (spec/core.md §9.2): `auth.api.error`. Redirects to `onAPIError.errorURL` with
 * `?error=…&error_description=…` when it is set; in production without it, to `/?error=…`
 * (the app's home, as Better Auth does); otherwise answers a plain HTML page.
 */
export const errorPage = defineEndpoint(errorPageRoute, "none", async ({ auth, query }) => {
	const given = first(query.error);
	const code = given && SAFE_CODE.test(given) ? given : "UNKNOWN";
	const description = first(query.error_description)?.slice(0, MAX_DESCRIPTION) || null;
	const params = { error: code, error_description: description ?? undefined };
	const errorURL = auth.options.onAPIError?.errorURL;
	if (errorURL) return redirectResponse(appendQuery(errorURL, params));
	if (auth.production) return redirectResponse(appendQuery("/", params));
	return new Response(errorPageHtml(auth.appName, code, description), {
		headers: {
			"content-type": "text/html; charset=utf-8",
			"content-security-policy": ERROR_PAGE_POLICY,
			"x-content-type-options": "nosniff",
			"cache-control": "no-store",
		},
	});
});
