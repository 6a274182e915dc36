import type { AuthContext } from "./context/create-context.ts";
import type { Endpoint } from "./endpoint/define-endpoint.ts";
import type { RateLimitRule } from "./middleware/rate-limit.ts";
import type { UserRow } from "./storage/rows.ts";

/** What a plugin may add to a user on sign-up or update. */
export interface UserInputHook {
	/**
	 * Validates the plugin's own fields from a sign-up or update-user body and returns the
	 * columns to write. Throw an `APIError` to refuse the request.
	 */
	(input: { body: Record<string, unknown>; mode: "create" | "update"; current: UserRow | null; auth: AuthContext }): Promise<Partial<UserRow>>;
}

/**
 * A server plugin: plain data, checked with `satisfies LatchkeyPlugin`.
 *
 * @example
 * export const myPlugin = () => ({ id: "my-plugin", endpoints: { hello } }) satisfies LatchkeyPlugin;
 */
export interface LatchkeyPlugin {
	readonly id: string;
	readonly endpoints?: Readonly<Record<string, Endpoint>>;
	/** User columns this plugin returns in every user object. */
	readonly userFields?: readonly (keyof UserRow)[];
	readonly userInput?: UserInputHook;
	/** Rate-limit rules by path (exact, or ending in `*`). */
	readonly rateLimit?: Readonly<Record<string, RateLimitRule>>;
}
