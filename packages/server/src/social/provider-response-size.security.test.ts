import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { LatchkeyOptions } from "../context/options.ts";
import { testDialects } from "../testing/index.ts";
import type { Dialect, TestInstance } from "../testing/index.ts";
import type { GenericOIDCOptions, ProviderOptions } from "./options.ts";
import { githubStandInOptions } from "./testing/github-stand-in.ts";
import { ENDLESS_CAP_BYTES, startOversizedProvider } from "./testing/oversized-provider.ts";
import type { OversizedProvider } from "./testing/oversized-provider.ts";
import { followCallback, locationOf, OIDC_ID, signInWithOidc, socialInstance, startFlow, startProviders } from "./testing/social-test-kit.ts";
import type { Providers } from "./testing/social-test-kit.ts";

/**
 * Every answer of a provider is read into memory: the token response, UserInfo, a GitHub
 * profile, the discovery document, the JWKS. A hostile or broken provider (or a generic OIDC
 * issuer an app was configured with) can answer an endless body. The read must stop at the
 * size bound, cancel the body, and end like any other provider failure: an error redirect
 * from the callback (or the route's usual error), no user, no session, no memory balloon.
 * The endless bodies here are chunked without `Content-Length` and stop at 256 MiB, so a
 * regression shows up as memory growth and bytes sent rather than as a hung machine.
 */

/** Growth of the resident set that a bounded read cannot reach and an unbounded one must pass. */
const MAX_RSS_GROWTH_BYTES = 64 * 1024 * 1024;

let providers: Providers & { close(): Promise<void> };
let hostile: OversizedProvider;
beforeAll(async () => {
	providers = await startProviders();
	hostile = startOversizedProvider();
	// An issuer whose metadata is small and sane but whose key set never ends.
	hostile.json.set("/small/.well-known/openid-configuration", {
		issuer: `${hostile.url}/small`,
		authorization_endpoint: `${hostile.url}/small/authorize`,
		token_endpoint: `${hostile.url}/small/token`,
		jwks_uri: `${hostile.url}/jwks`,
		response_types_supported: ["code"],
		subject_types_supported: ["public"],
		id_token_signing_alg_values_supported: ["RS256"],
	});
});
afterAll(async () => {
	hostile.close();
	await providers.close();
});

/** An instance whose `acme` OIDC provider and GitHub take the given overrides. */
function instance(dialect: Dialect, acme: Partial<GenericOIDCOptions>, github: Partial<ProviderOptions> = {}): Promise<TestInstance<LatchkeyOptions>> {
	const { op, gh } = providers;
	return socialInstance(dialect, providers, {
		socialProviders: {
			oidc: [{ id: OIDC_ID, name: "Acme", issuer: op.issuer, clientId: op.clientId, clientSecret: op.clientSecret, ...acme }],
			github: { ...githubStandInOptions(gh), ...github },
		},
	});
}

/**
 * Runs `step` and checks what the hostile server saw: exactly one endless body at `path`,
 * cancelled by the client well before its end, and no balloon in this process's memory.
 */
async function againstEndlessBody<T>(path: string, step: () => Promise<T>): Promise<T> {
	const served = hostile.bodies.length;
	Bun.gc(true);
	const rssBefore = process.memoryUsage().rss;
	const result = await step();
	const rssGrowth = process.memoryUsage().rss - rssBefore;
	const bodies = hostile.bodies.slice(served);
	expect(bodies.map((body) => body.path)).toEqual([path]);
	const [body] = bodies;
	if (!body) throw new Error("unreachable: one body was checked above");
	await body.cancelled;
	expect(body.isCancelled).toBe(true);
	expect(body.bytesSent).toBeLessThan(ENDLESS_CAP_BYTES / 4);
	expect(rssGrowth).toBeLessThan(MAX_RSS_GROWTH_BYTES);
	return result;
}

/** Nothing was written: no user, no session, no session cookie. */
async function expectNothingCreated(t: TestInstance<LatchkeyOptions>, response: Response): Promise<void> {
	const storage = t.auth.$context.storage;
	expect(await storage.count("user", { id: { op: "ne", value: "" } })).toBe(0);
	expect(await storage.count("session", { id: { op: "ne", value: "" } })).toBe(0);
	expect(response.headers.getSetCookie().some((cookie) => cookie.includes("session_token"))).toBe(false);
}

