/**
 * `navigator.credentials` and `PublicKeyCredential` for Bun, backed by a
 * {@link SoftAuthenticator}: enough for `@simplewebauthn/browser` (and so for the published
 * Better Auth passkey client) to run its ceremonies in a test. Tests only.
 */
import type { SoftAuthenticator } from "./test-authenticator.ts";

function toBuffer(base64url: string): ArrayBuffer {
	const bytes = Buffer.from(base64url, "base64url");
	const out = new ArrayBuffer(bytes.byteLength);
	new Uint8Array(out).set(bytes);
	return out;
}

function toBase64url(source: BufferSource): string {
	const bytes = source instanceof ArrayBuffer ? new Uint8Array(source) : new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
	return Buffer.from(bytes).toString("base64url");
}

/** Installs the soft WebAuthn API; returns a function that removes it. */
export function installSoftWebAuthn(authenticator: SoftAuthenticator): () => void {
	const credentials = {
		async create(options: { publicKey: { challenge: BufferSource; user: { id: BufferSource } } }) {
			const json = authenticator.create({ challenge: toBase64url(options.publicKey.challenge), user: { id: toBase64url(options.publicKey.user.id) } });
			return {
				id: json.id,
				rawId: toBuffer(json.rawId),
				type: json.type,
				authenticatorAttachment: json.authenticatorAttachment,
				response: {
					clientDataJSON: toBuffer(json.response.clientDataJSON),
					attestationObject: toBuffer(json.response.attestationObject),
					getTransports: () => json.response.transports,
				},
				getClientExtensionResults: () => ({}),
			};
		},
		async get(options: { publicKey: { challenge: BufferSource } }) {
			const json = authenticator.get({ challenge: toBase64url(options.publicKey.challenge) });
			return {
				id: json.id,
				rawId: toBuffer(json.rawId),
				type: json.type,
				authenticatorAttachment: json.authenticatorAttachment,
				response: {
					clientDataJSON: toBuffer(json.response.clientDataJSON),
					authenticatorData: toBuffer(json.response.authenticatorData),
					signature: toBuffer(json.response.signature),
					userHandle: toBuffer(json.response.userHandle),
				},
				getClientExtensionResults: () => ({}),
			};
		},
	};
	const scope = globalThis as { PublicKeyCredential?: unknown };
	const previous = scope.PublicKeyCredential;
	scope.PublicKeyCredential = class PublicKeyCredential {};
	Object.defineProperty(navigator, "credentials", { value: credentials, configurable: true });
	return () => {
		scope.PublicKeyCredential = previous;
		Reflect.deleteProperty(navigator, "credentials");
	};
}
