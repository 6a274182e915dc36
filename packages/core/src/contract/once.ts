/**
 * A value built on the first call and returned by every call after: for a zod schema shared
 * by several lazy contracts (see `lazyRoute`), so that it is built when the first of
 * them needs it, once, and they all hold the same object.
 *
 * @example
 * const statusResponse = once(() => z.object({ status: z.boolean() }));
 * statusResponse() === statusResponse(); // true
 */
export function once<T>(build: () => T): () => T {
	let built = false;
	let value: T;
	return () => {
		if (!built) {
			value = build();
			built = true;
		}
		// Sound: `built` is true only after `value` was assigned.
		return value as T;
	};
}
