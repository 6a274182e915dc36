import { describe, expect, test } from "bun:test";
import { socialProvidersFromEnv } from "./social-providers.ts";

describe("socialProvidersFromEnv", () => {
	test("nothing configured: no providers", () => {
		expect(socialProvidersFromEnv({})).toEqual({});
	});

	test("each built-in provider from its CLIENT_ID / CLIENT_SECRET pair, with its extras", () => {
		const env = {
			GITHUB_CLIENT_ID: "gh-id",
			GITHUB_CLIENT_SECRET: "gh-secret",
			GOOGLE_CLIENT_ID: "g-id",
			GOOGLE_CLIENT_SECRET: "g-secret",
			MICROSOFT_CLIENT_ID: "m-id",
			MICROSOFT_CLIENT_SECRET: "m-secret",
			MICROSOFT_TENANT_ID: "organizations",
			APPLE_CLIENT_ID: "a-id",
			APPLE_CLIENT_SECRET: "a-jwt",
			APPLE_APP_BUNDLE_IDENTIFIER: "com.example.app",
			GITLAB_CLIENT_ID: "gl-id",
			GITLAB_CLIENT_SECRET: "gl-secret",
			GITLAB_ISSUER: "https://gitlab.example.com",
			DISCORD_CLIENT_ID: "d-id",
			DISCORD_CLIENT_SECRET: "d-secret",
		};
		expect(socialProvidersFromEnv(env)).toEqual({
			github: { clientId: "gh-id", clientSecret: "gh-secret" },
			google: { clientId: "g-id", clientSecret: "g-secret" },
			discord: { clientId: "d-id", clientSecret: "d-secret" },
			microsoft: { clientId: "m-id", clientSecret: "m-secret", tenantId: "organizations" },
			apple: { clientId: "a-id", clientSecret: "a-jwt", appBundleIdentifier: "com.example.app" },
			gitlab: { clientId: "gl-id", clientSecret: "gl-secret", issuer: "https://gitlab.example.com" },
		});
	});

	test("a generic OpenID Connect provider from OIDC_*", () => {
		expect(socialProvidersFromEnv({ OIDC_ISSUER: "https://login.acme.example", OIDC_CLIENT_ID: "id", OIDC_CLIENT_SECRET: "secret" })).toEqual({
			oidc: [{ id: "oidc", issuer: "https://login.acme.example", clientId: "id", clientSecret: "secret" }],
		});
		expect(
			socialProvidersFromEnv({ OIDC_DISCOVERY_URL: "https://idp.example/realms/x/.well-known/openid-configuration", OIDC_CLIENT_ID: "id", OIDC_CLIENT_SECRET: "s", OIDC_ID: "keycloak", OIDC_NAME: "Keycloak" }).oidc,
		).toEqual([{ id: "keycloak", name: "Keycloak", discoveryUrl: "https://idp.example/realms/x/.well-known/openid-configuration", clientId: "id", clientSecret: "s" }]);
	});

	test("half a configuration fails loudly instead of hiding the provider", () => {
		expect(() => socialProvidersFromEnv({ GITHUB_CLIENT_ID: "gh-id" })).toThrow("GITHUB_CLIENT_SECRET");
		expect(() => socialProvidersFromEnv({ GOOGLE_CLIENT_SECRET: "s" })).toThrow("GOOGLE_CLIENT_ID");
		expect(() => socialProvidersFromEnv({ OIDC_CLIENT_ID: "id", OIDC_CLIENT_SECRET: "s" })).toThrow("OIDC_ISSUER");
	});
});
