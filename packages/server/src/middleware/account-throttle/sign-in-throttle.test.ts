/**
 * The per-account sign-in throttle (SECURITY.md rules 1, 8 and 15; OWASP "Slow Down Online
 * Guessing Attacks with Device Cookies").
 *
 * The per-IP limiter does not stop an attacker who guesses one account's password from many
 * addresses (a botnet, rotating proxies): each IP stays under its own budget. So password
 * checks are also counted per email / username. The attacks tested here: guessing from many
 * IPs; learning which addresses have accounts from when and how the lock answers (the lock
 * must look the same for an unknown address); bursting 20 guesses in parallel so that a
 * check-then-count lets them all through; locking the owner out on purpose (the owner's
 * browser holds a device cookie and keeps signing in); borrowing the exemption with a forged
 * device cookie or one from the attacker's own account; guessing through a stolen device
 * cookie (it has its own small budget); and hostile identifiers that might break the key.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { BASE_ERROR_CODES } from "@latchkey/core";
import type { LatchkeyOptions } from "../../context/options.ts";
import { signValue } from "../../crypto/sign.ts";
import { createLatchkey } from "../../latchkey.ts";
import { cmp } from "../../storage/storage.ts";
import { createMemorySecondaryStorage } from "../../secondary-storage/memory-storage.ts";
import type { SecondaryStorage } from "../../secondary-storage/secondary-storage.ts";
import { createTestRedis, isRedisAvailable } from "../../secondary-storage/test-redis.ts";
import { createTestStorage, fastTestHasher, getTestInstance, TEST_ORIGIN, TEST_SECRET, testDialects } from "../../testing/index.ts";
import type { TestInstance } from "../../testing/index.ts";
import { DEVICE_COOKIE_SUFFIX } from "./device-cookie.ts";
import { throttleKey } from "./throttle-key.ts";

type StoreKind = "memory" | "database" | "secondary-storage";
const STORE_KINDS: StoreKind[] = ["memory", "database", "secondary-storage"];
const useRedis = await isRedisAvailable();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
	await Promise.all(cleanups.splice(0).map((dispose) => dispose()));
});

const DEVICE_COOKIE = `better-auth.${DEVICE_COOKIE_SUFFIX}`;
const LOCKED = { code: "TOO_MANY_SIGN_IN_ATTEMPTS", message: BASE_ERROR_CODES.TOO_MANY_SIGN_IN_ATTEMPTS.message };
const INVALID = { code: "INVALID_EMAIL_OR_PASSWORD", message: "Invalid email or password" };
const PASSWORD = "password1234";

function manualClock(): { now: () => Date; advance: (seconds: number) => void } {
	let ms = Date.parse("2030-01-01T00:00:00.000Z");
	return { now: () => new Date(ms), advance: (seconds) => void (ms += seconds * 1000) };
}

/** Real Redis under a fresh prefix when reachable (required under CI=true, see isRedisAvailable). */
function secondaryFor(clock: (() => Date) | undefined): SecondaryStorage {
	// Redis expires keys on its own clock: a test on a manual clock gets an in-memory store on that clock.
	if (clock) return createMemorySecondaryStorage(() => clock().getTime());
	if (!useRedis) return createMemorySecondaryStorage();
	const redis = createTestRedis();
	cleanups.push(redis.dispose);
	return redis.storage;
}

/**
 * Options with only the per-account throttle on (the per-IP limiter would stop these tests
 * at the 4th request from one IP; one test below runs both), counted in the store under test.
 */
function throttled(kind: StoreKind, overrides: Partial<LatchkeyOptions> = {}): Partial<LatchkeyOptions> {
	const rateLimit = { enabled: false, ...overrides.rateLimit, account: { enabled: true, ...overrides.rateLimit?.account }, storage: kind };
	if (kind !== "secondary-storage") return { ...overrides, rateLimit };
	return { ...overrides, rateLimit, secondaryStorage: secondaryFor(overrides.now) };
}

type Instance = TestInstance<LatchkeyOptions>;

function signIn(t: Instance, input: { email: string; password?: string; cookie?: string; ip?: string; path?: string }): Promise<Response> {
	const headers: Record<string, string> = { "content-type": "application/json", origin: TEST_ORIGIN };
	if (input.cookie) headers.cookie = input.cookie;
	const body = input.path === "/sign-in/username" ? { username: input.email, password: input.password ?? "wrong-password" } : { email: input.email, password: input.password ?? "wrong-password" };
	return t.auth.handler(new Request(`${TEST_ORIGIN}/api/auth${input.path ?? "/sign-in/email"}`, { method: "POST", headers, body: JSON.stringify(body) }), {
		ip: input.ip ?? "127.0.0.1",
	});
}

