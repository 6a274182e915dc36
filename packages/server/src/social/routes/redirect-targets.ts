import { APIError } from "@latchkey/core";
import type { ErrorBody } from "@latchkey/core";
import type { AuthContext } from "../../context/create-context.ts";
import { isSafeRedirect } from "../../middleware/trusted-origins.ts";

/** The public origin: the configured baseURL, else the request's own (never a forwarded header). */
export function originOf(auth: AuthContext, request: Request | undefined): string | null {
	if (auth.baseURL) return auth.baseURL;
	return request ? new URL(request.url).origin : null;
}

/**
 * Checks a redirect target with the shared validator (SECURITY.md rule 3). HTTP requests were
 * already checked by the pipeline; this repeats it for `auth.api` calls, because the target is
 * stored in the OAuth state and followed later.
 */
export async function assertSafeRedirect(auth: AuthContext, request: Request | undefined, target: string | undefined, error: ErrorBody): Promise<void> {
	if (target === undefined || target === "" || auth.disableOriginCheck) return;
	const self = originOf(auth, request);
	const trusted = [...(self ? [self] : []), ...(await auth.trustedOrigins(request))];
	if (!isSafeRedirect(target, trusted)) throw APIError.from("FORBIDDEN", error);
}

/** `base` with `params` appended to its query (a relative base stays relative). */
export function appendQuery(base: string, params: Record<string, string | undefined>): string {
	const hashAt = base.indexOf("#");
	const withoutHash = hashAt === -1 ? base : base.slice(0, hashAt);
	const search = new URLSearchParams();
	for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, value);
	const joined = search.toString();
	if (!joined) return base;
	return `${withoutHash}${withoutHash.includes("?") ? "&" : "?"}${joined}`;
}

/** A 302 to `location` (cookies are added by the pipeline from the response state). */
export function redirectResponse(location: string): Response {
	return new Response(null, { status: 302, statusText: "Found", headers: { location, "content-type": "application/json", "cache-control": "no-store" } });
}
