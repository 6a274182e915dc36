/** HTTP statuses used by Latchkey, by the names Better Auth's `APIError` uses. */
export const HTTP_STATUS = {
	OK: 200,
	FOUND: 302,
	BAD_REQUEST: 400,
	UNAUTHORIZED: 401,
	FORBIDDEN: 403,
	NOT_FOUND: 404,
	METHOD_NOT_ALLOWED: 405,
	CONFLICT: 409,
	PAYLOAD_TOO_LARGE: 413,
	UNSUPPORTED_MEDIA_TYPE: 415,
	EXPECTATION_FAILED: 417,
	UNPROCESSABLE_ENTITY: 422,
	TOO_MANY_REQUESTS: 429,
	INTERNAL_SERVER_ERROR: 500,
	SERVICE_UNAVAILABLE: 503,
} as const;

/** A status name such as `"UNAUTHORIZED"`. */
export type StatusName = keyof typeof HTTP_STATUS;

const NAMES = new Map<number, StatusName>(
	Object.entries(HTTP_STATUS).map(([name, code]) => [code, name as StatusName]),
);

/** The status name for a numeric status, or `undefined` when Latchkey never sends it. */
export function statusName(code: number): StatusName | undefined {
	return NAMES.get(code);
}
