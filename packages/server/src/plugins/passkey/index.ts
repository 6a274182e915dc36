import type { PasskeyOptions } from "./options.ts";

export type { PasskeyOptions } from "./options.ts";

type Implementation = typeof import("./passkey-plugin.ts");

/**
 * Passkeys (WebAuthn) with `@simplewebauthn/server`: register, sign in (discoverable
 * credentials and conditional UI), list, rename, delete (spec/plugins.md §8). Challenges are
 * single-use, expire after five minutes and are bound to the browser that asked for them.
 *
 * The plugin's modules are loaded on the first call (Bun's synchronous `require`), so an app
 * that does not use this plugin does not load them when it imports `@latchkey/server`.
 *
 * @example
 * createLatchkey({ baseURL: "https://app.example.com", plugins: [passkey({ rpName: "Example" })] });
 */
export function passkey(options: PasskeyOptions = {}): ReturnType<Implementation["passkey"]> {
	return (require("./passkey-plugin.ts") as Implementation).passkey(options);
}
