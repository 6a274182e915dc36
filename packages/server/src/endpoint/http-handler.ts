import { APIError, RATE_LIMIT_MESSAGE } from "@latchkey/core";
import type { AuthContext } from "../context/create-context.ts";
import { clientIp } from "../middleware/client-ip.ts";
import { checkLoginCsrf, checkOrigin, checkRedirectTargets } from "../middleware/origin-check.ts";
import { ruleFor } from "../middleware/rate-limit.ts";
import { errorResponse, jsonResponse, reasonPhrase } from "./error-response.ts";
import { invoke } from "./invoke.ts";
import { parseQuery, readBody } from "./read-body.ts";
import { ResponseState } from "./response-state.ts";
import { splitRequestUrl } from "./split-request-url.ts";
import type { Router } from "./router.ts";

/** Extra facts about a request that only the host server knows. */
export interface RequestInfo {
	/**
	 * The socket's remote address, or a function that returns it. A function is called only
	 * when the address is needed (a rate-limit rule applies, or a session is created), so a
	 * `get-session` or `/ok` does not pay for the lookup:
	 * `auth.handler(req, { ip: () => server.requestIP(req)?.address })`.
	 */
	ip?: string | null | (() => string | null | undefined);
}

/** `(request, info?) => Response`: the whole HTTP surface, mountable on any fetch-style server. */
export type FetchHandler = (request: Request, info?: RequestInfo) => Promise<Response>;

const LOGIN_PATHS = new Set(["/sign-in/email", "/sign-up/email"]);
const notFound = (): Response => new Response(null, { status: 404, statusText: reasonPhrase(404) });

/**
 * The HTTP pipeline, in Better Auth's order (spec/core.md §1.1): path → rate limit → route
 * → body → origin / CSRF / redirect checks → validation → auth → handler → bearer header.
 */
export function createHttpHandler(auth: AuthContext, router: Router): FetchHandler {
	const prefix = `${auth.basePath}/`;
	return async (request, info) => {
		const { pathname, search } = splitRequestUrl(request.url);
		if (!pathname.startsWith(prefix) || pathname.includes("//")) return notFound();
		const path = pathname.slice(auth.basePath.length);

		let state: ResponseState | null = null;
		try {
			// Inside the try: header values are client input, and nothing here may reject the handler.
			let ip: string | null | undefined;
			const ipOf = (): string | null => {
				if (ip === undefined) {
					const socket = typeof info?.ip === "function" ? info.ip() : info?.ip;
					ip = clientIp(request.headers, socket ?? null, auth.ipHeaders);
				}
				return ip;
			};
			if (auth.rateLimit.enabled) {
				const rule = ruleFor(path, auth.rateLimit.rules, auth.rateLimit.fallback);
				if (rule) {
					const decision = await auth.rateLimit.storage.consume(`${ipOf() ?? "unknown"}|${path}`, rule, auth.now().getTime());
					if (!decision.allowed) {
						throw new APIError("TOO_MANY_REQUESTS", { message: RATE_LIMIT_MESSAGE }, { "x-retry-after": String(decision.retryAfter) });
					}
				}
			}

			const match = router.match(request.method, path);
			if (!match || match.endpoint.serverOnly) return notFound();
			const { endpoint } = match;
			const { headers } = request;

			const body = request.method === "GET" || request.method === "HEAD" ? undefined : await readBody(request, endpoint.contract.mediaTypes ?? ["json"], auth.maxBodySize);
			const query = search === "" ? {} : parseQuery(new URLSearchParams(search));

			// A GET with neither query nor body has no origin to check and no redirect target.
			const nothingToCheck = request.method === "GET" && body === undefined && search === "";
			if (!nothingToCheck && (!auth.disableOriginCheck || !auth.disableCSRFCheck)) {
				const selfOrigin = auth.baseURL ?? new URL(request.url).origin;
				const trusted = await auth.trustedOrigins(request);
				if (request.method !== "GET" && !auth.disableCSRFCheck) {
					// Keyed on the Cookie header: a bearer-only request carries no ambient credential.
					if (headers.has("cookie")) checkOrigin(headers, selfOrigin, trusted);
					else if (LOGIN_PATHS.has(endpoint.contract.path)) checkLoginCsrf(headers, selfOrigin, trusted);
				}
				if (!auth.disableOriginCheck) checkRedirectTargets([body, query], selfOrigin, trusted);
			}

			state = new ResponseState();
			const result = await invoke(auth, endpoint, { headers, body, query, params: match.params, request, ip: ipOf }, state);
			if (result instanceof Response) {
				state.applyTo(result.headers);
				return result;
			}
			return jsonResponse(result, state);
		} catch (error) {
			// `state` carries what was set before the failure (e.g. cookies cleared for a dead session).
			return errorResponse(error, state);
		}
	};
}
