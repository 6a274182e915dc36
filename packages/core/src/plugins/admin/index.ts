// The admin feature's contracts, error codes and access control (spec/plugins.md §6).
export { ADMIN_ERROR_CODES } from "./error-codes.ts";
export { adminAccessControl, adminDefaultRoles, adminStatements } from "./access.ts";
export type { AdminStatements } from "./access.ts";
export { ADMIN_LIMITS, adminUserData, filterOperators as adminFilterOperators, listUsersQuery } from "./fields.ts";
export {
	adminRoutes,
	adminUpdateUser,
	banUser,
	createUser,
	getUser,
	impersonateUser,
	listUserSessions,
	listUsers,
	removeUser,
	revokeUserSession,
	revokeUserSessions,
	setRole,
	setUserPassword,
	stopImpersonating,
	unbanUser,
	userHasPermission,
} from "./routes.ts";
