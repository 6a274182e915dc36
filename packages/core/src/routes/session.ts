import * as z from "zod";
import { defineRoute } from "../contract/define-route.ts";
import { LIMITS, sessionSchema, userSchema } from "../model.ts";
import { callbackURL } from "./fields.ts";

/**
 * Any non-empty value counts as true, even `"false"` (spec/core.md §5.5), because Better
 * Auth coerces these query flags that way.
 */
const queryFlag = z
	.union([z.string(), z.array(z.string())])
	.optional()
	.transform((v) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== ""));

const getSessionQuery = z.object({ disableCookieCache: queryFlag, disableRefresh: queryFlag }).optional();
const sessionOrNull = z.object({ session: sessionSchema, user: userSchema }).nullable();

/**
 * `GET /get-session`: the current session and user, or `null`.
 * `auth.api.getSession({ headers })`, `client.getSession()`.
 */
export const getSession = defineRoute({
	name: "getSession",
	method: "GET",
	path: "/get-session",
	query: getSessionQuery,
	response: sessionOrNull,
	summary: "Get current session and user",
});

/**
 * `POST /get-session`: the same as `GET`, listed by seed 000. Better Auth 1.7 answers 405
 * without `deferSessionRefresh`; Latchkey serves it (DESIGN.md promise 1).
 */
export const getSessionPost = defineRoute({
	name: "getSessionPost",
	method: "POST",
	path: "/get-session",
	query: getSessionQuery,
	response: sessionOrNull,
	summary: "Get current session (alternative method)",
});

/** `POST /sign-out`: revoke the current session and clear its cookies. `client.signOut()`. */
export const signOut = defineRoute({
	name: "signOut",
	method: "POST",
	path: "/sign-out",
	body: z
		.object({ callbackURL: callbackURL.optional(), disableRedirect: z.boolean().optional(), state: z.string().max(LIMITS.token).optional() })
		.optional(),
	response: z.object({ success: z.boolean(), url: z.string().optional(), redirect: z.boolean().optional() }),
	summary: "Revoke current session",
});

/** `GET /list-sessions`: the user's unexpired sessions. `client.listSessions()`. */
export const listSessions = defineRoute({
	name: "listSessions",
	method: "GET",
	path: "/list-sessions",
	response: z.array(sessionSchema),
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED", "SESSION_NOT_FRESH"],
	summary: "List all user sessions",
});

const statusResponse = z.object({ status: z.boolean() });

/** `POST /revoke-session`: revoke one of the user's sessions by its token. `client.revokeSession({ token })`. */
export const revokeSession = defineRoute({
	name: "revokeSession",
	method: "POST",
	path: "/revoke-session",
	body: z.object({ token: z.string().min(1).max(LIMITS.token) }),
	response: statusResponse,
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED"],
	summary: "Revoke a specific session by token",
});

/** `POST /revoke-sessions`: revoke all the user's sessions, this one included. `client.revokeSessions()`. */
export const revokeSessions = defineRoute({
	name: "revokeSessions",
	method: "POST",
	path: "/revoke-sessions",
	body: z.object({}).optional(),
	response: statusResponse,
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED"],
	summary: "Revoke all user sessions",
});

/** `POST /revoke-other-sessions`: revoke all sessions but this one. `client.revokeOtherSessions()`. */
export const revokeOtherSessions = defineRoute({
	name: "revokeOtherSessions",
	method: "POST",
	path: "/revoke-other-sessions",
	body: z.object({}).optional(),
	response: statusResponse,
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED"],
	summary: "Revoke all sessions except current",
});
