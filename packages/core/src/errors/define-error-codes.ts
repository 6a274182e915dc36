/** One error as sent on the wire: `{ code, message }`. */
export interface ErrorCode<C extends string = string> {
	readonly code: C;
	readonly message: string;
}

/** Error codes keyed by their UPPER_SNAKE code. */
export type ErrorCodes<K extends string> = { readonly [P in K]: ErrorCode<P> };

/**
 * Turns `{ CODE: "Message" }` into `{ CODE: { code: "CODE", message: "Message" } }`.
 *
 * @example
 * const CODES = defineErrorCodes({ USER_NOT_FOUND: "User not found" });
 * CODES.USER_NOT_FOUND.code; // "USER_NOT_FOUND"
 */
export function defineErrorCodes<const K extends string>(
	messages: Record<K, string>,
): ErrorCodes<K> {
	const out = {} as Record<K, ErrorCode>;
	for (const code of Object.keys(messages) as K[]) {
		out[code] = Object.freeze({ code, message: messages[code] });
	}
	// Sound: every key of `messages` was written above with its own code.
	return Object.freeze(out) as ErrorCodes<K>;
}
