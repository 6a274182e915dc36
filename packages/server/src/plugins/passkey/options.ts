import type { AuthenticatorSelectionCriteria } from "@simplewebauthn/server";

/** Options of the `passkey()` plugin; defaults are Better Auth's (spec/plugins.md §8.2). */
export interface PasskeyOptions {
	/** Relying-party id: a registrable domain. Default: the hostname of `baseURL`, else `"localhost"`. */
	rpID?: string;
	/** Shown by authenticators. Default: `appName`. */
	rpName?: string;
	/** Expected origin(s) of WebAuthn responses. Default: the request's `Origin` header. */
	origin?: string | string[] | null;
	/** Merged over `{ residentKey: "preferred", userVerification: "preferred" }`. */
	authenticatorSelection?: AuthenticatorSelectionCriteria;
	advanced?: {
		/** Challenge cookie name inside the cookie prefix. Default `"better-auth-passkey"`. */
		webAuthnChallengeCookie?: string;
	};
}

/** Challenge lifetime, cookie and row (spec/plugins.md §8.3). */
export const CHALLENGE_SECONDS = 300;
