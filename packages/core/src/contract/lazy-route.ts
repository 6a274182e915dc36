import type { RouteContract } from "./define-route.ts";

/** Keys the router, the client and `auth.api` read before any schema is needed. */
const PLAIN_KEYS = ["name", "method", "path"] as const;

/**
 * A route contract whose schemas are built on first use. `@latchkey/core` exports every
 * contract, core and plugin, whether or not an app mounts the route; building all their zod
 * schemas at import cost every server and client start milliseconds and megabytes.
 *
 * Declare `body`, `query` and `response` as getters; every other key stays a plain value, so
 * `name`, `method` and `path` are readable without building anything. Each getter runs once:
 * its first read replaces it with a plain data property holding the schema, so later reads
 * (the request path reads `contract.body` on every call) are ordinary property reads, and
 * every read returns the same schema object. `Object.keys`, spreading and `toEqual` see the
 * same keys and values as for a contract written with plain values (reading a key builds it).
 *
 * @example
 * export const verifyTOTP = lazyRoute({
 * 	name: "verifyTOTP",
 * 	method: "POST",
 * 	path: "/two-factor/verify-totp",
 * 	get body() {
 * 		return z.object({ code: z.string().max(128) });
 * 	},
 * 	get response() {
 * 		return z.object({ token: z.string() });
 * 	},
 * });
 */
export function lazyRoute<const C extends RouteContract>(contract: C): C {
	for (const key of PLAIN_KEYS) {
		// Misuse, not input: the router reads these at start, so a getter here would build at start.
		if (Object.getOwnPropertyDescriptor(contract, key)?.get) throw new Error(`latchkey: lazyRoute "${contract.name}": ${key} must be a plain value`);
	}
	for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(contract))) {
		const build = descriptor.get;
		if (!build) continue;
		// What an object literal gives a plain property, so the contract then looks as if written with values.
		const settle = (value: unknown): void => {
			Object.defineProperty(contract, key, { value, writable: true, enumerable: descriptor.enumerable, configurable: true });
		};
		Object.defineProperty(contract, key, {
			enumerable: descriptor.enumerable,
			configurable: true,
			get() {
				const value: unknown = build.call(contract);
				settle(value);
				return value;
			},
			set: settle,
		});
	}
	return contract;
}
