// Baseline for `src/type-budget.test.ts`: what the light `@latchkey/core` entries the client
// imports cost alone (generated route types, error codes, route methods, organization access).
export type { CoreRouteTypes, OrganizationRouteTypes, SessionWithUser } from "@latchkey/core/route-types";
export type { PermissionRequest } from "@latchkey/core/access";
export type { OrganizationRoles } from "@latchkey/core/plugins/organization/access";
import "@latchkey/core/errors";
import "@latchkey/core/route-methods";
import "@latchkey/core/plugins/admin/error-codes";
import "@latchkey/core/plugins/api-key/error-codes";
import "@latchkey/core/plugins/organization/error-codes";
import "@latchkey/core/plugins/passkey/error-codes";
import "@latchkey/core/plugins/two-factor/error-codes";
import "@latchkey/core/plugins/username/error-codes";
