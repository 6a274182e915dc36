import type { RouteBodyInput, RouteContract, RouteQueryInput, RouteResponse } from "@latchkey/core";
import type { AuthContext } from "../context/create-context.ts";
import type { Endpoint } from "./define-endpoint.ts";
import { errorResponse, jsonResponse } from "./error-response.ts";
import { invoke } from "./invoke.ts";
import { ResponseState } from "./response-state.ts";

/** Server-side calls have no client socket. */
const noIp = (): null => null;

/** Input of an `auth.api.*` call (seed 004). */
export interface ApiCallInput<C extends RouteContract> {
	body?: RouteBodyInput<C>;
	query?: RouteQueryInput<C>;
	params?: Record<string, string>;
	/** Request headers; needed for anything session-related. */
	headers?: HeadersInit;
	/** Return `{ headers, response }` instead of the data. */
	returnHeaders?: boolean;
	/** Return a standard `Response` instead of the data (errors too). */
	asResponse?: boolean;
}

/** An endpoint as a server-side function. Throws `APIError` on failure (unless `asResponse`). */
export interface ApiFunction<C extends RouteContract> {
	(input?: ApiCallInput<C> & { asResponse?: false; returnHeaders?: false }): Promise<RouteResponse<C>>;
	(input: ApiCallInput<C> & { returnHeaders: true; asResponse?: false }): Promise<{ headers: Headers; response: RouteResponse<C> }>;
	(input: ApiCallInput<C> & { asResponse: true }): Promise<Response>;
}

/** `auth.api`: one function per endpoint, by endpoint name. */
export type Api<E extends Record<string, Endpoint>> = { [K in keyof E]: ApiFunction<E[K]["contract"]> };

/**
 * Builds the server-side function for an endpoint. It skips the HTTP-only layers (rate
 * limit, origin checks), which guard the network boundary, and runs the same validation,
 * auth and handler as HTTP.
 */
export function createApiFunction<C extends RouteContract>(auth: AuthContext, endpoint: Endpoint<C>): ApiFunction<C> {
	const call = async (input: ApiCallInput<C> = {}): Promise<unknown> => {
		const state = new ResponseState();
		let result: unknown;
		try {
			result = await invoke(
				auth,
				endpoint as unknown as Endpoint,
				{ headers: new Headers(input.headers), body: input.body, query: input.query, params: input.params ?? {}, request: undefined, ip: noIp },
				state,
			);
		} catch (error) {
			if (input.asResponse) return errorResponse(error, state);
			throw error;
		}
		if (input.asResponse) {
			if (result instanceof Response) {
				state.applyTo(result.headers);
				return result;
			}
			return jsonResponse(result, state);
		}
		if (input.returnHeaders) {
			const headers = new Headers();
			state.applyTo(headers);
			return { headers, response: result };
		}
		return result;
	};
	// Sound: the overloads only narrow the return type by the flags handled above.
	return call as ApiFunction<C>;
}
