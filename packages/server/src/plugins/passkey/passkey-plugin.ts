import type { LatchkeyPlugin } from "../../plugin.ts";
import { authenticationEndpoints } from "./authentication.ts";
import { deletePasskey, listPasskeys, updatePasskey } from "./manage.ts";
import type { PasskeyOptions } from "./options.ts";
import { registrationEndpoints } from "./registration.ts";

/** The `passkey()` plugin object; loaded by `passkey()` in `index.ts` on first call. */
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
