/**
 * The per-address mail budget (SECURITY.md rules 8 and 15).
 *
 * Reset, verification and change-email routes make the server send mail to an address that
 * the caller names. Without a budget per address, anyone can flood a victim's inbox (one
 * request per IP is enough with many IPs), or run up the sender's bill and reputation. The
 * budget must not become an oracle either: past it the mail is skipped, and the HTTP answer
 * (status, body, timing padding) is exactly the one of a sent mail, so a stranger still cannot
 * tell which addresses have accounts.
 */
import { describe, expect, test } from "bun:test";
import { RESET_REQUEST_MESSAGE } from "@latchkey/core";
import type { LatchkeyOptions } from "../../context/options.ts";
import { getEmailTestInstance, manualClock } from "../../routes/email/test-kit.ts";
import type { EmailTestInstance } from "../../routes/email/test-kit.ts";
import { testDialects } from "../../testing/index.ts";

/** Only the per-account limits: the per-IP limiter (3 per 60 s on these routes) is tested elsewhere. */
function throttled(overrides: Partial<LatchkeyOptions> = {}): Partial<LatchkeyOptions> {
	return { ...overrides, rateLimit: { enabled: false, storage: "database", ...overrides.rateLimit, account: { enabled: true, ...overrides.rateLimit?.account } } };
}

async function post(t: EmailTestInstance, path: string, json: unknown, client = t.client()): Promise<[number, unknown]> {
	const res = await client.request(path, { json });
	return [res.status, await res.json()];
}

const RESET_ANSWER: [number, unknown] = [200, { status: true, message: RESET_REQUEST_MESSAGE }];

for (const dialect of await testDialects()) {
	describe(`per-address mail budget [${dialect}]`, () => {
		test("the 4th reset request for one address in 10 min sends no mail and answers the same", async () => {
			const t = await getEmailTestInstance(dialect, throttled());
			await t.signUp({ email: "reset@example.com" });
			for (let i = 0; i < 3; i++) expect(await post(t, "/request-password-reset", { email: "reset@example.com" })).toEqual(RESET_ANSWER);
			expect(t.mails).toHaveLength(3);
			const rowsBefore = (await t.snapshot()).verification;
			expect(await post(t, "/request-password-reset", { email: "RESET@example.com" })).toEqual(RESET_ANSWER);
			// The Better Auth ≤1.3 alias shares the budget.
			expect(await post(t, "/forget-password", { email: "reset@example.com" })).toEqual(RESET_ANSWER);
			expect(t.mails).toHaveLength(3);
			// Skipped before the token is made: no dead reset rows pile up either.
			expect((await t.snapshot()).verification).toBe(rowsBefore);
			// An unknown address answers the same, as it always did.
			expect(await post(t, "/request-password-reset", { email: "nobody@example.com" })).toEqual(RESET_ANSWER);
		});

		test("another address is unaffected", async () => {
			const t = await getEmailTestInstance(dialect, throttled());
			await t.signUp({ email: "busy@example.com" });
			await t.signUp({ email: "calm@example.com" });
			for (let i = 0; i < 4; i++) await post(t, "/request-password-reset", { email: "busy@example.com" });
			expect(t.mails.map((m) => m.to)).toEqual(Array(3).fill("busy@example.com"));
			expect(await post(t, "/request-password-reset", { email: "calm@example.com" })).toEqual(RESET_ANSWER);
			expect(t.mails.at(-1)?.to).toBe("calm@example.com");
		});

		test("the window running out allows mails again", async () => {
			const clock = manualClock();
			const t = await getEmailTestInstance(dialect, throttled({ now: clock.now }));
			await t.signUp({ email: "wait@example.com" });
			for (let i = 0; i < 4; i++) await post(t, "/request-password-reset", { email: "wait@example.com" });
			expect(t.mails).toHaveLength(3);
			clock.advance(599);
			await post(t, "/request-password-reset", { email: "wait@example.com" });
			expect(t.mails).toHaveLength(3);
			clock.advance(1);
			expect(await post(t, "/request-password-reset", { email: "wait@example.com" })).toEqual(RESET_ANSWER);
			expect(t.mails).toHaveLength(4);
		});

		test("verification mails: sign-up's mail and /send-verification-email share a budget of their own", async () => {
			const t = await getEmailTestInstance(dialect, throttled({ emailVerification: { sendOnSignUp: true } }));
			await t.signUp({ email: "verify@example.com" });
			expect(t.mails.map((m) => m.kind)).toEqual(["verification"]);
			for (let i = 0; i < 3; i++) expect(await post(t, "/send-verification-email", { email: "verify@example.com" })).toEqual([200, { status: true }]);
			expect(t.mails.map((m) => m.kind)).toEqual(["verification", "verification", "verification"]);
			// With the verification budget spent, a reset mail still goes out: kinds are counted apart.
			await post(t, "/request-password-reset", { email: "verify@example.com" });
			expect(t.mails.at(-1)?.kind).toBe("reset-password");
		});

		test("change-email confirmations: the 4th is skipped, with the same answer", async () => {
			const t = await getEmailTestInstance(dialect, throttled({ user: { changeEmail: { enabled: true } } }));
			const { client, body } = await t.signUp({ email: "mover@example.com" });
			await t.auth.$context.storage.update("user", { id: body.user.id }, { emailVerified: true });
			for (let i = 0; i < 4; i++) expect(await post(t, "/change-email", { newEmail: `next${i}@example.com` }, client)).toEqual([200, { status: true }]);
			expect(t.mails.map((m) => [m.kind, m.to])).toEqual(Array(3).fill(["change-email-confirmation", "mover@example.com"]));
		});

		test("custom budget; off with `account.enabled: false`", async () => {
			const t = await getEmailTestInstance(dialect, throttled({ rateLimit: { account: { emails: { window: 60, max: 1 } } } }));
			await t.signUp({ email: "one@example.com" });
			for (let i = 0; i < 3; i++) await post(t, "/request-password-reset", { email: "one@example.com" });
			expect(t.mails).toHaveLength(1);

			const off = await getEmailTestInstance(dialect, throttled({ rateLimit: { account: { enabled: false } } }));
			await off.signUp({ email: "many@example.com" });
			for (let i = 0; i < 5; i++) await post(off, "/request-password-reset", { email: "many@example.com" });
			expect(off.mails).toHaveLength(5);
		});
	});
}
