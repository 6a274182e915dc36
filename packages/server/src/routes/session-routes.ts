import {
	getSession as getSessionRoute,
	getSessionPost as getSessionPostRoute,
	listSessions as listSessionsRoute,
	revokeOtherSessions as revokeOtherSessionsRoute,
	revokeSession as revokeSessionRoute,
	revokeSessions as revokeSessionsRoute,
	signOut as signOutRoute,
} from "@latchkey/core";
import type { RouteContract } from "@latchkey/core";
import { defineEndpoint } from "../endpoint/define-endpoint.ts";
import type { EndpointContext } from "../endpoint/define-endpoint.ts";
import { resolveSession } from "../session/get-session.ts";
import { toSessionOutput, toUserOutput } from "../session/output.ts";
import { readSessionToken } from "../session/read-token.ts";
import { deleteSessionCookies } from "../session/session-cookies.ts";
import { cmp } from "../storage/storage.ts";

async function currentSession(ctx: EndpointContext<RouteContract, unknown>, query: { disableCookieCache?: boolean; disableRefresh?: boolean } | undefined) {
	// Session answers carry tokens: never cache them (RFC 9111 §5.2.2.5).
	ctx.response.headers.set("cache-control", "no-store");
	ctx.response.headers.set("pragma", "no-cache");
	const data = await resolveSession(ctx.auth, ctx.headers, ctx.response, {
		fromDatabase: query?.disableCookieCache === true,
		disableRefresh: query?.disableRefresh === true,
	});
	return data ? { session: toSessionOutput(ctx.auth, data.session), user: toUserOutput(ctx.auth, data.user) } : null;
}

/** `GET /get-session` (spec/core.md §9.6). */
export const getSession = defineEndpoint(getSessionRoute, "none", (ctx) => currentSession(ctx, ctx.query));

/** `POST /get-session`: seed 000's alternative method, same answer. */
export const getSessionPost = defineEndpoint(getSessionPostRoute, "none", (ctx) => currentSession(ctx, ctx.query));

/** `POST /sign-out`: deletes the session if any and always clears the cookies. */
export const signOut = defineEndpoint(signOutRoute, "none", async (ctx) => {
	const found = readSessionToken(ctx.auth, ctx.headers);
	if (found) await ctx.auth.storage.delete("session", { token: found.token });
	deleteSessionCookies(ctx.auth, ctx.response);
	return { success: true };
});

/** `GET /list-sessions`: the caller's unexpired sessions (fresh session required). */
export const listSessions = defineEndpoint(listSessionsRoute, "fresh", async (ctx) => {
	const rows = await ctx.auth.storage.findMany("session", { userId: ctx.session.user.id, expiresAt: cmp.gt(ctx.auth.now()) });
	// An admin's impersonation session is not the user's own (spec/plugins.md §6.5).
	return rows.filter((row) => !row.impersonatedBy).map((row) => toSessionOutput(ctx.auth, row));
});

/** `POST /revoke-session`: deletes one of the caller's sessions; foreign tokens are ignored. */
export const revokeSession = defineEndpoint(revokeSessionRoute, "sensitive", async (ctx) => {
	await ctx.auth.storage.delete("session", { token: ctx.body.token, userId: ctx.session.user.id });
	if (ctx.body.token === ctx.session.session.token) deleteSessionCookies(ctx.auth, ctx.response);
	return { status: true };
});

/** `POST /revoke-sessions`: deletes all the caller's sessions, this one included. */
export const revokeSessions = defineEndpoint(revokeSessionsRoute, "sensitive", async (ctx) => {
	await ctx.auth.storage.delete("session", { userId: ctx.session.user.id });
	deleteSessionCookies(ctx.auth, ctx.response);
	return { status: true };
});

/** `POST /revoke-other-sessions`: deletes every session of the caller but this one. */
export const revokeOtherSessions = defineEndpoint(revokeOtherSessionsRoute, "sensitive", async (ctx) => {
	await ctx.auth.storage.delete("session", { userId: ctx.session.user.id, token: cmp.ne(ctx.session.session.token) });
	return { status: true };
});