/** `name=value` of the device cookie a response sets, for a later `Cookie` header. */
function deviceCookieOf(res: Response): string {
	const set = res.headers.getSetCookie().find((c) => c.startsWith(`${DEVICE_COOKIE}=`));
	if (!set) throw new Error("no device cookie");
	return set.split(";")[0] as string;
}

async function failTimes(t: Instance, email: string, n: number, extra: { cookie?: string; path?: string } = {}): Promise<void> {
	for (let i = 0; i < n; i++) {
		const res = await signIn(t, { email, ip: `10.0.${i >> 8}.${i & 255}`, ...extra });
		expect(res.status).toBe(401);
	}
}

async function expectLocked(res: Response, retryAfter?: string): Promise<void> {
	expect(res.status).toBe(429);
	expect(await res.json()).toEqual(LOCKED);
	if (retryAfter) expect(res.headers.get("x-retry-after")).toBe(retryAfter);
	else expect(Number(res.headers.get("x-retry-after"))).toBeGreaterThan(0);
	expect(res.headers.getSetCookie()).toEqual([]);
}

for (const dialect of await testDialects())
for (const kind of STORE_KINDS) {
	const instance = (overrides: Partial<LatchkeyOptions> = {}) => getTestInstance(dialect, throttled(kind, overrides));

	describe(`per-account sign-in throttle [${dialect}, ${kind}]`, () => {
		test("the 11th attempt within 15 min answers 429 TOO_MANY_SIGN_IN_ATTEMPTS, and then the right password is refused too", async () => {
			const clock = manualClock();
			const t = await instance({ now: clock.now });
			await t.signUp({ email: "victim@example.com" });
			await failTimes(t, "victim@example.com", 10);
			clock.advance(60);
			// A different case is the same account: the key is the email as the lookup normalises it.
			const locked = await signIn(t, { email: "VICTIM@example.com" });
			// 900 s after the window's start (database, Redis) or its last counted request (memory): both at t = 0.
			await expectLocked(locked, "840");
			await expectLocked(await signIn(t, { email: "victim@example.com", password: PASSWORD }));
		});

		test("an unknown email locks the same way: same statuses, bodies and X-Retry-After (no enumeration)", async () => {
			const t = await instance({ now: manualClock().now });
			await t.signUp({ email: "known@example.com" });
			const answers = async (email: string) => {
				const out: unknown[] = [];
				for (let i = 0; i < 12; i++) {
					const res = await signIn(t, { email, ip: `10.1.0.${i}` });
					out.push([res.status, await res.json(), res.headers.get("x-retry-after"), res.headers.getSetCookie()]);
				}
				return out;
			};
			const known = await answers("known@example.com");
			const unknown = await answers("nobody@example.com");
			expect(unknown).toEqual(known);
			expect(known.slice(0, 10)).toEqual(Array(10).fill([401, INVALID, null, []]));
			expect(known[10]).toEqual([429, LOCKED, "900", []]);
		});

		test("another account is unaffected", async () => {
			const t = await instance();
			await t.signUp({ email: "locked@example.com" });
			await t.signUp({ email: "other@example.com" });
			await failTimes(t, "locked@example.com", 10);
			await expectLocked(await signIn(t, { email: "locked@example.com", password: PASSWORD }));
			expect((await signIn(t, { email: "other@example.com" })).status).toBe(401);
			expect((await signIn(t, { email: "other@example.com", password: PASSWORD })).status).toBe(200);
		});

		test("the owner's browser, which signed in before, still signs in while strangers have locked the account", async () => {
			const t = await instance();
			await t.signUp({ email: "owner@example.com" });
			const first = await signIn(t, { email: "owner@example.com", password: PASSWORD });
			expect(first.status).toBe(200);
			const setCookie = first.headers.getSetCookie().find((c) => c.startsWith(`${DEVICE_COOKIE}=`));
			expect(setCookie).toMatch(/; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/);
			const cookie = deviceCookieOf(first);
			await failTimes(t, "owner@example.com", 9); // the owner's own success took one unit
			await expectLocked(await signIn(t, { email: "owner@example.com", password: PASSWORD }));
			// With the device cookie: a typo is a plain 401, the right password a session.
			expect((await signIn(t, { email: "owner@example.com", cookie })).status).toBe(401);
			const again = await signIn(t, { email: "owner@example.com", password: PASSWORD, cookie });
			expect(again.status).toBe(200);
			// Every success issues a new device cookie (a fresh device budget).
			expect(deviceCookieOf(again)).not.toBe(cookie);
			expect((await signIn(t, { email: "owner@example.com", password: PASSWORD, cookie: deviceCookieOf(again) })).status).toBe(200);
		});

		test("no exemption from another account's device cookie, a forged one, or one signed with another secret", async () => {
			const t = await instance();
			await t.signUp({ email: "target@example.com" });
			await t.signUp({ email: "attacker@example.com" });
			const own = deviceCookieOf(await signIn(t, { email: "attacker@example.com", password: PASSWORD }));
			await failTimes(t, "target@example.com", 10);
			const key = throttleKey(t.auth.$context, "sign-in-email", "target@example.com");
			const deviceId = "A".repeat(32);
			const forged = [
				own,
				`${DEVICE_COOKIE}=${encodeURIComponent(`${deviceId}!${key}`)}`, // unsigned
				`${DEVICE_COOKIE}=${encodeURIComponent(`${deviceId}!${key}.${"A".repeat(43)}=`)}`, // bad signature
				`${DEVICE_COOKIE}=${encodeURIComponent(signValue("another-secret-that-is-at-least-32-chars", `${deviceId}!${key}`))}`,
				// The attacker's valid cookie with the target's key spliced in: the signature no longer matches.
				`${DEVICE_COOKIE}=${encodeURIComponent(`${decodeURIComponent(own.slice(DEVICE_COOKIE.length + 1)).split("!")[0]}!${key}.${decodeURIComponent(own).split(".").at(-1)}`)}`,
			];
			for (const cookie of forged) await expectLocked(await signIn(t, { email: "target@example.com", password: PASSWORD, cookie }));
			// A correctly signed cookie for the target (as the server would issue) is honoured: the forgeries failed for their own reasons.
			const genuine = `${DEVICE_COOKIE}=${encodeURIComponent(signValue(TEST_SECRET, `${deviceId}!${key}`))}`;
			expect((await signIn(t, { email: "target@example.com", password: PASSWORD, cookie: genuine })).status).toBe(200);
		});

		test("the device budget locks after its own max; the account budget is separate", async () => {
			const t = await instance();
			await t.signUp({ email: "device@example.com" });
			const cookie = deviceCookieOf(await signIn(t, { email: "device@example.com", password: PASSWORD }));
			await failTimes(t, "device@example.com", 10, { cookie });
			await expectLocked(await signIn(t, { email: "device@example.com", password: PASSWORD, cookie }));
			// The cookieless budget has 9 left (one went to the first sign-in): the guesses above did not touch it.
			expect((await signIn(t, { email: "device@example.com", password: PASSWORD })).status).toBe(200);
		});

		test("20 parallel wrong attempts: exactly 10 password checks, 10 refusals, and the account stays locked", async () => {
			const t = await instance();
			await t.signUp({ email: "burst@example.com" });
			const results = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn(t, { email: "burst@example.com", ip: `10.2.0.${i}` })));
			const statuses = results.map((r) => r.status);
			expect(statuses.filter((s) => s === 401)).toHaveLength(10);
			expect(statuses.filter((s) => s === 429)).toHaveLength(10);
			await expectLocked(await signIn(t, { email: "burst@example.com", password: PASSWORD }));
		});

		if (kind !== "memory") {
			test("two instances sharing the store count together: 24 parallel attempts across both, exactly 10 checked", async () => {
				const { storage, dispose } = await createTestStorage(dialect);
				cleanups.push(dispose);
				const options = throttled(kind, {
					baseURL: TEST_ORIGIN,
					secret: TEST_SECRET,
					database: storage,
					emailAndPassword: { enabled: true, password: fastTestHasher },
				});
				const a = createLatchkey(options);
				const b = createLatchkey(options);
				const results = await Promise.all(
					Array.from({ length: 24 }, (_, i) =>
						(i % 2 === 0 ? a : b).handler(
							new Request(`${TEST_ORIGIN}/api/auth/sign-in/email`, {
								method: "POST",
								headers: { "content-type": "application/json" },
								body: JSON.stringify({ email: "shared@example.com", password: PASSWORD }),
							}),
							{ ip: `10.3.0.${i}` },
						),
					),
				);
				expect(results.filter((r) => r.status === 401)).toHaveLength(10);
				expect(results.filter((r) => r.status === 429)).toHaveLength(14);
			});
		}

		test("the window running out lets sign-ins through again", async () => {
			const clock = manualClock();
			const t = await instance({ now: clock.now });
			await t.signUp({ email: "later@example.com" });
			await failTimes(t, "later@example.com", 10);
			clock.advance(899);
			await expectLocked(await signIn(t, { email: "later@example.com", password: PASSWORD }), "1");
			clock.advance(1);
			expect((await signIn(t, { email: "later@example.com", password: PASSWORD })).status).toBe(200);
		});

		test("/sign-in/username is throttled per username, through the same helper", async () => {
			const t = await instance();
			await t.signUp({ email: "named@example.com", username: "named_user" });
			await failTimes(t, "named_user", 10, { path: "/sign-in/username" });
			await expectLocked(await signIn(t, { email: "named_user", password: PASSWORD, path: "/sign-in/username" }));
			// Unknown usernames lock alike.
			await failTimes(t, "no_such_user", 10, { path: "/sign-in/username" });
			await expectLocked(await signIn(t, { email: "no_such_user", path: "/sign-in/username" }));
		});
	});
}

