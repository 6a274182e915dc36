/** `@latchkey/svelte`: the Latchkey client with its session store as a Svelte store. */
import { createAuthClient as createCoreClient } from "@latchkey/client";
import type { AuthClient, AuthClientOptions, ClientPlugin, SessionState } from "@latchkey/client";
import type { ReadableAtom } from "nanostores";

export { usernameClient } from "@latchkey/client";
export type { AuthClientOptions, ClientError, ClientPlugin, ClientResult, SessionState } from "@latchkey/client";

/**
 * A Latchkey client for Svelte: every member and route method of the core client, with
 * `useSession` turned into a function that returns the session store.
 */
export type SvelteAuthClient<P extends readonly ClientPlugin[] = []> = Omit<AuthClient<P>, "useSession"> & {
	/**
	 * Returns the session store `{ data, error, isPending, isRefetching, refetch }`. It is a
	 * nanostores atom, which already keeps Svelte's store contract: read it as `$session` in a
	 * component, with `get()` from `svelte/store`, or as `fromStore(session).current` in runes.
	 */
	useSession: () => ReadableAtom<SessionState>;
};

/**
 * Creates a Latchkey client whose `useSession()` returns the session as a Svelte store.
 * Options are those of `@latchkey/client`'s `createAuthClient`.
 *
 * @example
 * // Profile.svelte
 * // <script>
 * // 	const session = authClient.useSession();
 * // </script>
 * // <p>{$session.data?.user.email ?? "signed out"}</p>
 * const authClient = createAuthClient({ baseURL: "http://localhost:3000" });
 */
export function createAuthClient<const P extends readonly ClientPlugin[] = []>(options: AuthClientOptions<P> = {}): SvelteAuthClient<P> {
	const client = createCoreClient<P>(options);
	const useSession = (): ReadableAtom<SessionState> => client.$session;
	// The core client is a path proxy (unknown properties become HTTP calls), so `useSession` is
	// swapped in by a second proxy rather than by spreading the client into a new object.
	return new Proxy(client, {
		get(target, property, receiver) {
			if (property === "useSession") return useSession;
			return Reflect.get(target, property, receiver);
		},
	}) as unknown as SvelteAuthClient<P>; // Sound: same members and methods, with only `useSession` replaced as the type says.
}
