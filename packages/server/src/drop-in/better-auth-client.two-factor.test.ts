import { describe, expect, test } from "bun:test";
import { createAuthClient } from "better-auth/client";
import { twoFactorClient } from "better-auth/client/plugins";
import { Secret, TOTP } from "otpauth";
import { twoFactor } from "../plugins/two-factor/index.ts";
import { username } from "../plugins/username/index.ts";
import { CookieJar, TEST_ORIGIN, getTestInstance, testDialects } from "../testing/index.ts";
import type { TestInstance } from "../testing/index.ts";
import type { LatchkeyOptions } from "../context/options.ts";

/**
 * The published Better Auth client (`better-auth@1.7.6`) with its own `twoFactorClient`,
 * unmodified, against our two-factor plugin: enrolment, the sign-in redirect hook, TOTP and
 * backup-code verification.
 */

const PASSWORD = "password1234";

function clock() {
	let ms = Date.parse("2030-01-01T00:00:10.000Z");
	return { now: () => new Date(ms), advance: (seconds: number) => void (ms += seconds * 1000) };
}

/** Better Auth's client with `twoFactorClient`, through a cookie jar into our handler. */
function betterAuthClient(t: TestInstance<LatchkeyOptions>, redirects: { twoFactorMethods?: string[] }[]) {
	const jar = new CookieJar();
	const client = createAuthClient({
		baseURL: TEST_ORIGIN,
		plugins: [twoFactorClient({ onTwoFactorRedirect: (context) => void redirects.push(context) })],
		fetchOptions: { customFetchImpl: jar.wrap((request) => t.auth.handler(request, { ip: "127.0.0.1" }), { origin: TEST_ORIGIN }) },
	});
	return { client, jar };
}

const totp = (base32: string, now: Date) => TOTP.generate({ secret: Secret.fromBase32(base32), timestamp: now.getTime() });

for (const dialect of await testDialects()) {
	describe(`Better Auth client: two-factor [${dialect}]`, () => {
		test("enable → verifyTotp → sign out → sign in redirects (onTwoFactorRedirect) → verifyTotp → session", async () => {
			const time = clock();
			const t = await getTestInstance(dialect, { plugins: [username(), twoFactor()], now: time.now });
			const redirects: { twoFactorMethods?: string[] }[] = [];
			const { client, jar } = betterAuthClient(t, redirects);
			await client.signUp.email({ name: "Ada", email: "ada@example.com", password: PASSWORD });

			const enabled = await client.twoFactor.enable({ password: PASSWORD });
			expect(enabled.error).toBeNull();
			if (enabled.data?.method !== "totp") throw new Error("expected a TOTP enrolment");
			const uri = enabled.data.totpURI;
			expect(enabled.data.backupCodes).toHaveLength(10);
			const secret = new URL(uri).searchParams.get("secret") ?? "";
			const verified = await client.twoFactor.verifyTotp({ code: totp(secret, time.now()) });
			expect(verified.error).toBeNull();
			const session = await client.getSession();
			expect(session.data?.user.twoFactorEnabled).toBe(true);

			await client.signOut();
			time.advance(30);
			const signIn = await client.signIn.email({ email: "ada@example.com", password: PASSWORD });
			expect(signIn.error).toBeNull();
			// Sound: widening to unknown; Better Auth's sign-in type does not list the redirect body.
			expect(signIn.data as unknown).toEqual({ twoFactorRedirect: true, twoFactorMethods: ["totp"] });
			expect(redirects).toEqual([{ twoFactorMethods: ["totp"] }]);
			expect((await client.getSession()).data).toBeNull();
			expect(jar.cookies.has("better-auth.two_factor")).toBe(true);

			const wrong = await client.twoFactor.verifyTotp({ code: "000000" });
			expect(wrong.error).toMatchObject({ status: 401, code: "INVALID_CODE", message: "Invalid code" });
			const done = await client.twoFactor.verifyTotp({ code: totp(secret, time.now()), trustDevice: true });
			expect(done.error).toBeNull();
			expect(done.data?.user.email).toBe("ada@example.com");
			expect((await client.getSession()).data?.user.email).toBe("ada@example.com");
			expect(jar.cookies.has("better-auth.trust_device")).toBe(true);
		});

		test("sign in with a backup code, and the client's error codes match ours", async () => {
			const time = clock();
			const t = await getTestInstance(dialect, { plugins: [username(), twoFactor({ skipVerificationOnEnable: true })], now: time.now });
			const redirects: { twoFactorMethods?: string[] }[] = [];
			const { client } = betterAuthClient(t, redirects);
			await client.signUp.email({ name: "Bo", email: "bo@example.com", password: PASSWORD });
			const enabled = await client.twoFactor.enable({ password: PASSWORD });
			if (enabled.data?.method !== "totp") throw new Error("expected a TOTP enrolment");
			const [code] = enabled.data.backupCodes;
			await client.signOut();
			await client.signIn.email({ email: "bo@example.com", password: PASSWORD });
			expect(redirects).toHaveLength(1);
			const bad = await client.twoFactor.verifyBackupCode({ code: "aaaaa-bbbbb" });
			expect(bad.error).toMatchObject({ status: 401, code: "INVALID_BACKUP_CODE" });
			const ok = await client.twoFactor.verifyBackupCode({ code: code ?? "" });
			expect(ok.error).toBeNull();
			expect((await client.getSession()).data?.user.email).toBe("bo@example.com");
			const codes = await client.twoFactor.generateBackupCodes({ password: PASSWORD });
			expect(codes.data?.backupCodes).toHaveLength(10);
			const off = await client.twoFactor.disable({ password: PASSWORD });
			expect(off.data).toEqual({ status: true });
			expect((await client.getSession()).data?.user.twoFactorEnabled).toBe(false);
		});
	});
}
