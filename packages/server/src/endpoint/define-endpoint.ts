import type { RouteBody, RouteContract, RouteQuery, RouteResponse } from "@latchkey/core";
import type { AuthContext } from "../context/create-context.ts";
import type { SessionAndUser } from "../session/types.ts";
import type { ResponseState } from "./response-state.ts";

/**
 * Who may call an endpoint:
 * - `none`: anyone;
 * - `session`: a valid session (the cookie cache may answer);
 * - `sensitive`: a valid session re-read from the database (SECURITY.md rule 6);
 * - `fresh`: `sensitive` plus a session younger than `session.freshAge`.
 */
export type AuthRequirement = "none" | "session" | "sensitive" | "fresh";

/** What a handler receives. */
export interface EndpointContext<C extends RouteContract, S = SessionAndUser | null> {
	readonly body: RouteBody<C>;
	readonly query: RouteQuery<C>;
	readonly params: Readonly<Record<string, string>>;
	readonly headers: Headers;
	/** The HTTP request, absent for `auth.api` calls. */
	readonly request: Request | undefined;
	/** The caller's session (always set when the endpoint requires one). */
	readonly session: S;
	/** Client IP as configured (see `advanced.ipAddress`), or `null`. */
	readonly ip: string | null;
	readonly auth: AuthContext;
	/** Response headers and cookies being built. */
	readonly response: ResponseState;
}

/** One endpoint: its contract, its auth requirement and its handler. */
export interface Endpoint<C extends RouteContract = RouteContract> {
	readonly contract: C;
	readonly auth: AuthRequirement;
	/** Excluded from the HTTP router (still on `auth.api`). */
	readonly serverOnly?: boolean;
	handler(ctx: EndpointContext<C, never>): Promise<RouteResponse<C> | Response>;
}

type Handler<C extends RouteContract, A extends AuthRequirement> = (
	ctx: EndpointContext<C, A extends "none" ? SessionAndUser | null : SessionAndUser>,
) => Promise<RouteResponse<C> | Response>;

/**
 * Binds a contract to an auth requirement and a handler. The result is mounted on the HTTP
 * router and exposed as `auth.api[contract.name]`.
 *
 * @example
 * export const ok = defineEndpoint(routes.ok, "none", async () => ({ ok: true }));
 */
export function defineEndpoint<C extends RouteContract, A extends AuthRequirement>(
	contract: C,
	auth: A,
	handler: Handler<C, A>,
	options: { serverOnly?: boolean } = {},
): Endpoint<C> {
	// Sound: the pipeline sets `session` before calling a handler whose requirement is not "none".
	return { contract, auth, handler: handler as Endpoint<C>["handler"], serverOnly: options.serverOnly };
}
