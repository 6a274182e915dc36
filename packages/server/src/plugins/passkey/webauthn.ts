/**
 * `@simplewebauthn/server`, loaded on the first passkey ceremony rather than at start-up: it
 * (with its ASN.1 and CBOR code) costs about 60 ms and 20 MiB of resident memory to load,
 * which every process would otherwise pay even if no one ever uses a passkey.
 */
let loading: Promise<typeof import("@simplewebauthn/server")> | undefined;

/** The WebAuthn library, imported once. */
export function loadWebAuthn(): Promise<typeof import("@simplewebauthn/server")> {
	loading ??= import("@simplewebauthn/server");
	return loading;
}
