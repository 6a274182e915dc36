/** `@latchkey/vue`: the Latchkey client with a `useSession()` Vue composable. */
import { createAuthClient as createCoreClient } from "@latchkey/client";
import type { AuthClient, AuthClientOptions, ClientPlugin, SessionState } from "@latchkey/client";
import { useStore } from "@nanostores/vue";
import type { DeepReadonly, ShallowRef, UnwrapNestedRefs } from "vue";

export { usernameClient } from "@latchkey/client";
export type { AuthClientOptions, ClientError, ClientPlugin, ClientResult, SessionState } from "@latchkey/client";

/** What `useSession()` returns: a read-only ref whose `.value` is the session state. */
export type SessionRef = DeepReadonly<UnwrapNestedRefs<ShallowRef<SessionState>>>;

/**
 * A Latchkey client for Vue: every member and route method of the core client, with
 * `useSession` turned into a composable (the atom itself stays available as `$session`).
 */
export type VueAuthClient<P extends readonly ClientPlugin[] = []> = Omit<AuthClient<P>, "useSession"> & {
	/**
	 * Returns a read-only ref of the session store `{ data, error, isPending, isRefetching,
	 * refetch }`. Called in `setup()`, it unsubscribes when the component's scope is disposed.
	 */
	useSession: () => SessionRef;
};

/**
 * Creates a Latchkey client whose `useSession()` is a Vue composable built on `@nanostores/vue`.
 * Options are those of `@latchkey/client`'s `createAuthClient`.
 *
 * @example
 * const authClient = createAuthClient({ baseURL: "http://localhost:3000" });
 * const Profile = defineComponent({
 * 	setup() {
 * 		const session = authClient.useSession();
 * 		return () => h("p", session.value.data?.user.email ?? "signed out");
 * 	},
 * });
 */
export function createAuthClient<const P extends readonly ClientPlugin[] = []>(options: AuthClientOptions<P> = {}): VueAuthClient<P> {
	const client = createCoreClient<P>(options);
	const useSession = (): SessionRef => useStore(client.$session);
	// The core client is a path proxy (unknown properties become HTTP calls), so `useSession` is
	// swapped in by a second proxy rather than by spreading the client into a new object.
	return new Proxy(client, {
		get(target, property, receiver) {
			if (property === "useSession") return useSession;
			return Reflect.get(target, property, receiver);
		},
	}) as unknown as VueAuthClient<P>; // Sound: same members and methods, with only `useSession` replaced as the type says.
}
