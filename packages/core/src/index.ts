export { APIError, isAPIError } from "./errors/api-error.ts";
export type { ErrorBody } from "./errors/api-error.ts";
export { BASE_ERROR_CODES, RATE_LIMIT_MESSAGE } from "./errors/base-codes.ts";
export { defineErrorCodes } from "./errors/define-error-codes.ts";
export type { ErrorCode, ErrorCodes } from "./errors/define-error-codes.ts";
export { HTTP_STATUS, statusName } from "./errors/status.ts";
export type { StatusName } from "./errors/status.ts";
export { defineRoute } from "./contract/define-route.ts";
export type {
	MediaType,
	RouteBody,
	RouteBodyInput,
	RouteContract,
	RouteMethod,
	RouteQuery,
	RouteQueryInput,
	RouteResponse,
} from "./contract/define-route.ts";
export { COOKIE_SUFFIX, DEFAULT_COOKIE_PREFIX, LEGACY_SESSION_TOKEN_SUFFIX, SECURE_COOKIE_PREFIX } from "./cookies.ts";
export { LIMITS, sessionSchema, userSchema } from "./model.ts";
export type { Session, SessionWithUser, User } from "./model.ts";
export * from "./routes/index.ts";
export { USERNAME_ERROR_CODES } from "./plugins/username/error-codes.ts";
export { isUsernameAvailable, signInUsername, usernameRoutes } from "./plugins/username/routes.ts";
export {
	EMAIL_CODELESS_MESSAGES,
	EMAIL_ERROR_CODES,
	RESET_REQUEST_MESSAGE,
	changeEmail,
	emailRoutes,
	forgetPassword,
	requestPasswordReset,
	resetPassword,
	resetPasswordCallback,
	sendVerificationEmail,
	verifyEmail,
} from "./routes/email.ts";
export { generateOpenAPISchema, openAPIDocument, openAPIDocumentSchema, openAPIReference, referenceRoutes } from "./routes/reference.ts";
export { errorPage, errorPageRoutes } from "./routes/error-page.ts";
export { coreRouteMethods } from "./routes/route-methods.ts";
export * from "./access/index.ts";
export * from "./plugins/two-factor/index.ts";
export * from "./plugins/organization/index.ts";
export * from "./plugins/admin/index.ts";
export * from "./plugins/api-key/index.ts";
export * from "./plugins/passkey/index.ts";
export type {
	AdminRouteTypes,
	ApiKeyRouteTypes,
	CoreRouteTypes,
	OrganizationRouteTypes,
	PasskeyRouteTypes,
	TwoFactorRouteTypes,
	UsernameRouteTypes,
} from "./generated/routes.ts";
