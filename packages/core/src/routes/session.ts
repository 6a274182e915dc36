import * as z from "zod";
import { lazyRoute } from "../contract/lazy-route.ts";
import { once } from "../contract/once.ts";
import { LIMITS, sessionSchema, userSchema } from "../model.ts";
import { callbackURL } from "./fields.ts";

/**
 * Any non-empty value counts as true, even `"false"` (spec/core.md §5.5), because Better
 * Auth coerces these query flags that way.
 */
const queryFlag = once(() =>
	z
		.union([z.string(), z.array(z.string())])
		.optional()
		.transform((v) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== "")));

const getSessionQuery = once(() => z.object({ disableCookieCache: queryFlag(), disableRefresh: queryFlag() }).optional());
const sessionOrNull = once(() => z.object({ session: sessionSchema, user: userSchema }).nullable());

/**
 * `GET /get-session`: the current session and user, or `null`.
 * `auth.api.getSession({ headers })`, `client.getSession()`.
 */
export const getSession = lazyRoute({
	name: "getSession",
	method: "GET",
	path: "/get-session",
	get query() {
		return getSessionQuery();
	},
	get response() {
		return sessionOrNull();
	},
	summary: "Get current session and user",
});

/**
 * `POST /get-session`: the same as `GET`, listed by seed 000. Better Auth 1.7 answers 405
 * without `deferSessionRefresh`; Latchkey serves it (DESIGN.md promise 1).
 */
export const getSessionPost = lazyRoute({
	name: "getSessionPost",
	method: "POST",
	path: "/get-session",
	get query() {
		return getSessionQuery();
	},
	get response() {
		return sessionOrNull();
	},
	summary: "Get current session (alternative method)",
});

/** `POST /sign-out`: revoke the current session and clear its cookies. `client.signOut()`. */
export const signOut = lazyRoute({
	name: "signOut",
	method: "POST",
	path: "/sign-out",
	get body() {
		return z
			.object({ callbackURL: callbackURL.optional(), disableRedirect: z.boolean().optional(), state: z.string().max(LIMITS.token).optional() })
			.optional();
	},
	get response() {
		return z.object({ success: z.boolean(), url: z.string().optional(), redirect: z.boolean().optional() });
	},
	summary: "Revoke current session",
});

/** `GET /list-sessions`: the user's unexpired sessions. `client.listSessions()`. */
export const listSessions = lazyRoute({
	name: "listSessions",
	method: "GET",
	path: "/list-sessions",
	get response() {
		return z.array(sessionSchema);
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED", "SESSION_NOT_FRESH"],
	summary: "List all user sessions",
});

const statusResponse = once(() => z.object({ status: z.boolean() }));

/** `POST /revoke-session`: revoke one of the user's sessions by its token. `client.revokeSession({ token })`. */
export const revokeSession = lazyRoute({
	name: "revokeSession",
	method: "POST",
	path: "/revoke-session",
	get body() {
		return z.object({ token: z.string().min(1).max(LIMITS.token) });
	},
	get response() {
		return statusResponse();
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED"],
	summary: "Revoke a specific session by token",
});

/** `POST /revoke-sessions`: revoke all the user's sessions, this one included. `client.revokeSessions()`. */
export const revokeSessions = lazyRoute({
	name: "revokeSessions",
	method: "POST",
	path: "/revoke-sessions",
	get body() {
		return z.object({}).optional();
	},
	get response() {
		return statusResponse();
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED"],
	summary: "Revoke all user sessions",
});

/** `POST /revoke-other-sessions`: revoke all sessions but this one. `client.revokeOtherSessions()`. */
export const revokeOtherSessions = lazyRoute({
	name: "revokeOtherSessions",
	method: "POST",
	path: "/revoke-other-sessions",
	get body() {
		return z.object({}).optional();
	},
	get response() {
		return statusResponse();
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED"],
	summary: "Revoke all sessions except current",
});
