import type { ProviderOptions } from "../options.ts";
import { staticServer } from "./authorization-server.ts";
import { asRecord, fetchProviderJson, idString, str } from "./fetch-json.ts";
import type { OAuthProvider } from "./provider.ts";

/** GitHub's REST API root (the user and emails endpoints live under it). */
const API = "https://api.github.com";

/**
 * GitHub (OAuth 2, no OpenID Connect). The profile is `GET /user`; the email is the primary
 * entry of `GET /user/emails`, with GitHub's own `verified` flag.
 * Docs: https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps
 */
export function githubProvider(options: ProviderOptions): OAuthProvider {
	const userURL = options.userInfoEndpoint ?? `${API}/user`;
	// `/user/emails` sits next to `/user`, also when a stand-in replaces the API root.
	const emailsURL = `${userURL.replace(/\/user\/?$/, "")}/user/emails`;
	return {
		id: "github",
		name: "GitHub",
		options,
		kind: "oauth2",
		defaultScopes: ["read:user", "user:email"],
		authorizationParams: {},
		pkce: true,
		clientAuthentication: "client_secret_post",
		supportsIdToken: false,
		server: staticServer(
			{
				issuer: "https://github.com/login/oauth",
				authorization_endpoint: "https://github.com/login/oauth/authorize",
				token_endpoint: "https://github.com/login/oauth/access_token",
			},
			{ ...options, userInfoEndpoint: undefined },
		),
		async fetchUser({ tokens }) {
			if (!tokens.accessToken) return null;
			const profile = asRecord(await fetchProviderJson(userURL, tokens.accessToken));
			const id = profile ? idString(profile.id) : null;
			if (!profile || !id) return null;
			const emails = await fetchProviderJson(emailsURL, tokens.accessToken);
			const list = Array.isArray(emails) ? emails.map(asRecord).filter((e): e is Record<string, unknown> => e !== null) : [];
			const primary = list.find((e) => e.primary === true) ?? list.find((e) => str(e.email) === str(profile.email)) ?? null;
			const email = (str(primary?.email) ?? str(profile.email))?.toLowerCase() ?? null;
			return {
				user: {
					id,
					name: str(profile.name) ?? str(profile.login) ?? "",
					email,
					// Only GitHub's `verified` flag on the address counts; the public profile email proves nothing.
					emailVerified: email !== null && primary?.verified === true && str(primary.email)?.toLowerCase() === email,
					image: str(profile.avatar_url),
				},
				data: { ...profile, emails: list },
			};
		},
	};
}