for (const dialect of await testDialects()) {
	describe(`per-account sign-in throttle: options and hostile input [${dialect}]`, () => {
		test("with the per-IP limiter on as well (the default), guesses from 11 IPs hit the account limit", async () => {
			const t = await getTestInstance(dialect, { rateLimit: { enabled: true } });
			await t.signUp({ email: "spread@example.com" });
			await failTimes(t, "spread@example.com", 10);
			await expectLocked(await signIn(t, { email: "spread@example.com", password: PASSWORD, ip: "10.4.0.1" }));
			// The per-IP limit still answers as Better Auth's (no code) once an IP is past 3 per 10 s.
			for (let i = 0; i < 3; i++) await signIn(t, { email: `x${i}@example.com`, ip: "10.5.0.1" });
			expect(await (await signIn(t, { email: "y@example.com", ip: "10.5.0.1" })).json()).toEqual({ message: "Too many requests. Please try again later." });
		});

		test("custom window and max; `account.enabled: false` (or rateLimit off, the test default) turns it off", async () => {
			const t = await getTestInstance(dialect, throttled("memory", { now: manualClock().now, rateLimit: { account: { signIn: { window: 60, max: 2 } } } }));
			await failTimes(t, "few@example.com", 2);
			await expectLocked(await signIn(t, { email: "few@example.com" }), "60");

			const off = await getTestInstance(dialect, { rateLimit: { enabled: true, customRules: { "/sign-in/email": false }, account: { enabled: false } } });
			await off.signUp({ email: "free@example.com" });
			await failTimes(off, "free@example.com", 15);
			const ok = await signIn(off, { email: "free@example.com", password: PASSWORD });
			expect(ok.status).toBe(200);
			expect(ok.headers.getSetCookie().some((c) => c.startsWith(`${DEVICE_COOKIE}=`))).toBe(false);

			const testDefault = await getTestInstance(dialect);
			await failTimes(testDefault, "free@example.com", 12);
		});

		test("hostile identifiers: a 250-character email locks like any other; odd input is refused before counting, never a 500", async () => {
			const t = await getTestInstance(dialect, throttled("database", { now: manualClock().now }));
			const long = `${"a".repeat(64)}@${"b".repeat(60)}.${"c".repeat(60)}.${"d".repeat(60)}.com`;
			await failTimes(t, long, 10);
			await expectLocked(await signIn(t, { email: long }), "900");
			for (const email of ["ünïcødé@exämple.com", `${"x".repeat(900)}@example.com`, "a@b.c\u0000", "🔑@example.com", "' OR 1=1 --@example.com"]) {
				for (let i = 0; i < 11; i++) {
					const res = await signIn(t, { email });
					expect(res.status).toBeGreaterThanOrEqual(400);
					expect(res.status).toBeLessThan(500);
				}
			}
			// The key itself: fixed length and URL-safe whatever the input, distinct per scope and identifier.
			const auth = t.auth.$context;
			const keys = [
				throttleKey(auth, "sign-in-email", "x".repeat(100_000)),
				throttleKey(auth, "sign-in-email", "ünïcødé@exämple.com"),
				throttleKey(auth, "sign-in-email", "u\u0308nicode@example.com"),
				throttleKey(auth, "sign-in-username", "ünïcødé@exämple.com"),
				throttleKey(auth, "sign-in-email", ""),
			];
			for (const key of keys) expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
			expect(new Set(keys).size).toBe(keys.length);
			// No address in clear in the rate-limit rows.
			const rows = await auth.storage.findMany("rateLimit", { id: cmp.ne("") });
			expect(rows.length).toBeGreaterThan(0);
			for (const row of rows) expect(row.key).not.toContain("@");
		});
	});
}
