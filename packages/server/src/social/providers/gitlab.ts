import type { GitlabOptions } from "../options.ts";
import { staticServer } from "./authorization-server.ts";
import { asRecord, fetchProviderJson, idString, str } from "./fetch-json.ts";
import type { OAuthProvider } from "./provider.ts";

/**
 * GitLab (OAuth 2; gitlab.com or a self-hosted `issuer`). Profile: `GET /api/v4/user`; the
 * email counts as verified only when GitLab reports it confirmed (`confirmed_at`).
 * Docs: https://docs.gitlab.com/api/oauth2/
 */
export function gitlabProvider(options: GitlabOptions): OAuthProvider {
	const root = (options.issuer ?? "https://gitlab.com").replace(/\/+$/, "");
	const userURL = options.userInfoEndpoint ?? `${root}/api/v4/user`;
	return {
		id: "gitlab",
		name: "GitLab",
		options,
		kind: "oauth2",
		defaultScopes: ["read_user"],
		authorizationParams: {},
		pkce: true,
		clientAuthentication: "client_secret_post",
		supportsIdToken: false,
		server: staticServer(
			{ issuer: root, authorization_endpoint: `${root}/oauth/authorize`, token_endpoint: `${root}/oauth/token` },
			{ ...options, userInfoEndpoint: undefined },
		),
		async fetchUser({ tokens }) {
			if (!tokens.accessToken) return null;
			const profile = asRecord(await fetchProviderJson(userURL, tokens.accessToken));
			const id = profile ? idString(profile.id) : null;
			if (!profile || !id) return null;
			const email = str(profile.email)?.toLowerCase() ?? null;
			return {
				user: {
					id,
					name: str(profile.name) ?? str(profile.username) ?? "",
					email,
					emailVerified: email !== null && str(profile.confirmed_at) !== null,
					image: str(profile.avatar_url),
				},
				data: profile,
			};
		},
	};
}
