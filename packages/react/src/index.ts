/** `@latchkey/react`: the Latchkey client with a `useSession()` React hook. */
import { createAuthClient as createCoreClient } from "@latchkey/client";
import type { AuthClient, AuthClientOptions, ClientPlugin, SessionState } from "@latchkey/client";
import { useStore } from "@nanostores/react";

export { usernameClient } from "@latchkey/client";
export type { AuthClientOptions, ClientError, ClientPlugin, ClientResult, SessionState } from "@latchkey/client";

/**
 * A Latchkey client for React: every member and route method of the core client, with
 * `useSession` turned into a hook (the atom itself stays available as `$session`).
 */
export type ReactAuthClient<P extends readonly ClientPlugin[] = []> = Omit<AuthClient<P>, "useSession"> & {
	/**
	 * Subscribes the component to the session store and returns its current value
	 * `{ data, error, isPending, isRefetching, refetch }`; re-renders when it changes.
	 */
	useSession: () => SessionState;
};

/**
 * Creates a Latchkey client whose `useSession()` is a React hook built on `@nanostores/react`.
 * Options are those of `@latchkey/client`'s `createAuthClient`.
 *
 * @example
 * const authClient = createAuthClient({ baseURL: "http://localhost:3000" });
 * function Profile() {
 * 	const { data, isPending } = authClient.useSession();
 * 	return isPending ? "…" : (data?.user.email ?? "signed out");
 * }
 */
export function createAuthClient<const P extends readonly ClientPlugin[] = []>(options: AuthClientOptions<P> = {}): ReactAuthClient<P> {
	const client = createCoreClient<P>(options);
	const useSession = (): SessionState => useStore(client.$session);
	// The core client is a path proxy (unknown properties become HTTP calls), so `useSession` is
	// swapped in by a second proxy rather than by spreading the client into a new object.
	return new Proxy(client, {
		get(target, property, receiver) {
			if (property === "useSession") return useSession;
			return Reflect.get(target, property, receiver);
		},
	}) as unknown as ReactAuthClient<P>; // Sound: same members and methods, with only `useSession` replaced as the type says.
}
