import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import type { CryptoKey, JWTPayload } from "jose";
import Provider from "oidc-provider";
import { CookieJar } from "../../testing/cookie-jar.ts";

/** A user of the test provider, by login name. */
export interface OidcTestAccount {
	email: string;
	email_verified: boolean;
	name: string;
	picture?: string;
}

/** A running OpenID Connect provider (oidc-provider) on 127.0.0.1. */
export interface OidcTestProvider {
	issuer: string;
	clientId: string;
	clientSecret: string;
	accounts: Map<string, OidcTestAccount>;
	/** Signs an ID token with the provider's own key (for the `idToken` sign-in tests). */
	signIdToken(claims: JWTPayload, options?: { expiresInSeconds?: number; issuedAt?: number }): Promise<string>;
	/**
	 * Plays the browser at the provider: follows the authorize URL, submits the login (as
	 * `login`) and consent forms, and returns the redirect back to the relying party.
	 */
	authorize(authorizeURL: string, login: string): Promise<URL>;
	close(): Promise<void>;
}

/** Starts a real OpenID Connect provider on an ephemeral loopback port. */
export async function startOidcProvider(options: { redirectUris: string[]; clientId?: string }): Promise<OidcTestProvider> {
	const { privateKey } = await generateKeyPair("RS256", { extractable: true });
	const jwk = { ...(await exportJWK(privateKey)), kid: "test-key", alg: "RS256", use: "sig" };
	const accounts = new Map<string, OidcTestAccount>();
	let handle: ((req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void) | undefined;
	const server = createServer((req, res) => handle?.(req, res));
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const clientId = options.clientId ?? "latchkey-test";
	const clientSecret = "latchkey-test-client-secret-0123456789";
	const provider = new Provider(issuer, {
		clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: options.redirectUris, grant_types: ["authorization_code", "refresh_token"], response_types: ["code"] }],
		jwks: { keys: [jwk] },
		cookies: { keys: ["oidc-test-cookie-key-0123456789"] },
		claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "picture"] },
		findAccount: (_ctx, id) => {
			const account = accounts.get(id);
			return account ? { accountId: id, claims: () => ({ sub: id, ...account }) } : undefined;
		},
		issueRefreshToken: (_ctx, client) => client.grantTypeAllowed("refresh_token"),
		features: { devInteractions: { enabled: true } },
	});
	handle = provider.callback();

	async function authorize(authorizeURL: string, login: string): Promise<URL> {
		// A fresh browser profile each time: no single sign-on from an earlier login.
		const fetchAtProvider = new CookieJar().wrap((request) => fetch(request, { redirect: "manual" }));
		let location = new URL(authorizeURL);
		for (let hop = 0; hop < 12; hop++) {
			if (!location.href.startsWith(issuer)) return location;
			let response: Response;
			const interaction = /^\/interaction\/([^/]+)$/.exec(location.pathname);
			if (interaction) {
				const page = await (await fetchAtProvider(location.href)).text();
				const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1] ?? "login";
				const form = new URLSearchParams({ prompt, login, password: "any" });
				response = await fetchAtProvider(location.href, { method: "POST", body: form, headers: { "content-type": "application/x-www-form-urlencoded" } });
			} else response = await fetchAtProvider(location.href);
			const next = response.headers.get("location");
			if (!next) throw new Error(`oidc test provider: no redirect from ${location.pathname} (${response.status}): ${(await response.text()).slice(0, 300)}`);
			location = new URL(next, location);
		}
		throw new Error("oidc test provider: too many redirects");
	}

	return {
		issuer,
		clientId,
		clientSecret,
		accounts,
		async signIdToken(claims, signOptions = {}) {
			const iat = signOptions.issuedAt ?? Math.floor(Date.now() / 1000);
			return new SignJWT({ ...claims })
				.setProtectedHeader({ alg: "RS256", kid: "test-key" })
				.setIssuedAt(iat)
				.setExpirationTime(iat + (signOptions.expiresInSeconds ?? 600))
				.sign(privateKey as CryptoKey);
		},
		authorize,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
