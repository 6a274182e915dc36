import { APIError, BASE_ERROR_CODES } from "@latchkey/core";
import type { AuthContext } from "../context/create-context.ts";
import { resolveSession } from "../session/get-session.ts";
import type { SessionAndUser } from "../session/types.ts";
import type { Endpoint, EndpointContext } from "./define-endpoint.ts";
import { refuseCredentialChangeWhileImpersonating } from "./impersonation-guard.ts";
import type { ResponseState } from "./response-state.ts";
import { validatePart } from "./validate.ts";

/** The raw input of one call, over HTTP or through `auth.api`. */
export interface Invocation {
	headers: Headers;
	body: unknown;
	query: unknown;
	params: Record<string, string>;
	request: Request | undefined;
	/** The client IP, looked up on first use (see `RequestInfo.ip`). */
	ip: () => string | null;
}

/**
 * Runs an endpoint: validates body and query, enforces its auth requirement, calls the
 * handler, then adds `set-auth-token` when a session cookie was written (bearer, §9).
 */
export async function invoke(auth: AuthContext, endpoint: Endpoint, input: Invocation, response: ResponseState): Promise<unknown> {
	const { contract } = endpoint;
	const body = validatePart(contract.body, input.body, "body");
	const query = validatePart(contract.query, input.query ?? {}, "query");

	let session: SessionAndUser | null = null;
	if (endpoint.auth !== "none") {
		session = await resolveSession(auth, input.headers, response, { fromDatabase: endpoint.auth !== "session" });
		if (!session) throw APIError.from("UNAUTHORIZED", BASE_ERROR_CODES.UNAUTHORIZED);
		refuseCredentialChangeWhileImpersonating(contract.name, session);
		if (endpoint.auth === "fresh" && auth.session.freshAge > 0) {
			const ageMs = auth.now().getTime() - session.session.createdAt.getTime();
			if (ageMs >= auth.session.freshAge * 1000) throw APIError.from("FORBIDDEN", BASE_ERROR_CODES.SESSION_NOT_FRESH);
		}
	}

	const ctx = {
		body,
		query,
		params: input.params,
		headers: input.headers,
		request: input.request,
		session,
		get ip() {
			return input.ip();
		},
		auth,
		response,
	};
	// Sound: body and query were parsed by the contract's own schemas, and `session` is
	// non-null whenever the endpoint's requirement is not "none" (checked above).
	const result = await endpoint.handler(ctx as unknown as EndpointContext<typeof contract, never>);
	exposeBearerToken(auth, response);
	return result;
}

/** Bearer's after-hook: mirror a freshly set session cookie into `set-auth-token`. */
function exposeBearerToken(auth: AuthContext, response: ResponseState): void {
	if (!auth.bearer.enabled) return;
	const signed = response.cookieValue(auth.cookies.sessionToken);
	if (!signed) return;
	response.headers.set("set-auth-token", signed);
	const exposed = response.headers.get("access-control-expose-headers");
	response.headers.set("access-control-expose-headers", exposed ? `${exposed}, set-auth-token` : "set-auth-token");
}
