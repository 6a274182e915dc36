import { beforeEach, describe, expect, test } from "bun:test";
import { twoFactorRoutes } from "@latchkey/core";
import { twoFactor, username } from "@latchkey/server";
import { getTestInstance } from "@latchkey/server/testing";
import { createInProcessClient, waitForValue } from "../testing/in-process.ts";
import { TWO_FACTOR_ROUTE_METHODS, twoFactorClient } from "./two-factor.ts";

const password = "password1234";
const otps: string[] = [];
let instance: Awaited<ReturnType<typeof getTestInstance>>;

beforeEach(async () => {
	otps.length = 0;
	instance = await getTestInstance("sqlite", { plugins: [username(), twoFactor({ otpOptions: { sendOTP: ({ otp }) => void otps.push(otp) } })] });
});

/** RFC 4648 base32 → text: the server's TOTP secret is the UTF-8 text the URI encodes. */
function base32ToText(base32: string): string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	let bits = "";
	for (const char of base32) bits += alphabet.indexOf(char).toString(2).padStart(5, "0");
	const bytes = bits.match(/.{8}/g) ?? [];
	return new TextDecoder().decode(Uint8Array.from(bytes, (byte) => Number.parseInt(byte, 2)));
}

/** The current TOTP code for an otpauth URI, from the server's own generator. */
async function currentCode(uri: string): Promise<string> {
	// Sound: the instance above is built with twoFactor(), which serves generateTOTP on auth.api.
	const api = instance.auth.api as unknown as { generateTOTP(input: { body: { secret: string } }): Promise<{ code: string }> };
	return (await api.generateTOTP({ body: { secret: base32ToText(new URL(uri).searchParams.get("secret") ?? "") } })).code;
}

test("the zod-free runtime table matches the two-factor contracts exactly, all POST", () => {
	const fromContracts = Object.fromEntries(Object.entries(twoFactorRoutes).map(([key, c]) => [key, { name: c.name, method: c.method, path: c.path }]));
	expect(TWO_FACTOR_ROUTE_METHODS as unknown).toEqual(fromContracts);
	expect(new Set(Object.values(TWO_FACTOR_ROUTE_METHODS).map((r) => r.method))).toEqual(new Set(["POST"]));
});

describe("twoFactorClient against the real server", () => {
	test("enrol with TOTP: the session store picks up twoFactorEnabled after verifyTotp", async () => {
		const { client, requests } = createInProcessClient(instance, { plugins: [twoFactorClient()] });
		const stop = client.$session.listen(() => {});
		await client.signUp.email({ name: "Ada", email: "ada@example.com", password });
		await waitForValue(client.$session, (s) => s.data?.user.twoFactorEnabled === false);
		const enabled = await client.twoFactor.enable({ password });
		if (enabled.error || enabled.data.method !== "totp") throw new Error("enable failed");
		expect(enabled.data.backupCodes).toHaveLength(10);
		const verified = await client.twoFactor.verifyTotp({ code: await currentCode(enabled.data.totpURI) });
		expect(verified.error).toBeNull();
		await waitForValue(client.$session, (s) => s.data?.user.twoFactorEnabled === true);
		expect(requests.map((r) => `${r.method} ${r.url.pathname}`)).toContain("POST /api/auth/two-factor/verify-totp");
		const uri = await client.twoFactor.getTotpUri({ password });
		expect(uri.data?.totpURI).toBe(enabled.data.totpURI);
		stop();
	});

	test("a sign-in needing 2FA calls onTwoFactorRedirect; sendOtp + verifyOtp then fill the session", async () => {
		const redirects: { twoFactorMethods: string[] }[] = [];
		const { client: owner } = createInProcessClient(instance, { plugins: [twoFactorClient()] });
		await owner.signUp.email({ name: "Bo", email: "bo@example.com", password });
		expect((await owner.twoFactor.enable({ password, method: "otp" })).data).toEqual({ method: "otp" });

		const { client, requests } = createInProcessClient(instance, { plugins: [twoFactorClient({ onTwoFactorRedirect: (context) => void redirects.push(context) })] });
		const stop = client.$session.listen(() => {});
		const signIn = await client.signIn.email({ email: "bo@example.com", password });
		// Sound: widening to unknown; the sign-in contract does not list the redirect body.
		expect(signIn.data as unknown).toEqual({ twoFactorRedirect: true, twoFactorMethods: ["otp"] });
		expect(redirects).toEqual([{ twoFactorMethods: ["otp"] }]);
		await waitForValue(client.$session, (s) => s.data === null && !s.isPending && !s.isRefetching);

		expect((await client.twoFactor.sendOtp()).data).toEqual({ status: true });
		const wrong = await client.twoFactor.verifyOtp({ code: otps.at(-1) === "000000" ? "111111" : "000000" });
		expect(wrong.error).toMatchObject({ status: 401, code: "INVALID_CODE", message: client.$ERROR_CODES.INVALID_CODE.message });
		const ok = await client.twoFactor.verifyOtp({ code: otps.at(-1) ?? "", trustDevice: true });
		expect(ok.error).toBeNull();
		const signedIn = await waitForValue(client.$session, (s) => s.data !== null);
		expect(signedIn.data?.user.email).toBe("bo@example.com");
		expect(requests.map((r) => r.url.pathname.replace("/api/auth", "")).filter((p) => p.startsWith("/two-factor/"))).toEqual([
			"/two-factor/send-otp",
			"/two-factor/verify-otp",
			"/two-factor/verify-otp",
		]);
		stop();
	});

	test("without onTwoFactorRedirect nothing throws outside a browser, and the body still says redirect", async () => {
		const { client: owner } = createInProcessClient(instance, { plugins: [twoFactorClient()] });
		await owner.signUp.email({ name: "Cy", email: "cy@example.com", password });
		await owner.twoFactor.enable({ password, method: "otp" });
		const { client } = createInProcessClient(instance, { plugins: [twoFactorClient({ twoFactorPage: "/two-factor" })] });
		const signIn = await client.signIn.email({ email: "cy@example.com", password });
		// Sound: widening to unknown, as above.
		expect(signIn.data as unknown).toMatchObject({ twoFactorRedirect: true });
		const backup = await client.twoFactor.verifyBackupCode({ code: "aaaaa-bbbbb" });
		expect(backup.error).toMatchObject({ status: 400, code: "BACKUP_CODES_NOT_ENABLED" });
		expect(client.$ERROR_CODES.ACCOUNT_TEMPORARILY_LOCKED.code).toBe("ACCOUNT_TEMPORARILY_LOCKED");
	});

	test("generateBackupCodes and disable go out as POST and refetch the session", async () => {
		const { client, requests } = createInProcessClient(instance, { plugins: [twoFactorClient()] });
		const stop = client.$session.listen(() => {});
		await client.signUp.email({ name: "Di", email: "di@example.com", password });
		await client.twoFactor.enable({ password, method: "otp" });
		await waitForValue(client.$session, (s) => s.data?.user.twoFactorEnabled === true);
		const codes = await client.twoFactor.generateBackupCodes({ password });
		expect(codes.error).toMatchObject({ code: "TWO_FACTOR_NOT_ENABLED" });
		expect((await client.twoFactor.disable({ password })).data).toEqual({ status: true });
		await waitForValue(client.$session, (s) => s.data?.user.twoFactorEnabled === false);
		expect(requests.filter((r) => r.url.pathname.includes("/two-factor/")).every((r) => r.method === "POST")).toBe(true);
		stop();
	});
});
