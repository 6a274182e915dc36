/**
 * The published Better Auth client (1.7.6) with `passkeyClient()` from `@better-auth/passkey`
 * 1.7.6, unmodified, against Latchkey's `passkey()`. Its `@simplewebauthn/browser` runs on a
 * software authenticator installed as `navigator.credentials`.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { passkeyClient } from "@better-auth/passkey/client";
import { createAuthClient } from "better-auth/client";
import type { LatchkeyOptions } from "../context/options.ts";
import { passkey } from "../plugins/passkey/index.ts";
import { installSoftWebAuthn } from "../plugins/passkey/soft-webauthn.ts";
import { SoftAuthenticator } from "../plugins/passkey/test-authenticator.ts";
import { CookieJar, TEST_ORIGIN, getTestInstance, testDialects } from "../testing/index.ts";
import type { TestInstance } from "../testing/index.ts";

let uninstall: (() => void) | undefined;
afterEach(() => {
	uninstall?.();
	uninstall = undefined;
});

function passkeyDropInClient(t: TestInstance<LatchkeyOptions>) {
	const jar = new CookieJar();
	const customFetchImpl = jar.wrap((request) => t.auth.handler(request, { ip: "127.0.0.1" }), { origin: TEST_ORIGIN });
	return { jar, client: createAuthClient({ baseURL: TEST_ORIGIN, plugins: [passkeyClient()], fetchOptions: { customFetchImpl } }) };
}

for (const dialect of await testDialects()) {
	describe(`Better Auth passkeyClient against Latchkey [${dialect}]`, () => {
		test("registers a passkey, signs out, signs back in with it, renames and deletes it", async () => {
			const t = await getTestInstance(dialect, { plugins: [passkey()] });
			const authenticator = new SoftAuthenticator("localhost", TEST_ORIGIN);
			uninstall = installSoftWebAuthn(authenticator);
			const { client } = passkeyDropInClient(t);
			const signUp = await client.signUp.email({ name: "Pat", email: "pat@example.com", password: "password1234" });
			expect(signUp.error).toBeNull();

			const added = await client.passkey.addPasskey({ name: "Laptop" });
			expect(added.error).toBeNull();
			expect(added.data).toMatchObject({ name: "Laptop", userId: signUp.data?.user.id, deviceType: "multiDevice", backedUp: true });
			const listed = await client.passkey.listUserPasskeys();
			expect(listed.data?.map((p) => p.name)).toEqual(["Laptop"]);

			await client.signOut();
			expect((await client.getSession()).data).toBeNull();
			const signedIn = await client.signIn.passkey();
			expect(signedIn.error).toBeNull();
			expect(signedIn.data?.user.email).toBe("pat@example.com");
			expect((await client.getSession()).data?.user.email).toBe("pat@example.com");

			const id = listed.data?.[0]?.id ?? "";
			const renamed = await client.passkey.updatePasskey({ id, name: "Work laptop" });
			expect(renamed.data?.passkey.name).toBe("Work laptop");
			const deleted = await client.passkey.deletePasskey({ id });
			expect(deleted.data).toEqual({ status: true });
			expect((await client.passkey.listUserPasskeys()).data).toEqual([]);
		});

		test("sign-in with an unknown passkey and registration without a session fail cleanly", async () => {
			const t = await getTestInstance(dialect, { plugins: [passkey()] });
			const authenticator = new SoftAuthenticator("localhost", TEST_ORIGIN);
			uninstall = installSoftWebAuthn(authenticator);
			const { client } = passkeyDropInClient(t);
			const stranger = new SoftAuthenticator("localhost", TEST_ORIGIN);
			stranger.create({ challenge: "x", user: { id: "nobody" } });
			uninstall();
			uninstall = installSoftWebAuthn(stranger);
			const refused = await client.signIn.passkey();
			expect(refused.data).toBeNull();
			expect(refused.error).toMatchObject({ status: 401, code: "PASSKEY_NOT_FOUND" });
			expect((await client.getSession()).data).toBeNull();

			const anonymous = await client.passkey.addPasskey();
			expect(anonymous.error?.status).toBe(401);
			expect(await t.auth.$context.storage.count("passkey", { id: { op: "ne", value: "" } })).toBe(0);
		});
	});
}
