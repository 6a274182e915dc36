import { TWO_FACTOR_ERROR_CODES } from "@latchkey/core/plugins/two-factor/error-codes";
import type { TwoFactorRouteTypes } from "@latchkey/core/route-types";
import type { FetchPlugin } from "../fetch/types.ts";
import type { ClientPlugin } from "../types.ts";

/** The type of `twoFactorClient()`: its routes and error codes drive the client's types. */
export type TwoFactorClientPlugin = ClientPlugin<TwoFactorRouteTypes, typeof TWO_FACTOR_ERROR_CODES>;

/** Method and path of the two-factor routes, all POST (checked against the contracts in two-factor.test.ts). */
export const TWO_FACTOR_ROUTE_METHODS = {
	enableTwoFactor: { name: "enableTwoFactor", method: "POST", path: "/two-factor/enable" },
	disableTwoFactor: { name: "disableTwoFactor", method: "POST", path: "/two-factor/disable" },
	getTOTPURI: { name: "getTOTPURI", method: "POST", path: "/two-factor/get-totp-uri" },
	verifyTOTP: { name: "verifyTOTP", method: "POST", path: "/two-factor/verify-totp" },
	sendTwoFactorOTP: { name: "sendTwoFactorOTP", method: "POST", path: "/two-factor/send-otp" },
	verifyTwoFactorOTP: { name: "verifyTwoFactorOTP", method: "POST", path: "/two-factor/verify-otp" },
	generateBackupCodes: { name: "generateBackupCodes", method: "POST", path: "/two-factor/generate-backup-codes" },
	verifyBackupCode: { name: "verifyBackupCode", method: "POST", path: "/two-factor/verify-backup-code" },
} as const;

/** Options of `twoFactorClient()`. */
export interface TwoFactorClientOptions {
	/** Called when a sign-in needs the second factor, with the methods the user can use. */
	onTwoFactorRedirect?: (context: { twoFactorMethods: ("totp" | "otp")[] }) => void | Promise<void>;
	/** Where to send the browser instead, when `onTwoFactorRedirect` is not given. */
	twoFactorPage?: string;
}

// Navigating to these would run code in the page's origin.
const UNSAFE_SCHEME = /^\s*(javascript|data|vbscript):/i;

function redirectPlugin(options: TwoFactorClientOptions): FetchPlugin {
	return {
		id: "two-factor",
		hooks: {
			async onSuccess(context) {
				const data: unknown = context.data;
				if (typeof data !== "object" || data === null || !("twoFactorRedirect" in data) || !data.twoFactorRedirect) return;
				// Sound: the server sends the method list beside the flag (spec/plugins.md §3.4); anything else becomes [].
				const methods = "twoFactorMethods" in data && Array.isArray(data.twoFactorMethods) ? (data.twoFactorMethods as ("totp" | "otp")[]) : [];
				if (options.onTwoFactorRedirect) return void (await options.onTwoFactorRedirect({ twoFactorMethods: methods }));
				const page = options.twoFactorPage;
				if (page && !UNSAFE_SCHEME.test(page) && typeof window !== "undefined" && window.location) window.location.href = page;
			},
		},
	};
}

/**
 * The two-factor plugin's client half: `client.twoFactor.enable`, `.disable`, `.getTotpUri`,
 * `.verifyTotp`, `.sendOtp`, `.verifyOtp`, `.generateBackupCodes`, `.verifyBackupCode` (all
 * POST); a sign-in answered `{ twoFactorRedirect: true }` calls `onTwoFactorRedirect` (or
 * navigates to `twoFactorPage`); every successful `/two-factor/*` call refetches the session.
 * Pair with the server's `twoFactor()`.
 *
 * @example
 * const client = createAuthClient({ plugins: [twoFactorClient({ onTwoFactorRedirect: () => router.push("/2fa") })] });
 * await client.signIn.email({ email, password }); // → onTwoFactorRedirect({ twoFactorMethods: ["totp"] })
 * await client.twoFactor.verifyTotp({ code: "123456", trustDevice: true });
 */
export function twoFactorClient(options: TwoFactorClientOptions = {}): TwoFactorClientPlugin {
	return {
		id: "two-factor",
		// Sound: the proxy reads nothing but `method` and `path` from a plugin's routes (create-client.ts).
		routes: TWO_FACTOR_ROUTE_METHODS as unknown as TwoFactorRouteTypes,
		atomListeners: [{ signal: "$sessionSignal", matcher: (path) => path.startsWith("/two-factor/") }],
		$ERROR_CODES: TWO_FACTOR_ERROR_CODES,
		fetchPlugins: [redirectPlugin(options)],
	};
}
