import type { JWTVerifyGetKey } from "jose";
import { joseLib } from "../../crypto/jose-lib.ts";
import type { OAuthProvider } from "../providers/provider.ts";
import { boundedFetch } from "./bounded-fetch.ts";
import { isLoopbackHttp, PROVIDER_TIMEOUT_MS } from "./request-options.ts";

const keySets = new Map<string, JWTVerifyGetKey>();

/** One cached remote key set per JWKS URL (jose re-fetches on unknown `kid`, with cooldown). */
function keySet(jwksUri: string): JWTVerifyGetKey {
	let set = keySets.get(jwksUri);
	if (!set) {
		const url = new URL(jwksUri);
		if (url.protocol !== "https:" && !isLoopbackHttp(url)) throw new Error("latchkey: jwks_uri must use https");
		const { createRemoteJWKSet, customFetch } = joseLib();
		// The key set is read into memory: no redirects, and bounded in time and size.
		set = createRemoteJWKSet(url, { timeoutDuration: PROVIDER_TIMEOUT_MS, [customFetch]: (input: string, init: RequestInit) => boundedFetch(input, init) });
		keySets.set(jwksUri, set);
	}
	return set;
}

/**
 * Verifies an ID token handed in by the app (`idToken` sign-in): signature against the
 * provider's JWKS, `iss`, `aud` (the client id or a configured extra audience), `exp`/`nbf`
 * with 30 s of leeway, and `nonce` when either side has one (OIDC Core §3.1.3.7). Returns the
 * claims, or `null` for any failure.
 */
export async function verifyIdToken(provider: OAuthProvider, token: string, nonce: string | undefined, now: Date): Promise<Record<string, unknown> | null> {
	const server = await provider.server();
	if (!server.jwks_uri) return null;
	const audience = [provider.options.clientId, ...(provider.options.audience ?? [])];
	try {
		const { payload } = await joseLib().jwtVerify(token, keySet(server.jwks_uri), {
			audience,
			clockTolerance: 30,
			currentDate: now,
			// Asymmetric algorithms only: an HS256 token "signed" with a public key must not pass.
			algorithms: ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"],
			requiredClaims: ["iss", "sub", "exp", "iat"],
		});
		const expectedIssuer = provider.expectedIssuer ? provider.expectedIssuer(server, payload) : server.issuer;
		if (payload.iss !== expectedIssuer) return null;
		const tokenNonce = typeof payload.nonce === "string" ? payload.nonce : undefined;
		// A token minted for another sign-in (other nonce) or replayed without its nonce is refused.
		if ((tokenNonce !== undefined || nonce !== undefined) && tokenNonce !== nonce) return null;
		return { ...payload };
	} catch {
		return null;
	}
}
