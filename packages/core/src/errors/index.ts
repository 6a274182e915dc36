// `@latchkey/core/errors`: error codes and `APIError` without the route contracts (and so without zod).
export { APIError, isAPIError } from "./api-error.ts";
export type { ErrorBody } from "./api-error.ts";
export { BASE_ERROR_CODES, RATE_LIMIT_MESSAGE } from "./base-codes.ts";
export { defineErrorCodes } from "./define-error-codes.ts";
export type { ErrorCode, ErrorCodes } from "./define-error-codes.ts";
export { HTTP_STATUS, statusName } from "./status.ts";
export type { StatusName } from "./status.ts";
