import * as z from "zod";
import { lazyRoute } from "../../contract/lazy-route.ts";
import { once } from "../../contract/once.ts";
import { sessionSchema, userSchema } from "../../model.ts";

/** A base64url field of a WebAuthn response, bounded (SECURITY.md rule 17). */
const b64url = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+={0,2}$/, "Invalid base64url");
const credentialId = once(() => b64url(1024));

/** `RegistrationResponseJSON` as `@simplewebauthn/browser` sends it; unknown keys pass through. */
const registrationResponse = once(() =>
	z.looseObject({
		id: credentialId(),
		rawId: credentialId(),
		type: z.literal("public-key"),
		response: z.looseObject({
			clientDataJSON: b64url(4096),
			attestationObject: b64url(32_768),
			transports: z.array(z.string().max(32)).max(16).optional(),
		}),
		authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
		clientExtensionResults: z.record(z.string(), z.unknown()).optional(),
	}));

/** `AuthenticationResponseJSON` as `@simplewebauthn/browser` sends it. */
const authenticationResponse = once(() =>
	z.looseObject({
		id: credentialId(),
		rawId: credentialId(),
		type: z.literal("public-key"),
		response: z.looseObject({
			clientDataJSON: b64url(4096),
			authenticatorData: b64url(4096),
			// Post-quantum signatures are large: ML-DSA-44 is 2,420 bytes.
			signature: b64url(8192),
			userHandle: b64url(1024).optional(),
		}),
		authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
		clientExtensionResults: z.record(z.string(), z.unknown()).optional(),
	}));

/** A passkey row as returned (all columns, spec/plugins.md §8.1). */
export const passkeySchema = z.object({
	id: z.string(),
	name: z.string().nullable().optional(),
	publicKey: z.string(),
	userId: z.string(),
	credentialID: z.string(),
	counter: z.number(),
	deviceType: z.string(),
	backedUp: z.boolean(),
	transports: z.string().nullable().optional(),
	createdAt: z.date().nullable(),
	aaguid: z.string().nullable().optional(),
});

/** `GET /passkey/generate-register-options`: WebAuthn creation options (fresh session). */
export const generatePasskeyRegistrationOptions = lazyRoute({
	name: "generatePasskeyRegistrationOptions",
	method: "GET",
	path: "/passkey/generate-register-options",
	get query() {
		return z
			.object({
				authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
				name: z.string().max(256).optional(),
				context: z.string().max(1024).optional(),
			})
			.optional();
	},
	get response() {
		return z.looseObject({ challenge: z.string(), rp: z.object({ name: z.string(), id: z.string().optional() }) });
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED", "SESSION_NOT_FRESH"],
	summary: "Generate registration options for a new passkey",
});

/** `POST /passkey/verify-registration`: checks the authenticator's answer and stores the passkey. */
export const verifyPasskeyRegistration = lazyRoute({
	name: "verifyPasskeyRegistration",
	method: "POST",
	path: "/passkey/verify-registration",
	get body() {
		return z.object({ response: registrationResponse(), name: z.string().trim().max(256).optional(), createSession: z.boolean().optional() });
	},
	get response() {
		return passkeySchema.extend({ session: sessionSchema.optional(), user: userSchema.optional() });
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED", "CHALLENGE_NOT_FOUND", "YOU_ARE_NOT_ALLOWED_TO_REGISTER_THIS_PASSKEY", "FAILED_TO_VERIFY_REGISTRATION", "PREVIOUSLY_REGISTERED"],
	summary: "Verify a passkey registration",
});

/** `GET /passkey/generate-authenticate-options`: a challenge for sign-in (no session needed). */
export const generatePasskeyAuthenticationOptions = lazyRoute({
	name: "generatePasskeyAuthenticationOptions",
	method: "GET",
	path: "/passkey/generate-authenticate-options",
	get response() {
		return z.looseObject({ challenge: z.string(), rpId: z.string().optional() });
	},
	summary: "Generate authentication options for passkey sign-in",
});

/**
 * `POST /passkey/generate-authenticate-options`: the same challenge by POST, as seed 000 lists
 * the route (older Better Auth clients). Served, documented, not a client method.
 */
export const generatePasskeyAuthenticationOptionsPost = lazyRoute({
	name: "generatePasskeyAuthenticationOptionsPost",
	method: "POST",
	path: "/passkey/generate-authenticate-options",
	get response() {
		return generatePasskeyAuthenticationOptions.response;
	},
	summary: "Generate authentication options for passkey sign-in (alternative method)",
});

/** `POST /passkey/verify-authentication`: signs in with a passkey. */
export const verifyPasskeyAuthentication = lazyRoute({
	name: "verifyPasskeyAuthentication",
	method: "POST",
	path: "/passkey/verify-authentication",
	get body() {
		return z.object({ response: authenticationResponse() });
	},
	get response() {
		return z.object({ session: sessionSchema, user: userSchema });
	},
	errorCodes: ["CHALLENGE_NOT_FOUND", "PASSKEY_NOT_FOUND", "AUTHENTICATION_FAILED", "BANNED_USER"],
	summary: "Sign in with a passkey",
});

/** `GET /passkey/list-user-passkeys`: the caller's passkeys. */
export const listPasskeys = lazyRoute({
	name: "listPasskeys",
	method: "GET",
	path: "/passkey/list-user-passkeys",
	get response() {
		return z.array(passkeySchema);
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED"],
	summary: "List the user's passkeys",
});

/** `POST /passkey/delete-passkey`: removes one of the caller's passkeys. */
export const deletePasskey = lazyRoute({
	name: "deletePasskey",
	method: "POST",
	path: "/passkey/delete-passkey",
	get body() {
		return z.object({ id: z.string().min(1).max(256) });
	},
	get response() {
		return z.object({ status: z.boolean() });
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED", "PASSKEY_NOT_FOUND"],
	summary: "Delete a passkey",
});

/** `POST /passkey/update-passkey`: renames one of the caller's passkeys. */
export const updatePasskey = lazyRoute({
	name: "updatePasskey",
	method: "POST",
	path: "/passkey/update-passkey",
	get body() {
		return z.object({ id: z.string().min(1).max(256), name: z.string().trim().min(1).max(256) });
	},
	get response() {
		return z.object({ passkey: passkeySchema });
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED", "PASSKEY_NOT_FOUND", "YOU_ARE_NOT_ALLOWED_TO_REGISTER_THIS_PASSKEY"],
	summary: "Rename a passkey",
});

/** The passkey plugin's routes, by endpoint name. */
export const passkeyRoutes = {
	generatePasskeyRegistrationOptions,
	verifyPasskeyRegistration,
	generatePasskeyAuthenticationOptions,
	verifyPasskeyAuthentication,
	listPasskeys,
	deletePasskey,
	updatePasskey,
} as const;
