import * as z from "zod";
import { lazyRoute } from "../../contract/lazy-route.ts";
import { once } from "../../contract/once.ts";
import { LIMITS, sessionSchema, userSchema } from "../../model.ts";
import { password } from "../../routes/fields.ts";
import { ADMIN_LIMITS, adminUserData, listUsersQuery, permissionMap, roleInput, userId } from "./fields.ts";

const userResponse = once(() => z.object({ user: userSchema }));
const successResponse = once(() => z.object({ success: z.boolean() }));
const sessionAndUser = once(() => z.object({ session: sessionSchema, user: userSchema }));
const unauthorized = "UNAUTHORIZED";

/** A session-required POST route whose body is `{ userId }`. */
function userIdRoute<const N extends string, const P extends string, const R extends z.ZodType, const E extends readonly string[]>(route: {
	name: N;
	path: P;
	/** Built on first use, as the contract's own schemas are. */
	response: () => R;
	errorCodes: E;
	summary: string;
}) {
	const { response, ...meta } = route;
	return lazyRoute({
		...meta,
		method: "POST",
		get body() {
			return z.object({ userId });
		},
		get response() {
			return response();
		},
		requiresSession: true,
		errorCodes: [unauthorized, ...route.errorCodes],
	});
}

// Every route but has-permission, create-user and stop-impersonating needs a session read
// from the store; without one Better Auth answers 401 with an empty body (spec §6.5).

/** `POST /admin/set-role`: `auth.api.setRole({ body, headers })`, `client.admin.setRole({ userId, role })`. */
export const setRole = lazyRoute({
	name: "setRole",
	method: "POST",
	path: "/admin/set-role",
	get body() {
		return z.object({ userId, role: roleInput });
	},
	get response() {
		return userResponse();
	},
	requiresSession: true,
	errorCodes: [unauthorized, "YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE", "YOU_ARE_NOT_ALLOWED_TO_SET_NON_EXISTENT_VALUE", "INVALID_ROLE_TYPE", "USER_NOT_FOUND", "YOU_CANNOT_REMOVE_THE_LAST_ADMIN"],
	summary: "Set the role of a user",
});

/** `GET /admin/get-user?id=`: the bare user. `auth.api.getUser({ query, headers })`, `client.admin.getUser({ query: { id } })`. */
export const getUser = lazyRoute({
	name: "getUser",
	method: "GET",
	path: "/admin/get-user",
	get query() {
		return z.object({ id: userId });
	},
	get response() {
		return userSchema;
	},
	requiresSession: true,
	errorCodes: [unauthorized, "YOU_ARE_NOT_ALLOWED_TO_GET_USER", "USER_NOT_FOUND"],
	summary: "Get an existing user",
});

/**
 * `POST /admin/create-user`: `auth.api.createUser({ body, headers? })` (a server call
 * without headers needs no session), `client.admin.createUser(body)`.
 */
export const createUser = lazyRoute({
	name: "createUser",
	method: "POST",
	path: "/admin/create-user",
	get body() {
		return z.object({
			email: z.string().max(LIMITS.email),
			password: password.optional(),
			name: z.string().max(LIMITS.name),
			role: roleInput.optional(),
			data: adminUserData.optional(),
		});
	},
	get response() {
		return userResponse();
	},
	errorCodes: [
		unauthorized,
		"YOU_ARE_NOT_ALLOWED_TO_CREATE_USERS",
		"YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE",
		"YOU_ARE_NOT_ALLOWED_TO_BAN_USERS",
		"INVALID_EMAIL",
		"USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL",
		"PASSWORD_TOO_SHORT",
		"PASSWORD_TOO_LONG",
		"INVALID_ROLE_TYPE",
		"YOU_ARE_NOT_ALLOWED_TO_SET_NON_EXISTENT_VALUE",
	],
	summary: "Create a new user",
});

