import type { LatchkeyOptions } from "../../context/options.ts";
import { getTestInstance, TEST_ORIGIN } from "../../testing/index.ts";
import type { Dialect, TestClient, TestInstance } from "../../testing/index.ts";
import type { GithubStandIn } from "./github-stand-in.ts";
import { githubStandInOptions, startGithubStandIn } from "./github-stand-in.ts";
import { startOidcProvider } from "./oidc-test-provider.ts";
import type { OidcTestProvider } from "./oidc-test-provider.ts";

/** The generic OIDC provider's id in the social tests. */
export const OIDC_ID = "acme";
/** A trusted app origin for callback URLs. */
export const APP_ORIGIN = "https://app.example";
/** Redirect URIs registered at the test provider. */
export const REDIRECT_URIS = [`${TEST_ORIGIN}/api/auth/callback/${OIDC_ID}`, `${TEST_ORIGIN}/api/auth/callback/google`];

/** The shared loopback providers of a test file. */
export interface Providers {
	op: OidcTestProvider;
	gh: GithubStandIn;
}

/** An instance with `acme` (generic OIDC), `google` (at the test OP) and `github` (stand-in). */
export function socialInstance(dialect: Dialect, providers: Providers, overrides: Partial<LatchkeyOptions> = {}): Promise<TestInstance<LatchkeyOptions>> {
	const { op, gh } = providers;
	const client = { clientId: op.clientId, clientSecret: op.clientSecret };
	return getTestInstance(dialect, {
		trustedOrigins: [APP_ORIGIN],
		socialProviders: {
			oidc: [{ id: OIDC_ID, name: "Acme", issuer: op.issuer, ...client }],
			google: { issuer: op.issuer, ...client },
			github: githubStandInOptions(gh),
		},
		...overrides,
	});
}

/** Starts a flow (`/sign-in/social` or `/link-social`) and returns the JSON answer. */
export async function startFlow(client: TestClient, body: Record<string, unknown>, path = "/sign-in/social"): Promise<{ status: number; body: { url: string; redirect: boolean }; response: Response }> {
	const response = await client.request(path, { json: body });
	const json = response.status === 200 ? await response.json() : await response.json().catch(() => null);
	return { status: response.status, body: json, response };
}

/** Sends the provider's redirect back to the callback through `client`. */
export function followCallback(client: TestClient, redirect: URL): Promise<Response> {
	const prefix = `${TEST_ORIGIN}/api/auth`;
	if (!redirect.href.startsWith(prefix)) throw new Error(`unexpected redirect target ${redirect.href}`);
	return client.request(redirect.href.slice(prefix.length), { headers: { "sec-fetch-mode": "navigate" } });
}

/** A whole sign-in at the OIDC test provider as `login`: start, authorize, callback. */
export async function signInWithOidc(client: TestClient, providers: Providers, login: string, body: Record<string, unknown> = {}): Promise<Response> {
	const started = await startFlow(client, { provider: OIDC_ID, callbackURL: `${APP_ORIGIN}/home`, ...body });
	if (started.status !== 200) throw new Error(`sign-in/social failed: ${started.status} ${JSON.stringify(started.body)}`);
	const back = await providers.op.authorize(started.body.url, login);
	return followCallback(client, back);
}

/** The query of a redirect's `Location`. */
export function locationOf(response: Response): URL {
	return new URL(response.headers.get("location") ?? "", TEST_ORIGIN);
}

/** Marks a user's email verified, as a finished email verification would. */
export async function verifyEmail(t: TestInstance<LatchkeyOptions>, userId: string): Promise<void> {
	await t.auth.$context.storage.update("user", { id: userId }, { emailVerified: true });
}

/**
 * Starts the loopback providers every social test file uses: the OIDC provider with `alice`
 * (verified), `bob` (unverified) and `mallory` (claims alice's address, unverified), and the
 * GitHub stand-in as `octo`.
 */
export async function startProviders(): Promise<Providers & { close(): Promise<void> }> {
	const op = await startOidcProvider({ redirectUris: REDIRECT_URIS });
	op.accounts.set("alice", { email: "alice@example.com", email_verified: true, name: "Alice Liddell" });
	op.accounts.set("bob", { email: "bob@example.com", email_verified: false, name: "Bob" });
	op.accounts.set("mallory", { email: "alice@example.com", email_verified: false, name: "Mallory" });
	const gh = startGithubStandIn({
		id: 4242,
		login: "octo",
		name: "Octo Cat",
		avatar_url: "https://avatars.example/octo.png",
		emails: [{ email: "octo@example.com", primary: true, verified: true }],
	});
	return {
		op,
		gh,
		async close() {
			gh.close();
			await op.close();
		},
	};
}
