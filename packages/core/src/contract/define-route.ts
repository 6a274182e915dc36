import type * as z from "zod";

/** HTTP methods a route can answer. */
export type RouteMethod = "GET" | "POST";

/** Request media types a route accepts for its body. */
export type MediaType = "json" | "form";

/**
 * The wire contract of one endpoint: everything a client, the server and the OpenAPI
 * document need to agree on. No behaviour.
 */
export interface RouteContract {
	/** Better Auth's endpoint name, e.g. `signInEmail`; also the `auth.api` function name. */
	readonly name: string;
	readonly method: RouteMethod;
	/** Path below the base path, e.g. `/sign-in/email`; `:param` segments allowed. */
	readonly path: string;
	readonly body?: z.ZodType;
	readonly query?: z.ZodType;
	readonly response: z.ZodType;
	/** Codes this route may answer with (documentation and OpenAPI). */
	readonly errorCodes?: readonly string[];
	/** Accepted body media types; default `["json"]`. */
	readonly mediaTypes?: readonly MediaType[];
	/** Whether the route needs a session (`cookie` or `bearer`). */
	readonly requiresSession?: boolean;
	readonly summary?: string;
}

/**
 * Declares a route contract, keeping its literal types for the client and server.
 *
 * @example
 * export const ok = defineRoute({ name: "ok", method: "GET", path: "/ok", response: z.object({ ok: z.boolean() }) });
 */
export function defineRoute<const C extends RouteContract>(contract: C): C {
	return contract;
}

/** The parsed body type of a contract (`undefined` when it has none). */
export type RouteBody<C extends RouteContract> = C["body"] extends z.ZodType ? z.output<C["body"]> : undefined;
/** The parsed query type of a contract (`undefined` when it has none). */
export type RouteQuery<C extends RouteContract> = C["query"] extends z.ZodType ? z.output<C["query"]> : undefined;
/** The response type of a contract. */
export type RouteResponse<C extends RouteContract> = z.output<C["response"]>;
/** The input a client sends for a contract's body. */
export type RouteBodyInput<C extends RouteContract> = C["body"] extends z.ZodType ? z.input<C["body"]> : undefined;
/** The input a client sends for a contract's query. */
export type RouteQueryInput<C extends RouteContract> = C["query"] extends z.ZodType ? z.input<C["query"]> : undefined;
