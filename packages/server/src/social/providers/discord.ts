import type { ProviderOptions } from "../options.ts";
import { staticServer } from "./authorization-server.ts";
import { asRecord, fetchProviderJson, idString, str } from "./fetch-json.ts";
import type { OAuthProvider } from "./provider.ts";

/**
 * Discord (OAuth 2). Profile: `GET /users/@me`, whose `verified` flag covers the email.
 * Docs: https://discord.com/developers/docs/topics/oauth2
 */
export function discordProvider(options: ProviderOptions): OAuthProvider {
	const userURL = options.userInfoEndpoint ?? "https://discord.com/api/users/@me";
	return {
		id: "discord",
		name: "Discord",
		options,
		kind: "oauth2",
		defaultScopes: ["identify", "email"],
		authorizationParams: options.prompt ? {} : { prompt: "none" },
		pkce: true,
		clientAuthentication: "client_secret_post",
		supportsIdToken: false,
		server: staticServer(
			{
				issuer: "https://discord.com",
				authorization_endpoint: "https://discord.com/oauth2/authorize",
				token_endpoint: "https://discord.com/api/oauth2/token",
			},
			{ ...options, userInfoEndpoint: undefined },
		),
		async fetchUser({ tokens }) {
			if (!tokens.accessToken) return null;
			const profile = asRecord(await fetchProviderJson(userURL, tokens.accessToken));
			const id = profile ? idString(profile.id) : null;
			if (!profile || !id) return null;
			const avatar = str(profile.avatar);
			const email = str(profile.email)?.toLowerCase() ?? null;
			return {
				user: {
					id,
					name: str(profile.global_name) ?? str(profile.username) ?? "",
					email,
					emailVerified: email !== null && profile.verified === true,
					image: avatar ? `https://cdn.discordapp.com/avatars/${encodeURIComponent(id)}/${encodeURIComponent(avatar)}.png` : null,
				},
				data: profile,
			};
		},
	};
}
