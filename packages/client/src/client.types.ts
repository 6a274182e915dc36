/**
 * Type tests: compiled by `tsc -p .` (the `typecheck` script), never run. A failing check
 * is a compile error. Nothing here sends a request: every call sits in an uncalled function.
 */
import { ok } from "@latchkey/core";
import type { coreRoutes, SessionWithUser, User, usernameRoutes } from "@latchkey/core";
import type { ReadableAtom } from "nanostores";
import { createAuthClient } from "./create-client.ts";
import type { CoreClientRoutes } from "./create-client.ts";
import { usernameClient } from "./plugins/username.ts";
import type { DEFAULT_PATH_METHODS } from "./proxy.ts";
import type { SessionState } from "./session-store.ts";
import type { CamelCase, ClientError, ClientResult, PathToObject, RouteBodyOf, RouteMethodFn } from "./types.ts";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

const client = createAuthClient({ baseURL: "http://localhost:3000" });
const withUsername = createAuthClient({ baseURL: "http://localhost:3000", plugins: [usernameClient()] });
/** A hand-written plugin with no error codes: its route is typed, `$ERROR_CODES` stays core's. */
const custom = createAuthClient({ plugins: [{ id: "ping", routes: { ping: { ...ok, name: "ping", path: "/ping/now" } } }] });

type Awaited2<F> = F extends (...args: never[]) => Promise<infer R> ? R : never;
type DataOf<F> = Awaited2<F> extends infer R ? (R extends { data: infer D } ? Exclude<D, null> : never) : never;
type SignInUser = DataOf<typeof client.signIn.email>["user"];

/**
 * Core POST routes a typed call may send with no body keys. The proxy has no core route table
 * at runtime (body keys → POST, none → GET), so each must be in `DEFAULT_PATH_METHODS`, or it
 * would go out as a GET. `/callback/:id` is served by GET and POST and is not a proxy method.
 */
type EmptyBodyPostPaths = {
	[N in keyof CoreClientRoutes]: CoreClientRoutes[N]["method"] extends "POST"
		? {} extends NonNullable<RouteBodyOf<CoreClientRoutes[N]>>
			? CoreClientRoutes[N]["path"]
			: never
		: never;
}[keyof CoreClientRoutes];

export type Checks = [
	Expect<Equal<Exclude<EmptyBodyPostPaths, keyof typeof DEFAULT_PATH_METHODS | "/callback/:id">, never>>,
	Expect<Equal<CamelCase<"revoke-other-sessions">, "revokeOtherSessions">>,
	Expect<Equal<PathToObject<"/sign-in/email", 1>, { signIn: { email: 1 } }>>,
	Expect<Equal<Awaited2<typeof client.getSession>, ClientResult<SessionWithUser | null>>>,
	Expect<Equal<Awaited2<typeof client.signOut>, ClientResult<{ success: boolean; url?: string; redirect?: boolean }>>>,
	Expect<Equal<Awaited2<typeof client.ok>, ClientResult<{ ok: boolean }>>>,
	Expect<Equal<Awaited2<typeof client.revokeSession>, ClientResult<{ status: boolean }>>>,
	Expect<Equal<SignInUser, User>>,
	Expect<Equal<DataOf<typeof client.signUp.email>["token"], string | null>>,
	Expect<Equal<Awaited2<typeof withUsername.isUsernameAvailable>, ClientResult<{ available: boolean }>>>,
	Expect<Equal<DataOf<typeof withUsername.signIn.username>["user"], User>>,
	Expect<Equal<typeof client.$session, ReadableAtom<SessionState>>>,
	Expect<Equal<typeof client.useSession, ReadableAtom<SessionState>>>,
	Expect<Equal<SessionState["data"], SessionWithUser | null>>,
	Expect<Equal<SessionState["error"], ClientError | null>>,
	Expect<Equal<(typeof client.$ERROR_CODES)["INVALID_EMAIL_OR_PASSWORD"]["code"], "INVALID_EMAIL_OR_PASSWORD">>,
	Expect<Equal<(typeof withUsername.$ERROR_CODES)["INVALID_USERNAME_OR_PASSWORD"]["code"], "INVALID_USERNAME_OR_PASSWORD">>,
	Expect<Equal<Awaited2<typeof custom.ping.now>, ClientResult<{ ok: boolean }>>>,
	Expect<Equal<(typeof custom.$ERROR_CODES)["USER_NOT_FOUND"]["code"], "USER_NOT_FOUND">>,
	Expect<Equal<typeof custom.signIn.email, typeof client.signIn.email>>,
	// The generated plain route types give the same methods as the zod contracts would.
	Expect<Equal<typeof client.signIn.email, RouteMethodFn<typeof coreRoutes.signInEmail>>>,
	Expect<Equal<typeof client.getSession, RouteMethodFn<typeof coreRoutes.getSession>>>,
	Expect<Equal<typeof client.updateUser, RouteMethodFn<typeof coreRoutes.updateUser>>>,
	Expect<Equal<typeof client.verifyEmail, RouteMethodFn<typeof coreRoutes.verifyEmail>>>,
	Expect<Equal<typeof client.verifyPassword, RouteMethodFn<typeof coreRoutes.verifyPassword>>>,
	Expect<Equal<DataOf<typeof client.verifyPassword>, { status: boolean }>>,
	Expect<Equal<typeof withUsername.signIn.username, RouteMethodFn<typeof usernameRoutes.signInUsername>>>,
];

export async function callSignatures(): Promise<void> {
	await client.signUp.email({ name: "Ada", email: "ada@example.com", password: "password1234" });
	await client.signUp.email({ name: "Ada", email: "ada@example.com", password: "password1234", username: "ada" }, { headers: { "x-a": "b" } });
	await client.signIn.email({ email: "ada@example.com", password: "password1234", rememberMe: false });
	await client.getSession();
	await client.getSession({ query: { disableCookieCache: true } });
	await client.signOut();
	await client.listSessions();
	await client.revokeSession({ token: "t" });
	await client.revokeSessions();
	await client.revokeOtherSessions();
	await client.ok();
	await withUsername.signIn.username({ username: "ada", password: "password1234" });
	await withUsername.signIn.email({ email: "ada@example.com", password: "password1234" });
	await withUsername.getSession({ fetchOptions: { auth: { type: "Bearer", token: "t" } } });

	// @ts-expect-error signIn.username needs usernameClient()
	await client.signIn.username({ username: "ada", password: "password1234" });
	// @ts-expect-error isUsernameAvailable needs usernameClient()
	await client.isUsernameAvailable({ username: "ada" });
	// @ts-expect-error signIn.email needs a password
	await client.signIn.email({ email: "ada@example.com" });
	// @ts-expect-error the body is required
	await client.signIn.email();
	// @ts-expect-error revokeSession needs a token
	await client.revokeSession({});
	// @ts-expect-error no such route
	await client.signIn.magicLink({ email: "ada@example.com" });
	// @ts-expect-error username codes need usernameClient()
	void client.$ERROR_CODES.USERNAME_IS_ALREADY_TAKEN;
	// @ts-expect-error getSessionPost is not a client method (GET /get-session is `getSession`)
	await client.getSessionPost();

	const result = await client.signIn.email({ email: "ada@example.com", password: "password1234" });
	if (result.error) {
		const status: number = result.error.status;
		const code: string | undefined = result.error.code;
		void [status, code];
	} else {
		// Narrowed: data is present when error is null.
		const email: string = result.data.user.email;
		void email;
	}
}
