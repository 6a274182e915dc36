import {
	APIError,
	BASE_ERROR_CODES,
	PASSKEY_ERROR_CODES,
	generatePasskeyAuthenticationOptions as generateRoute,
	generatePasskeyAuthenticationOptionsPost as generatePostRoute,
	isAPIError,
	verifyPasskeyAuthentication as verifyRoute,
} from "@latchkey/core";
import type { AuthenticationResponseJSON, AuthenticatorTransport } from "@simplewebauthn/server";
import type { AuthContext } from "../../context/create-context.ts";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import type { ResponseState } from "../../endpoint/response-state.ts";
import { createSession } from "../../session/create-session.ts";
import { resolveSession } from "../../session/get-session.ts";
import { toSessionOutput, toUserOutput } from "../../session/output.ts";
import { hasDontRemember } from "../../session/read-token.ts";
import { setSessionCookies } from "../../session/session-cookies.ts";
import { storeChallenge, takeChallenge } from "./challenge.ts";
import { fromBase64 } from "./encoding.ts";
import type { PasskeyOptions } from "./options.ts";
import { expectedOrigin, relyingParty } from "./relying-party.ts";
import { loadWebAuthn } from "./webauthn.ts";

function transportsOf(value: string | null): AuthenticatorTransport[] | undefined {
	// Sound: stored transports came from the authenticator's own list at registration.
	return value ? (value.split(",").filter(Boolean) as AuthenticatorTransport[]) : undefined;
}

/** The sign-in ceremony's two endpoints (spec/plugins.md §8.4). */
export function authenticationEndpoints(options: PasskeyOptions, cookie: string) {
	const generate = async ({ auth, headers, response }: { auth: AuthContext; headers: Headers; response: ResponseState }) => {
		// With a session the user's own passkeys are offered; without one the list stays empty,
		// which lets the browser offer discoverable credentials (usernameless, conditional UI).
		const session = await resolveSession(auth, headers, response);
		const passkeys = session ? await auth.storage.findMany("passkey", { userId: session.user.id }) : [];
		const request = await (await loadWebAuthn()).generateAuthenticationOptions({
			rpID: relyingParty(auth, options).rpID,
			userVerification: "preferred",
			...(passkeys.length > 0 ? { allowCredentials: passkeys.map((p) => ({ id: p.credentialID, transports: transportsOf(p.transports) })) } : {}),
		});
		await storeChallenge(auth, response, cookie, { type: "authentication", expectedChallenge: request.challenge, userData: { id: session?.user.id ?? "" } });
		return { ...request };
	};
	const generatePasskeyAuthenticationOptions = defineEndpoint(generateRoute, "none", generate);
	// Seed 000 lists the route as POST; Better Auth 1.7 serves GET. Both answer the same.
	const generatePasskeyAuthenticationOptionsPost = defineEndpoint(generatePostRoute, "none", generate);

	const verifyPasskeyAuthentication = defineEndpoint(verifyRoute, "none", async (ctx) => {
		const { auth, body, headers, response } = ctx;
		const origin = await expectedOrigin(auth, options, headers, ctx.request);
		if (!origin) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.MISSING_OR_NULL_ORIGIN);
		const challenge = await takeChallenge(auth, headers, response, cookie, "authentication");
		const passkey = await auth.storage.findOne("passkey", { credentialID: body.response.id });
		if (!passkey) throw APIError.from("UNAUTHORIZED", PASSKEY_ERROR_CODES.PASSKEY_NOT_FOUND);
		// A challenge issued to a signed-in user can only be answered with that user's passkey.
		if (challenge.userData.id && challenge.userData.id !== passkey.userId) throw APIError.from("UNAUTHORIZED", PASSKEY_ERROR_CODES.AUTHENTICATION_FAILED);
		const verification = await (await loadWebAuthn()).verifyAuthenticationResponse({
			// Sound: the contract checked the fields the verifier reads; it re-checks their content.
			response: body.response as unknown as AuthenticationResponseJSON,
			expectedChallenge: challenge.expectedChallenge,
			expectedOrigin: origin,
			expectedRPID: relyingParty(auth, options).rpID,
			credential: { id: passkey.credentialID, publicKey: fromBase64(passkey.publicKey), counter: passkey.counter, transports: transportsOf(passkey.transports) },
			requireUserVerification: false,
		}).catch(() => null);
		if (!verification?.verified) throw APIError.from("UNAUTHORIZED", PASSKEY_ERROR_CODES.AUTHENTICATION_FAILED);
		// Compare-and-set on the counter: of two assertions racing on one credential, one wins.
		const updated = await auth.storage.update("passkey", { id: passkey.id, counter: passkey.counter }, { counter: verification.authenticationInfo.newCounter });
		if (!updated) throw APIError.from("UNAUTHORIZED", PASSKEY_ERROR_CODES.AUTHENTICATION_FAILED);
		const user = await auth.storage.findOne("user", { id: passkey.userId });
		if (!user) throw APIError.from("UNAUTHORIZED", PASSKEY_ERROR_CODES.USER_NOT_FOUND);
		const dontRemember = hasDontRemember(auth, headers);
		const session = await createSession(auth, auth.storage, { user, dontRemember, ip: ctx.ip, userAgent: headers.get("user-agent") }).catch((error: unknown) => {
			if (isAPIError(error)) throw error;
			throw APIError.from("INTERNAL_SERVER_ERROR", PASSKEY_ERROR_CODES.UNABLE_TO_CREATE_SESSION);
		});
		setSessionCookies(auth, response, { session, user }, { dontRemember });
		response.headers.set("cache-control", "no-store");
		return { session: toSessionOutput(auth, session), user: toUserOutput(auth, user) };
	});

	return { generatePasskeyAuthenticationOptions, generatePasskeyAuthenticationOptionsPost, verifyPasskeyAuthentication };
}
