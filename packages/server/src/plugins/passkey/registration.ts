import { APIError, BASE_ERROR_CODES, PASSKEY_ERROR_CODES, generatePasskeyRegistrationOptions as generateRoute, isAPIError, verifyPasskeyRegistration as verifyRoute } from "@latchkey/core";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { generateId, generateRandomString } from "../../crypto/random.ts";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import { createSession } from "../../session/create-session.ts";
import { toSessionOutput, toUserOutput } from "../../session/output.ts";
import { hasDontRemember } from "../../session/read-token.ts";
import { setSessionCookies } from "../../session/session-cookies.ts";
import { isUniqueViolation } from "../../storage/storage.ts";
import { storeChallenge, takeChallenge } from "./challenge.ts";
import { toBase64 } from "./encoding.ts";
import type { PasskeyOptions } from "./options.ts";
import { expectedOrigin, relyingParty } from "./relying-party.ts";
import { loadWebAuthn } from "./webauthn.ts";

const LOWER_ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";

/** The registration ceremony's two endpoints (spec/plugins.md §8.4). */
export function registrationEndpoints(options: PasskeyOptions, cookie: string) {
	const generatePasskeyRegistrationOptions = defineEndpoint(generateRoute, "fresh", async ({ auth, session, query, response }) => {
		const { user } = session;
		const existing = await auth.storage.findMany("passkey", { userId: user.id });
		const { rpID, rpName } = relyingParty(auth, options);
		const creation = await (await loadWebAuthn()).generateRegistrationOptions({
			rpName,
			rpID,
			// A fresh random handle each time, as Better Auth does: the user id never reaches the authenticator.
			userID: new TextEncoder().encode(generateRandomString(32, LOWER_ALPHANUMERIC)),
			userName: query?.name || user.email || user.id,
			userDisplayName: user.email || user.id,
			attestationType: "none",
			excludeCredentials: existing.map((p) => ({ id: p.credentialID, transports: p.transports ? p.transports.split(",").filter(Boolean) : undefined })),
			authenticatorSelection: {
				residentKey: "preferred",
				userVerification: "preferred",
				...options.authenticatorSelection,
				...(query?.authenticatorAttachment ? { authenticatorAttachment: query.authenticatorAttachment } : {}),
			},
		});
		await storeChallenge(auth, response, cookie, {
			type: "registration",
			expectedChallenge: creation.challenge,
			userData: { id: user.id, name: creation.user.name, displayName: creation.user.displayName },
			context: query?.context ?? null,
		});
		return { ...creation };
	});

	const verifyPasskeyRegistration = defineEndpoint(verifyRoute, "session", async (ctx) => {
		const { auth, body, session, headers, response } = ctx;
		const origin = await expectedOrigin(auth, options, headers, ctx.request);
		if (!origin) throw APIError.from("BAD_REQUEST", PASSKEY_ERROR_CODES.FAILED_TO_VERIFY_REGISTRATION);
		const challenge = await takeChallenge(auth, headers, response, cookie, "registration");
		if (challenge.userData.id !== session.user.id) {
			throw APIError.from("UNAUTHORIZED", PASSKEY_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_REGISTER_THIS_PASSKEY);
		}
		const { rpID } = relyingParty(auth, options);
		const verification = await (await loadWebAuthn()).verifyRegistrationResponse({
			// Sound: the contract checked the fields the verifier reads; it re-checks their content.
			response: body.response as unknown as RegistrationResponseJSON,
			expectedChallenge: challenge.expectedChallenge,
			expectedOrigin: origin,
			expectedRPID: rpID,
			requireUserVerification: false,
		}).catch(() => null);
		// A malformed or foreign response is the client's fault: 400, never a 500.
		if (!verification?.verified) throw APIError.from("BAD_REQUEST", PASSKEY_ERROR_CODES.FAILED_TO_VERIFY_REGISTRATION);
		const { credential, credentialDeviceType, credentialBackedUp, aaguid } = verification.registrationInfo;
		const passkey = await auth.storage
			.create("passkey", {
				id: generateId(),
				name: body.name || null,
				publicKey: toBase64(credential.publicKey),
				userId: session.user.id,
				credentialID: credential.id,
				counter: credential.counter,
				deviceType: credentialDeviceType,
				backedUp: credentialBackedUp,
				transports: (credential.transports ?? []).join(","),
				createdAt: auth.now(),
				aaguid,
			})
			.catch((error: unknown) => {
				if (isUniqueViolation(error)) throw APIError.from("BAD_REQUEST", PASSKEY_ERROR_CODES.PREVIOUSLY_REGISTERED);
				throw error;
			});
		if (!body.createSession) return passkey;
		const dontRemember = hasDontRemember(auth, headers);
		const created = await createSession(auth, auth.storage, { user: session.user, dontRemember, ip: ctx.ip, userAgent: headers.get("user-agent") }).catch((error: unknown) => {
			if (isAPIError(error)) throw error;
			throw APIError.from("INTERNAL_SERVER_ERROR", BASE_ERROR_CODES.FAILED_TO_CREATE_SESSION);
		});
		setSessionCookies(auth, response, { session: created, user: session.user }, { dontRemember });
		response.headers.set("cache-control", "no-store");
		return { ...passkey, session: toSessionOutput(auth, created), user: toUserOutput(auth, session.user) };
	});

	return { generatePasskeyRegistrationOptions, verifyPasskeyRegistration };
}