/** `POST /admin/update-user`: the bare user. `auth.api.adminUpdateUser({ body, headers })`, `client.admin.updateUser({ userId, data })`. */
export const adminUpdateUser = lazyRoute({
	name: "adminUpdateUser",
	method: "POST",
	path: "/admin/update-user",
	get body() {
		return z.object({ userId, data: adminUserData });
	},
	get response() {
		return userSchema;
	},
	requiresSession: true,
	errorCodes: [
		unauthorized,
		"YOU_ARE_NOT_ALLOWED_TO_UPDATE_USERS",
		"YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE",
		"YOU_ARE_NOT_ALLOWED_TO_BAN_USERS",
		"YOU_ARE_NOT_ALLOWED_TO_SET_USERS_EMAIL",
		"YOU_ARE_NOT_ALLOWED_TO_SET_USERS_PHONE_NUMBER",
		"NO_DATA_TO_UPDATE",
		"PASSWORD_CANNOT_BE_UPDATED_VIA_UPDATE_USER",
		"USER_ID_CANNOT_BE_UPDATED",
		"YOU_CANNOT_BAN_YOURSELF",
		"INVALID_EMAIL",
		"USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL",
		"USER_NOT_FOUND",
		"YOU_CANNOT_REMOVE_THE_LAST_ADMIN",
	],
	summary: "Update a user",
});

/**
 * `GET /admin/list-users`: search, filter, sort and page users; `{ users, total, limit?, offset? }`.
 * `auth.api.listUsers({ query, headers })`, `client.admin.listUsers({ query })`.
 */
export const listUsers = lazyRoute({
	name: "listUsers",
	method: "GET",
	path: "/admin/list-users",
	get query() {
		return listUsersQuery;
	},
	get response() {
		return z.object({ users: z.array(userSchema), total: z.number(), limit: z.number().optional(), offset: z.number().optional() });
	},
	requiresSession: true,
	errorCodes: [unauthorized, "YOU_ARE_NOT_ALLOWED_TO_LIST_USERS", "VALIDATION_ERROR"],
	summary: "List users with search, filter, sort and paging",
});

/** `POST /admin/list-user-sessions`: `auth.api.listUserSessions`, `client.admin.listUserSessions({ userId })`. */
export const listUserSessions = userIdRoute({
	name: "listUserSessions",
	path: "/admin/list-user-sessions",
	response: () => z.object({ sessions: z.array(sessionSchema) }),
	errorCodes: ["YOU_ARE_NOT_ALLOWED_TO_LIST_USERS_SESSIONS"],
	summary: "List a user's sessions",
});

/** `POST /admin/ban-user`: bans and signs the user out everywhere. `auth.api.banUser`, `client.admin.banUser(body)`. */
export const banUser = lazyRoute({
	name: "banUser",
	method: "POST",
	path: "/admin/ban-user",
	get body() {
		return z.object({
			userId,
			banReason: z.string().max(ADMIN_LIMITS.banReason).optional(),
			/** Seconds until the ban lifts itself; default: `defaultBanExpiresIn`, else never. */
			banExpiresIn: z.number().positive().max(ADMIN_LIMITS.banExpiresIn).optional(),
		});
	},
	get response() {
		return userResponse();
	},
	requiresSession: true,
	errorCodes: [unauthorized, "YOU_ARE_NOT_ALLOWED_TO_BAN_USERS", "USER_NOT_FOUND", "YOU_CANNOT_BAN_YOURSELF", "YOU_CANNOT_REMOVE_THE_LAST_ADMIN"],
	summary: "Ban a user",
});

/** `POST /admin/unban-user`: `auth.api.unbanUser`, `client.admin.unbanUser({ userId })`. */
export const unbanUser = userIdRoute({
	name: "unbanUser",
	path: "/admin/unban-user",
	response: userResponse,
	errorCodes: ["YOU_ARE_NOT_ALLOWED_TO_BAN_USERS", "USER_NOT_FOUND"],
	summary: "Unban a user",
});

/** `POST /admin/impersonate-user`: `auth.api.impersonateUser`, `client.admin.impersonateUser({ userId })`. */
export const impersonateUser = userIdRoute({
	name: "impersonateUser",
	path: "/admin/impersonate-user",
	response: sessionAndUser,
	errorCodes: ["YOU_ARE_NOT_ALLOWED_TO_IMPERSONATE_USERS", "USER_NOT_FOUND", "YOU_CANNOT_IMPERSONATE_ADMINS", "BANNED_USER"],
	summary: "Impersonate a user",
});