function pathAndQuery(response: Response): string {
	const url = locationOf(response);
	return url.pathname + url.search;
}

for (const dialect of await testDialects()) {
	describe(`oversized provider responses [${dialect}]`, () => {
		test("an endless token response: the callback redirects with error=invalid_code", async () => {
			const t = await instance(dialect, { tokenEndpoint: `${hostile.url}/token` });
			const c = t.client();
			const started = await startFlow(c, { provider: OIDC_ID, callbackURL: "/home", errorCallbackURL: "/err" });
			const back = await providers.op.authorize(started.body.url, "alice");
			const response = await againstEndlessBody("/token", () => followCallback(c, back));
			expect(response.status).toBe(302);
			expect(pathAndQuery(response)).toBe("/err?error=invalid_code");
			await expectNothingCreated(t, response);
		});

		test("an endless UserInfo response: the callback redirects with error=unable_to_get_user_info", async () => {
			const t = await instance(dialect, { userInfoEndpoint: `${hostile.url}/userinfo` });
			const c = t.client();
			const started = await startFlow(c, { provider: OIDC_ID, callbackURL: "/home", errorCallbackURL: "/err" });
			const back = await providers.op.authorize(started.body.url, "alice");
			const response = await againstEndlessBody("/userinfo", () => followCallback(c, back));
			expect(response.status).toBe(302);
			expect(pathAndQuery(response)).toBe("/err?error=unable_to_get_user_info");
			await expectNothingCreated(t, response);
		});

		test("an endless GitHub profile: the callback redirects with error=unable_to_get_user_info", async () => {
			const t = await instance(dialect, {}, { userInfoEndpoint: `${hostile.url}/user` });
			const c = t.client();
			const started = await startFlow(c, { provider: "github", callbackURL: "/gh", errorCallbackURL: "/err" });
			const back = await providers.gh.authorize(started.body.url);
			const response = await againstEndlessBody("/user", () => followCallback(c, back));
			expect(pathAndQuery(response)).toBe("/err?error=unable_to_get_user_info");
			await expectNothingCreated(t, response);
		});

		test("an endless discovery document (issuer or explicit discoveryUrl): sign-in answers 503 SERVICE_UNAVAILABLE", async () => {
			const cases: [Partial<GenericOIDCOptions>, string][] = [
				[{ issuer: `${hostile.url}/huge` }, "/huge/.well-known/openid-configuration"],
				[{ issuer: undefined, discoveryUrl: `${hostile.url}/elsewhere/.well-known/openid-configuration` }, "/elsewhere/.well-known/openid-configuration"],
			];
			for (const [acme, path] of cases) {
				const t = await instance(dialect, acme);
				const started = await againstEndlessBody(path, () => startFlow(t.client(), { provider: OIDC_ID, callbackURL: "/home" }));
				expect({ path, status: started.status, code: (started.body as unknown as { code: string }).code }).toEqual({ path, status: 503, code: "SERVICE_UNAVAILABLE" });
			}
		});

		test("an endless JWKS: idToken sign-in answers 401 INVALID_TOKEN", async () => {
			const issuer = `${hostile.url}/small`;
			const t = await instance(dialect, { issuer });
			const token = await providers.op.signIdToken({ iss: issuer, aud: providers.op.clientId, sub: "alice", email: "alice@example.com", email_verified: true });
			const c = t.client();
			// Discovery (small, answered as JSON) runs first; then the key set is fetched.
			const response = await againstEndlessBody("/jwks", () => c.request("/sign-in/social", { json: { provider: OIDC_ID, idToken: { token } } }));
			expect(response.status).toBe(401);
			expect(await response.json()).toEqual({ code: "INVALID_TOKEN", message: "Invalid token" });
			await expectNothingCreated(t, response);
		});

		test("a well-behaved provider still signs in (the bound is far above real answers)", async () => {
			const t = await instance(dialect, {});
			const response = await signInWithOidc(t.client(), providers, "alice");
			expect(locationOf(response).href).toBe("https://app.example/home");
			expect(await t.auth.$context.storage.count("session", { id: { op: "ne", value: "" } })).toBe(1);
		});
	});
}
