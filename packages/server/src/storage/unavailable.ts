/**
 * A dependency (PostgreSQL, Redis) cannot be reached right now. Answered as 503
 * `{ code: "SERVICE_UNAVAILABLE", message }`; the message is generic on the wire and the
 * detail here never holds keys, values or SQL.
 */
export class ServiceUnavailableError extends Error {
	override readonly name = "ServiceUnavailableError";
	readonly code = "SERVICE_UNAVAILABLE";
}

/** postgres-js and Node socket codes that mean "the database is not reachable", not "bad query". */
const CONNECTION_CODES = new Set([
	"CONNECTION_CLOSED",
	"CONNECTION_ENDED",
	"CONNECTION_DESTROYED",
	"CONNECT_TIMEOUT",
	"ECONNREFUSED",
	"ECONNRESET",
	"EPIPE",
	"ETIMEDOUT",
	"EHOSTUNREACH",
	"ENOTFOUND",
	"ERR_REDIS_CONNECTION_CLOSED",
	// PostgreSQL itself: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections.
	"57P01",
	"57P02",
	"57P03",
	"53300",
]);

/**
 * True when `error` (or any error in its `cause` chain, as drizzle wraps driver errors) says a
 * database or cache is unreachable: the request should be answered 503, not 500.
 */
export function isServiceUnavailable(error: unknown, depth = 0): boolean {
	if (typeof error !== "object" || error === null || depth > 5) return false;
	if (error instanceof ServiceUnavailableError) return true;
	const { code, errno, cause } = error as { code?: unknown; errno?: unknown; cause?: unknown };
	if (typeof code === "string" && CONNECTION_CODES.has(code)) return true;
	if (typeof errno === "string" && CONNECTION_CODES.has(errno)) return true;
	return cause !== error && isServiceUnavailable(cause, depth + 1);
}
