import { USERNAME_ERROR_CODES, usernameRoutes } from "@latchkey/core";
import type { ClientPlugin } from "../types.ts";

/** The type of `usernameClient()`: its routes and error codes drive the client's types. */
export type UsernameClientPlugin = ClientPlugin<typeof usernameRoutes, typeof USERNAME_ERROR_CODES>;

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
		routes: usernameRoutes,
		atomListeners: [{ signal: "$sessionSignal", matcher: (path) => path === "/sign-in/username" }],
		$ERROR_CODES: USERNAME_ERROR_CODES,
	};
}
