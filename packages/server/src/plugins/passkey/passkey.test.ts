/**
 * Passkeys without a browser: a software authenticator answers the ceremonies.
 *
 * Attacks covered: replaying an assertion or a registration (challenges are single-use and
 * deleted atomically, twenty parallel answers → one success); answering a challenge issued
 * to another browser (the challenge is bound to a signed cookie) or to another ceremony;
 * responses signed for another origin or relying party; a cloned authenticator (the counter
 * must grow); expired challenges; touching another user's passkeys; malformed and hostile
 * responses that must end in a 4xx, never a 500, with nothing written.
 */
import { describe, expect, test } from "bun:test";
import type { LatchkeyOptions } from "../../context/options.ts";
import type { Latchkey } from "../../latchkey.ts";
import { getTestInstance, TEST_ORIGIN, testDialects } from "../../testing/index.ts";
import type { TestClient, TestInstance } from "../../testing/index.ts";
import { username } from "../username/index.ts";
import { passkey } from "./index.ts";
import type { PasskeyOptions } from "./index.ts";
import { SoftAuthenticator } from "./test-authenticator.ts";

const COOKIE = "better-auth.better-auth-passkey";

/** The instance's `auth.api` with the passkey endpoints typed. */
function passkeyApi(t: TestInstance<LatchkeyOptions>) {
	// Sound: every instance of this file is built with passkey() among its plugins.
	return t.auth.api as unknown as Latchkey<{ plugins: [ReturnType<typeof passkey>] }>["api"];
}

function clock() {
	let ms = Date.parse("2030-01-01T00:00:00.000Z");
	return { now: () => new Date(ms), advance: (seconds: number) => void (ms += seconds * 1000) };
}

async function setup(dialect: "sqlite" | "pg", options: PasskeyOptions = {}, extra: Partial<LatchkeyOptions> = {}) {
	const time = clock();
	const t = await getTestInstance(dialect, { plugins: [username(), passkey(options)], now: time.now, ...extra });
	const authenticator = new SoftAuthenticator("localhost", TEST_ORIGIN);
	return { t, time, authenticator };
}

async function json(res: Response): Promise<Record<string, unknown>> {
	return (await res.json()) as Record<string, unknown>;
}

/** Runs the registration ceremony for the signed-in `client`; returns the verify response. */
async function register(client: TestClient, authenticator: SoftAuthenticator, name = "Laptop"): Promise<Response> {
	const optionsRes = await client.request("/passkey/generate-register-options");
	expect(optionsRes.status).toBe(200);
	const options = (await optionsRes.json()) as { challenge: string; user: { id: string } };
	return client.request("/passkey/verify-registration", { json: { response: authenticator.create(options), name } });
}

async function authOptions(client: TestClient): Promise<{ challenge: string; allowCredentials?: unknown[]; rpId: string }> {
	const res = await client.request("/passkey/generate-authenticate-options");
	expect(res.status).toBe(200);
	return res.json();
}

async function signedInWithPasskey(t: TestInstance<LatchkeyOptions>, authenticator: SoftAuthenticator) {
	const { client, body } = await t.signUp({ email: "pk@example.com" });
	expect((await register(client, authenticator)).status).toBe(200);
	return { owner: client, userId: body.user.id };
}

