import type { AppleOptions } from "../options.ts";
import { discoveredServer, staticServer } from "./authorization-server.ts";
import { asRecord, str } from "./fetch-json.ts";
import { userFromClaims } from "./oidc-user.ts";
import type { OAuthProvider } from "./provider.ts";

/**
 * Sign in with Apple (OpenID Connect without UserInfo). The profile is the ID token; the name
 * arrives once, in the `user` form field of the first `form_post` callback.
 * Docs: https://developer.apple.com/documentation/sign_in_with_apple
 */
export function appleProvider(options: AppleOptions): OAuthProvider {
	return {
		id: "apple",
		name: "Apple",
		options: options.appBundleIdentifier ? { ...options, audience: [...(options.audience ?? []), options.appBundleIdentifier] } : options,
		kind: "oidc",
		defaultScopes: ["email", "name"],
		// Apple posts the response back when name or email is requested.
		authorizationParams: { response_mode: "form_post" },
		pkce: true,
		clientAuthentication: "client_secret_post",
		supportsIdToken: !options.disableIdTokenSignIn,
		server: options.issuer
			? discoveredServer(options.issuer, options)
			: staticServer(
					{
						issuer: "https://appleid.apple.com",
						authorization_endpoint: "https://appleid.apple.com/auth/authorize",
						token_endpoint: "https://appleid.apple.com/auth/token",
						jwks_uri: "https://appleid.apple.com/auth/keys",
					},
					options,
				),
		async fetchUser({ idTokenClaims, appleUser }) {
			if (!idTokenClaims) return null;
			const user = userFromClaims(idTokenClaims);
			if (!user) return null;
			const name = asRecord(asRecord(appleUser)?.name);
			const fullName = [str(name?.firstName), str(name?.lastName)].filter(Boolean).join(" ");
			return { user: { ...user, name: fullName || user.name }, data: { ...idTokenClaims, ...(name ? { name } : {}) } };
		},
	};
}
