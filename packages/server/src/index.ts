export { createLatchkey, betterAuth } from "./latchkey.ts";
export type { AllEndpoints, Latchkey } from "./latchkey.ts";
export type { LatchkeyOptions } from "./context/options.ts";
export type { AuthContext } from "./context/create-context.ts";
export { defineEndpoint } from "./endpoint/define-endpoint.ts";
export type { AuthRequirement, Endpoint, EndpointContext } from "./endpoint/define-endpoint.ts";
export type { ApiCallInput, ApiFunction } from "./endpoint/api.ts";
export type { FetchHandler, RequestInfo } from "./endpoint/http-handler.ts";
export type { AfterSignInHook, BeforeSessionCreateHook, CredentialRevocation, LatchkeyPlugin, RevokeCredentialsHook, SessionFromRequestHook, UserInputHook } from "./plugin.ts";
export { username } from "./plugins/username/index.ts";
export type { UsernameOptions } from "./plugins/username/index.ts";
export { createSqliteStorage } from "./storage/sqlite.ts";
export type { SqliteStorageOptions } from "./storage/sqlite.ts";
export { createPgStorage } from "./storage/pg.ts";
export type { PgStorageOptions } from "./storage/pg.ts";
export { cmp } from "./storage/storage.ts";
export type { Condition, FindManyOptions, NumericField, SessionLookupOptions, Storage, Where } from "./storage/storage.ts";
export { DatabaseRateLimitStorage } from "./storage/database-rate-limit.ts";
export { ServiceUnavailableError } from "./storage/unavailable.ts";
export type {
	AccountRow,
	ApiKeyRow,
	InvitationRow,
	MemberRow,
	OrganizationRoleRow,
	OrganizationRow,
	PasskeyRow,
	Rows,
	SessionRow,
	TeamMemberRow,
	TeamRow,
	TwoFactorRow,
	UserRow,
	VerificationRow,
} from "./storage/rows.ts";
export { MemoryRateLimitStorage } from "./middleware/rate-limit.ts";
export type { RateLimitRule, RateLimitStorage } from "./middleware/rate-limit.ts";
export type { AccountThrottleOptions } from "./middleware/account-throttle/index.ts";
export { hashPassword, verifyPassword } from "./crypto/password.ts";
export type { PasswordHasher } from "./crypto/password.ts";
export { APIError, isAPIError, BASE_ERROR_CODES, USERNAME_ERROR_CODES } from "@latchkey/core";
export { createEmailEndpoints, emailEndpoints } from "./routes/email/index.ts";
export type { ConstantAnswerOptions } from "./routes/email/index.ts";
export { createDevOutbox, escapeHtml } from "./dev/outbox.ts";
export type { DevOutbox, OutboxMessage } from "./dev/outbox.ts";
export * from "./plugins/two-factor/index.ts";
export * from "./plugins/organization/index.ts";
export * from "./plugins/admin/index.ts";
export * from "./plugins/api-key/index.ts";
export { passkey } from "./plugins/passkey/index.ts";
export type { PasskeyOptions } from "./plugins/passkey/index.ts";
export * from "./social/index.ts";
export * from "./secondary-storage/index.ts";
export * from "./serve/index.ts";
