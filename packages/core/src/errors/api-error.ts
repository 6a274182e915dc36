import { HTTP_STATUS, statusName } from "./status.ts";
import type { StatusName } from "./status.ts";

/** Symbol brand, so `isAPIError` works across copies of this package. */
const BRAND = Symbol.for("latchkey.api-error");

/** The JSON body of an error response. Some Better Auth errors carry no `code`. */
export interface ErrorBody {
	code?: string;
	message: string;
}

/**
 * The error every endpoint throws. Over HTTP it becomes `status` + JSON `{ code, message }`;
 * from `auth.api.*` it is thrown as is. Mirrors Better Auth's `APIError`
 * (`status` name, numeric `statusCode`, `body`, `headers`).
 *
 * @example
 * throw APIError.from("UNAUTHORIZED", BASE_ERROR_CODES.INVALID_EMAIL_OR_PASSWORD);
 */
export class APIError extends Error {
	readonly [BRAND] = true;
	/** Status name, e.g. `"BAD_REQUEST"`. */
	readonly status: StatusName;
	/** Numeric HTTP status. */
	readonly statusCode: number;
	/** The JSON body, or `undefined` for an empty body. */
	readonly body: ErrorBody | undefined;
	/** Headers to send with the error (e.g. `X-Retry-After`, cookies to clear). */
	readonly headers: Headers;

	constructor(status: StatusName | number, body?: ErrorBody, headers?: HeadersInit) {
		super(body?.message ?? "");
		this.name = "APIError";
		if (typeof status === "number") {
			this.statusCode = status;
			this.status = statusName(status) ?? "INTERNAL_SERVER_ERROR";
		} else {
			this.status = status;
			this.statusCode = HTTP_STATUS[status];
		}
		this.body = body;
		this.headers = new Headers(headers);
	}

	/** Builds an error from a status and an error-code entry (`{ code, message }`). */
	static from(status: StatusName, error: ErrorBody, headers?: HeadersInit): APIError {
		return new APIError(status, { code: error.code, message: error.message }, headers);
	}
}

/** Narrows an unknown thrown value to `APIError` (by brand, not `instanceof`). */
export function isAPIError(value: unknown): value is APIError {
	return typeof value === "object" && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
}