/** `POST /admin/stop-impersonating`: restores the admin's session. `auth.api.stopImpersonating`, `client.admin.stopImpersonating()`. */
export const stopImpersonating = lazyRoute({
	name: "stopImpersonating",
	method: "POST",
	path: "/admin/stop-impersonating",
	get body() {
		return z.object({}).optional();
	},
	get response() {
		return sessionAndUser();
	},
	requiresSession: true,
	errorCodes: [unauthorized],
	summary: "Stop impersonating a user",
});

/** `POST /admin/revoke-user-session`: `auth.api.revokeUserSession`, `client.admin.revokeUserSession({ sessionToken })`. */
export const revokeUserSession = lazyRoute({
	name: "revokeUserSession",
	method: "POST",
	path: "/admin/revoke-user-session",
	get body() {
		return z.object({ sessionToken: z.string().max(LIMITS.token) });
	},
	get response() {
		return successResponse();
	},
	requiresSession: true,
	errorCodes: [unauthorized, "YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS"],
	summary: "Revoke one session of a user",
});

/** `POST /admin/revoke-user-sessions`: `auth.api.revokeUserSessions`, `client.admin.revokeUserSessions({ userId })`. */
export const revokeUserSessions = userIdRoute({
	name: "revokeUserSessions",
	path: "/admin/revoke-user-sessions",
	response: successResponse,
	errorCodes: ["YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS"],
	summary: "Revoke every session of a user",
});

/** `POST /admin/remove-user`: deletes the user for good. `auth.api.removeUser`, `client.admin.removeUser({ userId })`. */
export const removeUser = userIdRoute({
	name: "removeUser",
	path: "/admin/remove-user",
	response: successResponse,
	errorCodes: ["YOU_ARE_NOT_ALLOWED_TO_DELETE_USERS", "YOU_CANNOT_REMOVE_YOURSELF", "USER_NOT_FOUND", "YOU_CANNOT_REMOVE_THE_LAST_ADMIN"],
	summary: "Permanently delete a user",
});

/** `POST /admin/set-user-password`: `auth.api.setUserPassword`, `client.admin.setUserPassword({ userId, newPassword })`. */
export const setUserPassword = lazyRoute({
	name: "setUserPassword",
	method: "POST",
	path: "/admin/set-user-password",
	get body() {
		return z.object({ newPassword: password.min(1, "newPassword cannot be empty"), userId: userId.min(1, "userId cannot be empty") });
	},
	get response() {
		return z.object({ status: z.boolean() });
	},
	requiresSession: true,
	errorCodes: [unauthorized, "YOU_ARE_NOT_ALLOWED_TO_SET_USERS_PASSWORD", "PASSWORD_TOO_SHORT", "PASSWORD_TOO_LONG", "USER_NOT_FOUND"],
	summary: "Set a user's password",
});

/**
 * `POST /admin/has-permission`: `{ error: null, success }`. Over HTTP the session user is
 * checked; `userId` / `role` only count for server calls without headers.
 * `auth.api.userHasPermission({ body })`, `client.admin.hasPermission({ permissions })`.
 */
export const userHasPermission = lazyRoute({
	name: "userHasPermission",
	method: "POST",
	path: "/admin/has-permission",
	get body() {
		return z.object({
			userId: userId.optional(),
			role: z.string().max(ADMIN_LIMITS.role * ADMIN_LIMITS.roles).optional(),
			permissions: permissionMap.optional(),
			/** Deprecated spelling; Better Auth 1.7 refuses a check that only has it. */
			permission: permissionMap.optional(),
		});
	},
	get response() {
		return z.object({ error: z.null(), success: z.boolean() });
	},
	summary: "Check the caller's admin permissions",
});

/** The admin plugin's routes, by endpoint name. */
export const adminRoutes = {
	setRole,
	getUser,
	createUser,
	adminUpdateUser,
	listUsers,
	listUserSessions,
	banUser,
	unbanUser,
	impersonateUser,
	stopImpersonating,
	revokeUserSession,
	revokeUserSessions,
	removeUser,
	setUserPassword,
	userHasPermission,
} as const;
