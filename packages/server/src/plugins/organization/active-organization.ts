import type { RouteContract } from "@latchkey/core";
import type { EndpointContext } from "../../endpoint/define-endpoint.ts";
import { hasDontRemember } from "../../session/read-token.ts";
import { setCookieCache, setSessionCookies } from "../../session/session-cookies.ts";
import type { SessionAndUser } from "../../session/types.ts";
import type { Storage } from "../../storage/storage.ts";
import { cmp } from "../../storage/storage.ts";

type SessionContext = EndpointContext<RouteContract, SessionAndUser>;

/**
 * Re-issues the caller's cookies after its active organization changed: `"session"`
 * re-issues the session cookie (set-active, as Better Auth does); `"cache"` only the cookie
 * cache, when it is enabled (create, accept, leave, delete: Better Auth sends no cookie
 * there, but a stale cache would keep showing the old organization to `get-session`).
 */
export function syncSessionCookies(ctx: SessionContext, activeOrganizationId: string | null, reissue: "session" | "cache"): SessionAndUser {
	const { auth, session, headers, response } = ctx;
	const data = { session: { ...session.session, activeOrganizationId }, user: session.user };
	const dontRemember = hasDontRemember(auth, headers);
	if (reissue === "session") setSessionCookies(auth, response, data, { dontRemember });
	else setCookieCache(auth, response, data, { dontRemember });
	return data;
}

/** Writes `session.activeOrganizationId` of one session row (inside a transaction, cookies follow after the commit). */
export async function writeActiveOrganization(storage: Storage, sessionId: string, organizationId: string | null): Promise<void> {
	await storage.update("session", { id: sessionId }, { activeOrganizationId: organizationId });
}

/** Writes `session.activeOrganizationId` for the caller's session, then {@link syncSessionCookies}. */
export async function setActiveOrganization(ctx: SessionContext, storage: Storage, organizationId: string | null, reissue: "session" | "cache"): Promise<void> {
	await writeActiveOrganization(storage, ctx.session.session.id, organizationId);
	syncSessionCookies(ctx, organizationId, reissue);
}

/**
 * Clears the organization from every session of `userId` (or of everyone) that has it
 * active, so a removed member's or a deleted organization's id does not linger.
 */
export async function clearActiveOrganization(storage: Storage, organizationId: string, userId?: string): Promise<void> {
	await storage.update(
		"session",
		userId ? { userId, activeOrganizationId: organizationId } : { activeOrganizationId: organizationId, id: cmp.ne("") },
		{ activeOrganizationId: null },
	);
}
