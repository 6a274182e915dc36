import { API_KEY_ERROR_CODES, APIError } from "@latchkey/core";
import type { RouteContract } from "@latchkey/core";
import type { EndpointContext } from "../../endpoint/define-endpoint.ts";
import { resolveSession } from "../../session/get-session.ts";
import type { SessionAndUser } from "../../session/types.ts";
import { isApiKeySession } from "./session-from-key.ts";

type AnyContext = EndpointContext<RouteContract, SessionAndUser | null>;

/**
 * Whether a call counts as a client's: over HTTP, or through `auth.api` with headers
 * (Better Auth's rule). Only other `auth.api` calls may set server-only fields.
 */
export function isClientCall(ctx: AnyContext): boolean {
	return ctx.request !== undefined || !ctx.headers.keys().next().done;
}

/** Refuses server-only fields from a client with 400 SERVER_ONLY_PROPERTY (SECURITY.md rule 5). */
export function refuseServerOnly(ctx: AnyContext, present: boolean): void {
	if (present && isClientCall(ctx)) throw APIError.from("BAD_REQUEST", API_KEY_ERROR_CODES.SERVER_ONLY_PROPERTY);
}

/**
 * The user a create or update acts for: the session's user (read from the database, never
 * the cookie cache: SECURITY.md rule 6) or, for server calls only, `userId`. A client may not
 * name a user, and a session made from an API key may not mint or widen keys (rule 17):
 * both are 401 UNAUTHORIZED_SESSION.
 */
export async function resolveKeyOwner(ctx: AnyContext, userId: string | undefined): Promise<string> {
	const session = await resolveSession(ctx.auth, ctx.headers, ctx.response, { fromDatabase: true });
	const refuse = (): never => {
		throw APIError.from("UNAUTHORIZED", API_KEY_ERROR_CODES.UNAUTHORIZED_SESSION);
	};
	if (session && isApiKeySession(session)) return refuse();
	// An impersonating admin may not leave a key behind that outlives the impersonation (rule 17).
	if (session?.session.impersonatedBy) return refuse();
	if (ctx.request !== undefined && userId !== undefined) return refuse();
	if (session && userId !== undefined && userId !== session.user.id) return refuse();
	if (isClientCall(ctx)) return session?.user.id ?? refuse();
	return session?.user.id ?? userId ?? refuse();
}