for (const dialect of await testDialects()) {
	describe(`passkey [${dialect}]`, () => {
		test("registers a passkey with Better Auth's row format and options", async () => {
			const { t, authenticator } = await setup(dialect);
			const { client, body } = await t.signUp({ email: "pk@example.com" });
			const optionsRes = await client.request("/passkey/generate-register-options?name=Pat");
			const options = (await optionsRes.json()) as Record<string, unknown> & { user: { name: string; displayName: string }; rp: { id: string; name: string } };
			expect(options.rp).toEqual({ name: "Latchkey", id: "localhost" });
			expect(options.user.name).toBe("Pat");
			expect(options.user.displayName).toBe("pk@example.com");
			expect(options.attestation).toBe("none");
			expect(options.authenticatorSelection).toMatchObject({ residentKey: "preferred", userVerification: "preferred" });
			const cookie = optionsRes.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE}=`));
			expect(cookie).toMatch(/Max-Age=300; Path=\/; HttpOnly; SameSite=Lax$/);

			const res = await client.request("/passkey/verify-registration", { json: { response: authenticator.create(options as never), name: "  Laptop  " } });
			expect(res.status).toBe(200);
			const row = await json(res);
			expect(row).toMatchObject({ name: "Laptop", userId: body.user.id, counter: 0, deviceType: "multiDevice", backedUp: true, transports: "internal,hybrid" });
			expect(row.credentialID).toBe(authenticator.credentials[0]?.id);
			expect(row.publicKey).toMatch(/^[A-Za-z0-9+/]+=*$/);
			expect(row).not.toHaveProperty("session");

			const list = await client.request("/passkey/list-user-passkeys");
			expect(list.status).toBe(200);
			expect(((await list.json()) as { id: string }[]).map((p) => p.id)).toEqual([row.id as string]);
			// The next registration excludes the existing credential.
			const again = (await (await client.request("/passkey/generate-register-options")).json()) as { excludeCredentials: { id: string }[] };
			expect(again.excludeCredentials.map((c) => c.id)).toEqual([row.credentialID as string]);
		});

		test("signs in without a username (discoverable credential) and the counter advances", async () => {
			const { t, authenticator } = await setup(dialect);
			const { userId } = await signedInWithPasskey(t, authenticator);
			const device = t.client();
			const options = await authOptions(device);
			expect(options.rpId).toBe("localhost");
			expect(options).not.toHaveProperty("allowCredentials");
			const res = await device.request("/passkey/verify-authentication", { json: { response: authenticator.get(options) } });
			expect(res.status).toBe(200);
			const body = (await res.json()) as { session: { userId: string; token: string }; user: { id: string } };
			expect(body.user.id).toBe(userId);
			expect(res.headers.getSetCookie().some((c) => c.startsWith("better-auth.session_token="))).toBe(true);
			const session = await (await device.request("/get-session")).json();
			expect(session.user.id).toBe(userId);
			const [stored] = await t.auth.$context.storage.findMany("passkey", { userId });
			expect(stored?.counter).toBe(1);
		});

		test("the options also come by POST (seed 000's method) and sign in the same way", async () => {
			const { t, authenticator } = await setup(dialect);
			const { userId } = await signedInWithPasskey(t, authenticator);
			const device = t.client();
			const optionsRes = await device.request("/passkey/generate-authenticate-options", { method: "POST", json: {} });
			expect(optionsRes.status).toBe(200);
			expect(optionsRes.headers.getSetCookie().some((c) => c.startsWith(`${COOKIE}=`))).toBe(true);
			const options = (await optionsRes.json()) as { challenge: string; rpId: string };
			expect(options.rpId).toBe("localhost");
			const res = await device.request("/passkey/verify-authentication", { json: { response: authenticator.get(options) } });
			expect(res.status).toBe(200);
			expect(((await res.json()) as { user: { id: string } }).user.id).toBe(userId);
		});

		test("a signed-in user's options list their own credentials", async () => {
			const { t, authenticator } = await setup(dialect);
			const { owner } = await signedInWithPasskey(t, authenticator);
			const options = await authOptions(owner);
			expect(options.allowCredentials).toEqual([{ id: authenticator.credentials[0]?.id, type: "public-key", transports: ["internal", "hybrid"] }]);
		});

		test("createSession: true on registration answers with a new session and user", async () => {
			const { t, authenticator } = await setup(dialect);
			const { client, body } = await t.signUp({ email: "pk@example.com" });
			const options = await (await client.request("/passkey/generate-register-options")).json();
			const res = await client.request("/passkey/verify-registration", { json: { response: authenticator.create(options), createSession: true } });
			expect(res.status).toBe(200);
			const out = (await res.json()) as { session: { token: string }; user: { id: string } };
			expect(out.user.id).toBe(body.user.id);
			expect(out.session.token).not.toBe(body.token);
			expect(await t.auth.$context.storage.count("session", { userId: body.user.id })).toBe(2);
		});

		test("an assertion is accepted once: a replay finds no challenge, 20 parallel answers → one session", async () => {
			const { t, authenticator } = await setup(dialect);
			const { userId } = await signedInWithPasskey(t, authenticator);
			const device = t.client();
			const options = await authOptions(device);
			const response = authenticator.get(options);
			const before = await t.auth.$context.storage.count("session", { userId });
			const results = await Promise.all(Array.from({ length: 20 }, () => device.request("/passkey/verify-authentication", { json: { response } })));
			expect(results.filter((r) => r.status === 200)).toHaveLength(1);
			for (const r of results.filter((r) => r.status !== 200)) {
				expect(r.status).toBe(400);
				expect(await r.json()).toEqual({ code: "CHALLENGE_NOT_FOUND", message: "Challenge not found" });
			}
			expect(await t.auth.$context.storage.count("session", { userId })).toBe(before + 1);
			// The same assertion against a fresh challenge: the signed challenge no longer matches.
			await authOptions(device);
			const replay = await device.request("/passkey/verify-authentication", { json: { response } });
			expect(replay.status).toBe(401);
			expect(await replay.json()).toEqual({ code: "AUTHENTICATION_FAILED", message: "Authentication failed" });
		});

		test("a challenge is bound to the browser that asked for it; forged and missing cookies are refused", async () => {
			const { t, authenticator } = await setup(dialect);
			await signedInWithPasskey(t, authenticator);
			const asker = t.client();
			const options = await authOptions(asker);
			const stranger = t.client();
			const noCookie = await stranger.request("/passkey/verify-authentication", { json: { response: authenticator.get(options) } });
			expect(noCookie.status).toBe(400);
			expect((await json(noCookie)).code).toBe("CHALLENGE_NOT_FOUND");
			const signed = asker.jar.cookies.get(COOKIE) ?? "";
			stranger.jar.cookies.set(COOKIE, `${signed.split(".")[0]}.${"A".repeat(43)}%3D`);
			const forged = await stranger.request("/passkey/verify-authentication", { json: { response: authenticator.get(options) } });
			expect(forged.status).toBe(400);
			expect((await json(forged)).code).toBe("CHALLENGE_NOT_FOUND");
			// The asker's challenge was not spent by the stranger's attempts.
			const ok = await asker.request("/passkey/verify-authentication", { json: { response: authenticator.get(options) } });
			expect(ok.status).toBe(200);
		});

		test("a registration challenge cannot be answered as a sign-in, nor after five minutes", async () => {
			const { t, time, authenticator } = await setup(dialect);
			const { owner } = await signedInWithPasskey(t, authenticator);
			const reg = (await (await owner.request("/passkey/generate-register-options")).json()) as { challenge: string };
			const crossed = await owner.request("/passkey/verify-authentication", { json: { response: authenticator.get(reg) } });
			expect(crossed.status).toBe(400);
			expect((await json(crossed)).code).toBe("CHALLENGE_NOT_FOUND");

			const device = t.client();
			const options = await authOptions(device);
			time.advance(301);
			const late = await device.request("/passkey/verify-authentication", { json: { response: authenticator.get(options) } });
			expect(late.status).toBe(400);
			expect((await json(late)).code).toBe("CHALLENGE_NOT_FOUND");
		});

		test("responses for another origin or relying party, and a counter that went back, are refused", async () => {
			const { t, authenticator } = await setup(dialect);
			await signedInWithPasskey(t, authenticator);
			const device = t.client();
			const phished = await device.request("/passkey/verify-authentication", { json: { response: authenticator.get(await authOptions(device), undefined, { origin: "https://evil.example" }) } });
			expect(phished.status).toBe(401);
			expect((await json(phished)).code).toBe("AUTHENTICATION_FAILED");
			expect((await device.request("/passkey/verify-authentication", { json: { response: authenticator.get(await authOptions(device)) } })).status).toBe(200);
			const cloned = await device.request("/passkey/verify-authentication", { json: { response: authenticator.get(await authOptions(device), undefined, { counter: 1 }) } });
			expect(cloned.status).toBe(401);
			expect((await json(cloned)).code).toBe("AUTHENTICATION_FAILED");

			const { client } = await t.signUp({ email: "other@example.com" });
			const options = await (await client.request("/passkey/generate-register-options")).json();
			const foreignRp = await client.request("/passkey/verify-registration", { json: { response: authenticator.create(options, { rpId: "evil.example" }) } });
			expect(foreignRp.status).toBe(400);
			expect(await foreignRp.json()).toEqual({ code: "FAILED_TO_VERIFY_REGISTRATION", message: "Failed to verify registration" });
			expect(await t.auth.$context.storage.count("passkey", { userId: (await t.auth.$context.storage.findOne("user", { email: "other@example.com" }))?.id ?? "" })).toBe(0);
		});

		test("an untrusted Origin header cannot choose the expected origin", async () => {
			const { t, authenticator } = await setup(dialect);
			await signedInWithPasskey(t, authenticator);
			const device = t.client({ headers: { origin: "https://evil.example" } });
			// Over HTTP the origin check refuses the cookie-carrying POST before the handler runs.
			const options = await authOptions(device);
			const response = authenticator.get(options, undefined, { origin: "https://evil.example" });
			const res = await device.request("/passkey/verify-authentication", { json: { response } });
			expect(res.status).toBe(403);
			expect((await json(res)).code).toBe("INVALID_ORIGIN");
			// Server-side calls skip that check; the handler still refuses to expect an untrusted origin.
			const cookie = device.jar.header() ?? "";
			for (const headers of [{ cookie, origin: "https://evil.example" }, { cookie }, { cookie, origin: "null" }] as Record<string, string>[]) {
				const out = await passkeyApi(t).verifyPasskeyAuthentication({ body: { response }, headers, asResponse: true });
				expect(out.status).toBe(400);
				expect((await json(out)).code).toBe("MISSING_OR_NULL_ORIGIN");
			}
		});

		test("an unknown credential is 401 PASSKEY_NOT_FOUND; another user's registration challenge is refused", async () => {
			const { t, authenticator } = await setup(dialect);
			await signedInWithPasskey(t, authenticator);
			const stray = new SoftAuthenticator("localhost", TEST_ORIGIN);
			stray.create({ challenge: "x", user: { id: "nobody" } });
			const device = t.client();
			const res = await device.request("/passkey/verify-authentication", { json: { response: stray.get(await authOptions(device)) } });
			expect(res.status).toBe(401);
			expect(await res.json()).toEqual({ code: "PASSKEY_NOT_FOUND", message: "Passkey not found" });

			const alice = await t.signUp({ email: "alice@example.com" });
			const mallory = await t.signUp({ email: "mallory@example.com" });
			const options = await (await alice.client.request("/passkey/generate-register-options")).json();
			mallory.client.jar.cookies.set(COOKIE, alice.client.jar.cookies.get(COOKIE) ?? "");
			const stolen = await mallory.client.request("/passkey/verify-registration", { json: { response: authenticator.create(options) } });
			expect(stolen.status).toBe(401);
			expect((await json(stolen)).code).toBe("YOU_ARE_NOT_ALLOWED_TO_REGISTER_THIS_PASSKEY");
		});

		test("registration needs a fresh session", async () => {
			const { t, time } = await setup(dialect);
			const anonymous = await t.client().request("/passkey/generate-register-options");
			expect(anonymous.status).toBe(401);
			const { client } = await t.signUp();
			time.advance(86_401);
			const stale = await client.request("/passkey/generate-register-options");
			expect(stale.status).toBe(403);
			expect(await stale.json()).toEqual({ code: "SESSION_NOT_FRESH", message: "Session is not fresh" });
		});

		test("rename and delete touch only the caller's passkeys", async () => {
			const { t, authenticator } = await setup(dialect);
			const { owner } = await signedInWithPasskey(t, authenticator);
			const [row] = (await (await owner.request("/passkey/list-user-passkeys")).json()) as { id: string }[];
			const id = row?.id ?? "";
			const renamed = await owner.request("/passkey/update-passkey", { json: { id, name: " Phone <script> " } });
			expect(renamed.status).toBe(200);
			expect(((await renamed.json()) as { passkey: { name: string } }).passkey.name).toBe("Phone <script>");

			const { client: other } = await t.signUp({ email: "other@example.com" });
			for (const [path, body] of [
				["/passkey/update-passkey", { id, name: "mine now" }],
				["/passkey/delete-passkey", { id }],
			] as const) {
				const res = await other.request(path, { json: body });
				expect(res.status).toBe(404);
				expect(await res.json()).toEqual({ code: "PASSKEY_NOT_FOUND", message: "Passkey not found" });
			}
			expect(await (await other.request("/passkey/list-user-passkeys")).json()).toEqual([]);
			expect((await t.client().request("/passkey/list-user-passkeys")).status).toBe(401);
			expect((await t.client().request("/passkey/delete-passkey", { json: { id } })).status).toBe(401);

			const deleted = await owner.request("/passkey/delete-passkey", { json: { id } });
			expect(deleted.status).toBe(200);
			expect(await deleted.json()).toEqual({ status: true });
			expect((await owner.request("/passkey/delete-passkey", { json: { id } })).status).toBe(404);
		});

		test("malformed input is a 4xx with { code, message } and writes nothing", async () => {
			const { t, authenticator } = await setup(dialect);
			const { owner } = await signedInWithPasskey(t, authenticator);
			const valid = authenticator.get(await authOptions(t.client()));
			const bad: unknown[] = [
				{},
				{ response: null },
				{ response: "x" },
				{ response: { ...valid, id: 42 } },
				{ response: { ...valid, type: "password" } },
				{ response: { ...valid, response: { ...valid.response, signature: "not base64url!" } } },
				{ response: { ...valid, response: { ...valid.response, authenticatorData: "A".repeat(5000) } } },
				{ response: { ...valid, id: "'; DROP TABLE passkey; --" } },
				{ response: { ...valid, id: "__proto__" } },
			];
			const before = await t.snapshot();
			for (const body of bad) {
				const device = t.client();
				await authOptions(device);
				const res = await device.request("/passkey/verify-authentication", { json: body });
				expect(res.status).toBeGreaterThanOrEqual(400);
				expect(res.status).toBeLessThan(500);
				const out = await json(res);
				expect(typeof out.code).toBe("string");
				expect(typeof out.message).toBe("string");
			}
			// Well-formed base64url garbage reaches the verifier and is still a clean refusal.
			const device = t.client();
			await authOptions(device);
			const garbage = await device.request("/passkey/verify-authentication", {
				json: { response: { ...valid, response: { ...valid.response, clientDataJSON: "AAAA", authenticatorData: "AAAA", signature: "AAAA" } } },
			});
			expect(garbage.status).toBe(401);
			const regOptions = await (await owner.request("/passkey/generate-register-options")).json();
			const made = authenticator.create(regOptions);
			const regGarbage = await owner.request("/passkey/verify-registration", { json: { response: { ...made, response: { ...made.response, attestationObject: "AAAA" } } } });
			expect(regGarbage.status).toBe(400);
			expect((await json(regGarbage)).code).toBe("FAILED_TO_VERIFY_REGISTRATION");
			for (const body of [{}, { id: 1 }, { id: "" }, { id: "x", name: "" }, { id: "x", name: "n".repeat(300) }]) {
				const res = await owner.request("/passkey/update-passkey", { json: body });
				expect(res.status).toBe(400);
				expect((await json(res)).code).toBe("VALIDATION_ERROR");
			}
			// Nothing but the challenge rows of the refused attempts differs (they are consumed or expire).
			expect({ ...(await t.snapshot()), verification: 0 }).toEqual({ ...before, verification: 0 });
		});
	});
}
