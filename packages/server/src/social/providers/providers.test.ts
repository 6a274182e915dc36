import { describe, expect, test } from "bun:test";
import { createAuthorizationURL } from "../oauth/authorization-url.ts";
import { createProviders } from "./resolve-providers.ts";

const client = { clientId: "client-1", clientSecret: "secret-1" };
const flow = { state: "s".repeat(32), codeVerifier: "v".repeat(128), nonce: "n".repeat(32), redirectURI: "https://app.example/api/auth/callback/x" };

describe("built-in providers", () => {
	test("production defaults are the providers' real endpoints", async () => {
		const providers = createProviders({ github: client, google: client, discord: client, microsoft: client, apple: client, gitlab: client });
		const expected: Record<string, string> = {
			github: "https://github.com/login/oauth/authorize",
			google: "https://accounts.google.com/o/oauth2/v2/auth",
			discord: "https://discord.com/oauth2/authorize",
			microsoft: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
			apple: "https://appleid.apple.com/auth/authorize",
			gitlab: "https://gitlab.com/oauth/authorize",
		};
		expect([...providers.keys()].sort()).toEqual(Object.keys(expected).sort());
		for (const [id, endpoint] of Object.entries(expected)) {
			const provider = providers.get(id);
			if (!provider) throw new Error(id);
			const url = await createAuthorizationURL(provider, { ...flow, nonce: provider.kind === "oidc" ? flow.nonce : undefined });
			expect(url.origin + url.pathname).toBe(endpoint);
			expect(url.searchParams.get("client_id")).toBe("client-1");
			expect(url.searchParams.get("code_challenge_method")).toBe("S256");
			expect(url.searchParams.get("state")).toBe(flow.state);
		}
		const server = await providers.get("google")?.server();
		expect(server?.token_endpoint).toBe("https://oauth2.googleapis.com/token");
		expect((await providers.get("github")?.server())?.token_endpoint).toBe("https://github.com/login/oauth/access_token");
	});

	test("provider-specific parameters: Apple form_post, Discord prompt, Google access_type, configured prompt and scopes", async () => {
		const providers = createProviders({
			apple: client,
			discord: client,
			google: { ...client, accessType: "offline", prompt: "select_account", scope: ["https://www.googleapis.com/auth/drive.file"] },
			github: { ...client, disableDefaultScope: true, scope: ["repo"] },
		});
		const url = async (id: string) => createAuthorizationURL(providers.get(id) ?? (undefined as never), flow);
		expect((await url("apple")).searchParams.get("response_mode")).toBe("form_post");
		expect((await url("discord")).searchParams.get("prompt")).toBe("none");
		const google = await url("google");
		expect(google.searchParams.get("access_type")).toBe("offline");
		expect(google.searchParams.get("prompt")).toBe("select_account");
		expect(google.searchParams.get("scope")).toBe("openid email profile https://www.googleapis.com/auth/drive.file");
		expect((await url("github")).searchParams.get("scope")).toBe("repo");
	});

	test("Microsoft multi-tenant: the expected ID-token issuer follows the token's tenant", async () => {
		const microsoft = createProviders({ microsoft: client }).get("microsoft");
		const server = await microsoft?.server();
		if (!microsoft?.expectedIssuer || !server) throw new Error("microsoft");
		const tid = "9188040d-6c67-4c5b-b112-36a304b66dad";
		expect(microsoft.expectedIssuer(server, { tid })).toBe(`https://login.microsoftonline.com/${tid}/v2.0`);
		expect(microsoft.expectedIssuer(server, { tid: "../evil" })).toBe("https://login.microsoftonline.com/invalid/v2.0");
		const fixed = createProviders({ microsoft: { ...client, tenantId: tid } }).get("microsoft");
		const fixedServer = await fixed?.server();
		expect(fixedServer && fixed?.expectedIssuer?.(fixedServer, { tid: "other" })).toBe(`https://login.microsoftonline.com/${tid}/v2.0`);
	});

	test("configuration errors are thrown at startup", () => {
		expect(() => createProviders({ github: { ...client, tokenEndpoint: "http://evil.example/token" } })).toThrow("must use https");
		expect(() => createProviders({ github: { ...client, clientId: "" } })).toThrow("needs a clientId");
		expect(() => createProviders({ oidc: [{ id: "Bad Id", issuer: "https://idp.example", ...client }] })).toThrow("must match");
		expect(() => createProviders({ oidc: [{ id: "idp", ...client }] })).toThrow("needs an issuer or a discoveryUrl");
		expect(() => createProviders({ oidc: [{ id: "idp", issuer: "http://idp.example", ...client }] })).toThrow("must use https");
		expect(() => createProviders({ github: client, oidc: [{ id: "github", issuer: "https://idp.example", ...client }] })).toThrow('two social providers are named "github"');
		// Loopback http is fine (development and these tests).
		expect(() => createProviders({ oidc: [{ id: "dev", issuer: "http://127.0.0.1:9999", ...client }] })).not.toThrow();
	});
});

describe("socialProviderIds", () => {
	test("built-in names, then generic OIDC ids", async () => {
		const { socialProviderIds } = await import("./provider-ids.ts");
		expect(socialProviderIds(undefined)).toEqual([]);
		expect(socialProviderIds({ google: client, github: client, oidc: [{ id: "acme", issuer: "https://idp.example", ...client }] })).toEqual(["github", "google", "acme"]);
	});
});
