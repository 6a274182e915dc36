import { APIError } from "@latchkey/core";
import type { RouteContract } from "@latchkey/core";
import type { EndpointContext } from "../../endpoint/define-endpoint.ts";
import { resolveSession } from "../../session/get-session.ts";
import type { SessionAndUser } from "../../session/types.ts";

/**
 * Better Auth's admin middleware: the caller's session, read from the store (never the
 * cookie cache, so a demotion or ban counts at once: SECURITY.md rule 6), or 401 with an
 * empty body, as Better Auth answers (spec/plugins.md §6.5).
 */
export async function requireAdminSession(ctx: EndpointContext<RouteContract, unknown>): Promise<SessionAndUser> {
	const session = await optionalAdminSession(ctx);
	if (!session) throw new APIError("UNAUTHORIZED");
	return session;
}

/**
 * For routes that also serve trusted server calls (`create-user`, `has-permission`): the
 * session when there is one; 401 (empty body) when the call came over HTTP or carried
 * headers yet has no session; `null` for a server call without headers.
 */
export async function optionalAdminSession(ctx: EndpointContext<RouteContract, unknown>): Promise<SessionAndUser | null> {
	const session = await resolveSession(ctx.auth, ctx.headers, ctx.response, { fromDatabase: true });
	if (session) return session;
	const hasHeaders = !ctx.headers.entries().next().done;
	if (ctx.request || hasHeaders) throw new APIError("UNAUTHORIZED");
	return null;
}
