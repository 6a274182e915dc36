import type { RouteContract } from "./define-route.ts";

/**
 * A route contract built on first use. Plugin contracts are exported by `@latchkey/core`
 * whether or not an app uses the plugin; building their zod schemas at import cost every
 * server and client start milliseconds and megabytes for routes it may never mount. The
 * returned object stands for the contract `build()` returns: every read (`.body`, `in`,
 * `Object.keys`, spreading, `toEqual`) builds it once and answers from it. Same type, same
 * values; only the moment the schemas are made changes.
 *
 * @example
 * export const verifyTOTP = lazyRoute(() => defineRoute({ name: "verifyTOTP", method: "POST", path: "/two-factor/verify-totp", body, response }));
 */
export function lazyRoute<const C extends RouteContract>(build: () => C): C {
	let built: C | undefined;
	const contract = (): C => {
		built ??= build();
		return built;
	};
	// The target only anchors the proxy; every trap answers from the built contract.
	return new Proxy({} as C, {
		get: (_, key) => Reflect.get(contract(), key),
		has: (_, key) => Reflect.has(contract(), key),
		ownKeys: () => Reflect.ownKeys(contract()),
		getOwnPropertyDescriptor: (_, key) => {
			const descriptor = Reflect.getOwnPropertyDescriptor(contract(), key);
			// A proxy may not report a non-configurable property its target lacks.
			return descriptor && { ...descriptor, configurable: true };
		},
		getPrototypeOf: () => Reflect.getPrototypeOf(contract()),
		set: () => false,
		defineProperty: () => false,
		deleteProperty: () => false,
	});
}
