export { authorizeRoles, createAccessControl, role } from "./access-control.ts";
export type { AccessControl, AuthorizeResult, PermissionRequest, Role, RoleStatements, Statements } from "./access-control.ts";
