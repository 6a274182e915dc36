import { expect } from "bun:test";
import { Secret, TOTP } from "otpauth";
import type { LatchkeyOptions } from "../../context/options.ts";
import type { Latchkey } from "../../latchkey.ts";
import { getTestInstance } from "../../testing/index.ts";
import type { Dialect, TestClient, TestInstance } from "../../testing/index.ts";
import { username } from "../username/index.ts";
import { twoFactor } from "./index.ts";
import type { TwoFactorOptions } from "./index.ts";

/** The test user's password. */
export const PASSWORD = "password1234";
/** Cookie names of a test instance (http base URL: no `__Secure-` prefix). */
export const COOKIES = {
	session: "better-auth.session_token",
	challenge: "better-auth.two_factor",
	trust: "better-auth.trust_device",
	dontRemember: "better-auth.dont_remember",
} as const;

/** A manual clock; starts mid-step so ±1-step tests are unambiguous. */
export function manualClock(): { now: () => Date; advance: (seconds: number) => void } {
	let ms = Date.parse("2030-01-01T00:00:10.000Z");
	return { now: () => new Date(ms), advance: (seconds) => void (ms += seconds * 1000) };
}

/** A two-factor test instance with a clock and every sent email code captured. */
export interface TwoFactorTestInstance extends TestInstance<LatchkeyOptions> {
	clock: ReturnType<typeof manualClock>;
	/** Codes handed to `sendOTP`, newest last. */
	otps: { email: string; otp: string }[];
	/** `auth.api` with the two-factor endpoints typed. */
	api: Latchkey<{ plugins: [ReturnType<typeof twoFactor>] }>["api"];
}

/** `getTestInstance` with `username()` and `twoFactor(options)` (OTP on unless `otpOptions` says otherwise). */
export async function setup(dialect: Dialect, options: TwoFactorOptions = {}, extra: Partial<LatchkeyOptions> = {}): Promise<TwoFactorTestInstance> {
	const clock = manualClock();
	const otps: { email: string; otp: string }[] = [];
	const plugin = twoFactor({ ...options, otpOptions: { sendOTP: ({ user, otp }) => void otps.push({ email: user.email, otp }), ...options.otpOptions } });
	const t = await getTestInstance(dialect, { plugins: [username(), plugin], now: clock.now, ...extra });
	// Sound: the instance was built with twoFactor() among its plugins.
	const api = t.auth.api as unknown as TwoFactorTestInstance["api"];
	return Object.assign(t, { clock, otps, api });
}

/** The raw base32 secret of an otpauth URI. */
export function secretOf(totpURI: string): string {
	const secret = new URL(totpURI).searchParams.get("secret");
	if (!secret) throw new Error("no secret in URI");
	return secret;
}

/** The TOTP code of a base32 secret at the instance's time, `stepOffset` steps away. */
export function codeAt(t: TwoFactorTestInstance, base32: string, stepOffset = 0): string {
	return TOTP.generate({ secret: Secret.fromBase32(base32), timestamp: t.clock.now().getTime() + stepOffset * 30_000 });
}

/** JSON of a response. */
export async function json(response: Response): Promise<Record<string, unknown>> {
	return (await response.json()) as Record<string, unknown>;
}

/** Expects `{ code, message }` with `status`. */
export async function expectError(response: Response, status: number, code: string): Promise<void> {
	const body = await json(response);
	expect({ status: response.status, code: body.code }).toEqual({ status, code });
	expect(typeof body.message).toBe("string");
}

/** A user with TOTP enrolled and verified: its client (signed in), secret and backup codes. */
export interface EnrolledUser {
	client: TestClient;
	email: string;
	userId: string;
	secret: string;
	backupCodes: string[];
}

let users = 0;

/** Signs up a user and enrols TOTP through HTTP (enable → verify-totp). */
export async function enrolledUser(t: TwoFactorTestInstance, email = `tf${++users}@example.com`): Promise<EnrolledUser> {
	const { client, body } = await t.signUp({ email, password: PASSWORD });
	const enable = await client.request("/two-factor/enable", { json: { password: PASSWORD } });
	expect(enable.status).toBe(200);
	const { totpURI, backupCodes } = (await enable.json()) as { totpURI: string; backupCodes: string[] };
	const secret = secretOf(totpURI);
	const verify = await client.request("/two-factor/verify-totp", { json: { code: codeAt(t, secret) } });
	expect(verify.status).toBe(200);
	// The same step may not be used twice: later sign-ins start one step later.
	t.clock.advance(30);
	return { client, email, userId: body.user.id, secret, backupCodes };
}

/** Signs in with the password from a fresh browser; returns it holding the pending challenge. */
export async function pendingSignIn(t: TwoFactorTestInstance, email: string, client: TestClient = t.client(), body: Record<string, unknown> = {}): Promise<{ client: TestClient; response: Response }> {
	const response = await client.request("/sign-in/email", { json: { email, password: PASSWORD, ...body } });
	return { client, response };
}
