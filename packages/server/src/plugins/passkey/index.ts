import type { LatchkeyPlugin } from "../../plugin.ts";
import { authenticationEndpoints } from "./authentication.ts";
import { deletePasskey, listPasskeys, updatePasskey } from "./manage.ts";
import type { PasskeyOptions } from "./options.ts";
import { registrationEndpoints } from "./registration.ts";

export type { PasskeyOptions } from "./options.ts";

/**
 * Passkeys (WebAuthn) with `@simplewebauthn/server`: register, sign in (discoverable
 * credentials and conditional UI), list, rename, delete (spec/plugins.md §8). Challenges are
 * single-use, expire after five minutes and are bound to the browser that asked for them.
 *
 * @example
 * createLatchkey({ baseURL: "https://app.example.com", plugins: [passkey({ rpName: "Example" })] });
 */
export function passkey(options: PasskeyOptions = {}) {
	// A short name: the instance's cookie prefix is added per request.
	const cookieName = options.advanced?.webAuthnChallengeCookie ?? "better-auth-passkey";
	return {
		id: "passkey",
		endpoints: {
			...registrationEndpoints(options, cookieName),
			...authenticationEndpoints(options, cookieName),
			listPasskeys,
			deletePasskey,
			updatePasskey,
		},
	} satisfies LatchkeyPlugin;
}
