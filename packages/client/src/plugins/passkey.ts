import { PASSKEY_ERROR_CODES } from "@latchkey/core/plugins/passkey/error-codes";
import type { PasskeyRouteTypes } from "@latchkey/core/route-types";
import { startAuthentication, startRegistration } from "@simplewebauthn/browser";
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import type { ActionContext, ClientError, ClientPlugin, ClientResult } from "../types.ts";

type Routes = PasskeyRouteTypes;

/** Method and path of the passkey routes (checked against the contracts in passkey.test.ts). */
export const PASSKEY_ROUTE_METHODS = {
	generatePasskeyRegistrationOptions: { name: "generatePasskeyRegistrationOptions", method: "GET", path: "/passkey/generate-register-options" },
	verifyPasskeyRegistration: { name: "verifyPasskeyRegistration", method: "POST", path: "/passkey/verify-registration" },
	generatePasskeyAuthenticationOptions: { name: "generatePasskeyAuthenticationOptions", method: "GET", path: "/passkey/generate-authenticate-options" },
	verifyPasskeyAuthentication: { name: "verifyPasskeyAuthentication", method: "POST", path: "/passkey/verify-authentication" },
	listPasskeys: { name: "listPasskeys", method: "GET", path: "/passkey/list-user-passkeys" },
	deletePasskey: { name: "deletePasskey", method: "POST", path: "/passkey/delete-passkey" },
	updatePasskey: { name: "updatePasskey", method: "POST", path: "/passkey/update-passkey" },
} as const;

/** Options of `client.passkey.addPasskey`. */
export interface AddPasskeyOptions {
	/** A label for the passkey (shown in lists). */
	name?: string;
	authenticatorAttachment?: "platform" | "cross-platform";
	context?: string;
	/** Also start a new session on success. */
	createSession?: boolean;
	/** Let the browser create the passkey without a prompt after a password sign-in (conditional create). */
	useAutoRegister?: boolean;
}

/** Options of `client.signIn.passkey`. */
export interface SignInPasskeyOptions {
	/** Conditional UI: answer from the browser's autofill (`<input autocomplete="username webauthn">`). */
	autoFill?: boolean;
}

/** The actions the passkey plugin adds (a type literal: action trees need an index signature). */
export type PasskeyActions = {
	passkey: {
		/** Registers a passkey for the signed-in user: options → browser ceremony → verification. */
		addPasskey(options?: AddPasskeyOptions): Promise<ClientResult<Routes["verifyPasskeyRegistration"]["response"]>>;
	};
	signIn: {
		/** Signs in with a passkey, usernameless or through autofill. */
		passkey(options?: SignInPasskeyOptions): Promise<ClientResult<Routes["verifyPasskeyAuthentication"]["response"]>>;
	};
};

/** The type of `passkeyClient()`. */
export type PasskeyClientPlugin = ClientPlugin<Routes, typeof PASSKEY_ERROR_CODES, PasskeyActions>;

type Fetched<T> = { data: T; error: null } | { data: null; error: ClientError };

/** A browser-side failure (cancelled prompt, known authenticator…) as a client error. */
function ceremonyError(error: unknown, cancelled: keyof typeof PASSKEY_ERROR_CODES): { data: null; error: ClientError } {
	const code = (error as { code?: unknown; name?: unknown } | null)?.code;
	const name = (error as { name?: unknown } | null)?.name;
	const key: keyof typeof PASSKEY_ERROR_CODES =
		code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED"
			? "PREVIOUSLY_REGISTERED"
			: code === "ERROR_CEREMONY_ABORTED" || name === "NotAllowedError" || name === "AbortError"
				? cancelled
				: "UNKNOWN_ERROR";
	return { data: null, error: { ...PASSKEY_ERROR_CODES[key], status: 400, statusText: "BAD_REQUEST" } };
}

function actions({ $fetch, notifySession }: ActionContext): PasskeyActions {
	return {
		passkey: {
			async addPasskey(options = {}) {
				const { name, authenticatorAttachment, context, createSession, useAutoRegister } = options;
				const generated = (await $fetch("/passkey/generate-register-options", {
					method: "GET",
					query: { ...(authenticatorAttachment ? { authenticatorAttachment } : {}), ...(name ? { name } : {}), ...(context ? { context } : {}) },
				})) as Fetched<PublicKeyCredentialCreationOptionsJSON>;
				if (generated.error) return generated;
				let response: Awaited<ReturnType<typeof startRegistration>>;
				try {
					response = await startRegistration({ optionsJSON: generated.data, useAutoRegister });
				} catch (error) {
					return ceremonyError(error, "REGISTRATION_CANCELLED");
				}
				const verified = (await $fetch("/passkey/verify-registration", { method: "POST", body: { response, name, createSession } })) as Fetched<
					Routes["verifyPasskeyRegistration"]["response"]
				>;
				if (!verified.error && createSession) notifySession();
				return verified;
			},
		},
		signIn: {
			async passkey(options = {}) {
				const generated = (await $fetch("/passkey/generate-authenticate-options", { method: "GET" })) as Fetched<PublicKeyCredentialRequestOptionsJSON>;
				if (generated.error) return generated;
				let response: Awaited<ReturnType<typeof startAuthentication>>;
				try {
					response = await startAuthentication({ optionsJSON: generated.data, useBrowserAutofill: options.autoFill });
				} catch (error) {
					return ceremonyError(error, "AUTH_CANCELLED");
				}
				const verified = (await $fetch("/passkey/verify-authentication", { method: "POST", body: { response } })) as Fetched<
					Routes["verifyPasskeyAuthentication"]["response"]
				>;
				if (!verified.error) notifySession();
				return verified;
			},
		},
	};
}

/**
 * The passkey plugin's client half, on `@simplewebauthn/browser`: `client.passkey.addPasskey()`,
 * `client.signIn.passkey({ autoFill? })`, and the routes `client.passkey.listUserPasskeys()`,
 * `.deletePasskey({ id })`, `.updatePasskey({ id, name })`. Pair with the server's `passkey()`.
 *
 * @example
 * const client = createAuthClient({ plugins: [passkeyClient()] });
 * const { error } = await client.passkey.addPasskey({ name: "Laptop" });
 * await client.signIn.passkey();
 */
export function passkeyClient(): PasskeyClientPlugin {
	return {
		id: "passkey",
		// Sound: the proxy reads nothing but `method` and `path` from a plugin's routes (create-client.ts).
		routes: PASSKEY_ROUTE_METHODS as unknown as Routes,
		atomListeners: [{ signal: "$sessionSignal", matcher: (path) => path === "/passkey/verify-authentication" || path === "/passkey/delete-passkey" }],
		$ERROR_CODES: PASSKEY_ERROR_CODES,
		getActions: actions,
	};
}
