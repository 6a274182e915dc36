/**
 * A software WebAuthn authenticator for server tests (no browser): ES256 keys, `none`
 * attestation, and the JSON shapes `@simplewebauthn/browser` produces. Tests only.
 */
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import type { KeyObject } from "node:crypto";

type Cbor = number | string | Uint8Array | Map<number | string, Cbor>;

function head(major: number, n: number): Uint8Array {
	if (n < 24) return Uint8Array.of((major << 5) | n);
	if (n < 256) return Uint8Array.of((major << 5) | 24, n);
	if (n < 65_536) return Uint8Array.of((major << 5) | 25, n >> 8, n & 255);
	return Uint8Array.of((major << 5) | 26, (n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255);
}

function concat(...parts: Uint8Array[]): Uint8Array {
	return new Uint8Array(Buffer.concat(parts));
}

/** Minimal CBOR: unsigned and negative integers, byte and text strings, maps. */
function cbor(value: Cbor): Uint8Array {
	if (typeof value === "number") return value >= 0 ? head(0, value) : head(1, -1 - value);
	if (typeof value === "string") {
		const bytes = new TextEncoder().encode(value);
		return concat(head(3, bytes.length), bytes);
	}
	if (value instanceof Uint8Array) return concat(head(2, value.length), value);
	const parts: Uint8Array[] = [head(5, value.size)];
	for (const [k, v] of value) parts.push(cbor(k), cbor(v));
	return concat(...parts);
}

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString("base64url");
const sha256 = (data: Uint8Array | string) => new Uint8Array(createHash("sha256").update(data).digest());
const u32 = (n: number) => Uint8Array.of((n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255);

/** One credential held by the soft authenticator. */
export interface SoftCredential {
	id: string;
	privateKey: KeyObject;
	counter: number;
	userHandle: string;
}

/** Creates and uses credentials like a platform authenticator with user verification. */
export class SoftAuthenticator {
	readonly credentials: SoftCredential[] = [];

	constructor(
		readonly rpId: string,
		readonly origin: string,
	) {}

	/** Answers `navigator.credentials.create` for `optionsJSON` (a RegistrationResponseJSON). */
	create(options: { challenge: string; user: { id: string } }, overrides: { origin?: string; rpId?: string; type?: string } = {}) {
		const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
		const jwk = publicKey.export({ format: "jwk" });
		const x = Buffer.from(jwk.x ?? "", "base64url");
		const y = Buffer.from(jwk.y ?? "", "base64url");
		const cose = cbor(
			new Map<number, Cbor>([
				[1, 2],
				[3, -7],
				[-1, 1],
				[-2, new Uint8Array(x)],
				[-3, new Uint8Array(y)],
			]),
		);
		const rawId = crypto.getRandomValues(new Uint8Array(16));
		const id = b64url(rawId);
		// Flags: user present, user verified, backup eligible, backed up, attested data.
		const authData = concat(sha256(overrides.rpId ?? this.rpId), Uint8Array.of(0x01 | 0x04 | 0x08 | 0x10 | 0x40), u32(0), new Uint8Array(16), Uint8Array.of(0, rawId.length), rawId, cose);
		const clientDataJSON = JSON.stringify({ type: overrides.type ?? "webauthn.create", challenge: options.challenge, origin: overrides.origin ?? this.origin, crossOrigin: false });
		const attestationObject = cbor(
			new Map<string, Cbor>([
				["fmt", "none"],
				["attStmt", new Map()],
				["authData", authData],
			]),
		);
		this.credentials.push({ id, privateKey, counter: 0, userHandle: options.user.id });
		return {
			id,
			rawId: id,
			type: "public-key" as const,
			authenticatorAttachment: "platform" as const,
			clientExtensionResults: {},
			response: { clientDataJSON: b64url(clientDataJSON), attestationObject: b64url(attestationObject), transports: ["internal", "hybrid"] },
		};
	}

	/** Answers `navigator.credentials.get` with `credential` (default: the last created). */
	get(options: { challenge: string }, credential: SoftCredential | undefined = this.credentials.at(-1), overrides: { origin?: string; counter?: number } = {}) {
		if (!credential) throw new Error("SoftAuthenticator: no credential");
		credential.counter = overrides.counter ?? credential.counter + 1;
		const authData = concat(sha256(this.rpId), Uint8Array.of(0x01 | 0x04 | 0x08 | 0x10), u32(credential.counter));
		const clientDataJSON = JSON.stringify({ type: "webauthn.get", challenge: options.challenge, origin: overrides.origin ?? this.origin, crossOrigin: false });
		const signature = sign("sha256", concat(authData, sha256(clientDataJSON)), credential.privateKey);
		return {
			id: credential.id,
			rawId: credential.id,
			type: "public-key" as const,
			authenticatorAttachment: "platform" as const,
			clientExtensionResults: {},
			response: {
				clientDataJSON: b64url(clientDataJSON),
				authenticatorData: b64url(authData),
				signature: b64url(new Uint8Array(signature)),
				userHandle: credential.userHandle,
			},
		};
	}
}
