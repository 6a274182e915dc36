import { USERNAME_ERROR_CODES } from "@latchkey/core/plugins/username/error-codes";
import type { UsernameRouteTypes } from "@latchkey/core/route-types";
import type { ClientPlugin } from "../types.ts";

/** The type of `usernameClient()`: its routes and error codes drive the client's types. */
export type UsernameClientPlugin = ClientPlugin<UsernameRouteTypes, typeof USERNAME_ERROR_CODES>;

/** Method and path of the username routes (checked against the contracts in username.test.ts). */
export const USERNAME_ROUTE_METHODS = {
	signInUsername: { name: "signInUsername", method: "POST", path: "/sign-in/username" },
	isUsernameAvailable: { name: "isUsernameAvailable", method: "POST", path: "/is-username-available" },
} as const;

/**
 * The username plugin's client half: adds `client.signIn.username({ username, password })`
 * (`POST /sign-in/username`, refetches the session) and
 * `client.isUsernameAvailable({ username })` (`POST /is-username-available`), and merges
 * `USERNAME_ERROR_CODES` into `client.$ERROR_CODES`. Pair with the server's `username()`.
 *
 * @example
 * const client = createAuthClient({ baseURL: "http://localhost:3000", plugins: [usernameClient()] });
 * await client.signIn.username({ username: "ada", password: "correct horse" });
 */
export function usernameClient(): UsernameClientPlugin {
	return {
		id: "username",
		// Only method and path are read at runtime; the types come from core's generated `UsernameRouteTypes`.
		// Sound: the proxy reads nothing but `method` and `path` from a plugin's routes (create-client.ts).
		routes: USERNAME_ROUTE_METHODS as unknown as UsernameRouteTypes,
		atomListeners: [{ signal: "$sessionSignal", matcher: (path) => path === "/sign-in/username" }],
		$ERROR_CODES: USERNAME_ERROR_CODES,
	};
}
