import type { RouteContract } from "@latchkey/core";
import type { AuthContext } from "./context/create-context.ts";
import type { Endpoint, EndpointContext } from "./endpoint/define-endpoint.ts";
import type { ResponseState } from "./endpoint/response-state.ts";
import type { RateLimitRule } from "./middleware/rate-limit.ts";
import type { SessionAndUser } from "./session/types.ts";
import type { SessionRow, UserRow } from "./storage/rows.ts";
import type { Storage } from "./storage/storage.ts";

/** What a plugin may add to a user on sign-up or update. */
export interface UserInputHook {
	/**
	 * Validates the plugin's own fields from a sign-up or update-user body and returns the
	 * columns to write. Throw an `APIError` to refuse the request.
	 */
	(input: { body: Record<string, unknown>; mode: "create" | "update"; current: UserRow | null; auth: AuthContext }): Promise<Partial<UserRow>>;
}

/**
 * Runs before every session is created: sign-up, password and username sign-in, email
 * verification, password change, two-factor verification, impersonation. Throw an
 * `APIError` to refuse (a banned user); return columns to set on the new session.
 * `storage` is the transaction the session is written in, when there is one.
 */
export type BeforeSessionCreateHook = (input: { user: UserRow; auth: AuthContext; storage: Storage }) => Promise<Partial<SessionRow> | undefined>;

/**
 * Runs after a password sign-in (`/sign-in/email`, `/sign-in/username`) has created its
 * session and set its cookies. Returning a `Response` replaces the sign-in's answer (the
 * response state, cookies included, still applies): two-factor uses it to swap the session
 * for a pending challenge.
 */
export type AfterSignInHook = (
	ctx: EndpointContext<RouteContract, unknown>,
	signIn: { user: UserRow; session: SessionRow; dontRemember: boolean },
) => Promise<Response | undefined>;

/**
 * Finds the session of a request that carries no session token (cookie or bearer), e.g. from
 * an `x-api-key` header. Return `null` to leave the request unauthenticated; throw an
 * `APIError` to refuse it.
 */
export type SessionFromRequestHook = (input: { auth: AuthContext; headers: Headers; response: ResponseState }) => Promise<SessionAndUser | null>;

/** Why every credential of a user is being cut off (SECURITY.md rule 16). */
export type CredentialRevocation = "password-reset" | "password-set" | "ban" | "delete";

/**
 * Runs when a password reset, an admin setting a password, a ban or a deletion must reach
 * every credential of a user: the plugin ends what it issued (trusted devices, API keys acting
 * as sessions, impersonation sessions). `storage` is the transaction of the change itself, so
 * the revocation lands with it or not at all.
 */
export type RevokeCredentialsHook = (input: { userId: string; reason: CredentialRevocation; auth: AuthContext; storage: Storage }) => Promise<void>;

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
	/** Session columns this plugin returns in every session object. */
	readonly sessionFields?: readonly (keyof SessionRow)[];
	readonly beforeSessionCreate?: BeforeSessionCreateHook;
	readonly afterSignIn?: AfterSignInHook;
	readonly sessionFromRequest?: SessionFromRequestHook;
	readonly revokeCredentials?: RevokeCredentialsHook;
	/** Rate-limit rules by path (exact, or ending in `*`). */
	readonly rateLimit?: Readonly<Record<string, RateLimitRule>>;
}
