/**
 * User enumeration: learning which emails have accounts.
 *
 * The attacker has a list of addresses (a breach dump, a company directory) and wants to
 * know which ones are customers here, to phish them or to focus password spraying. They
 * probe every route that takes an email and compare the answers for a known and an unknown
 * address: status, body, headers, and the work done (a route that hashes only for known users
 * is a timing oracle). They also try the states in between: an unverified account, a banned
 * one, an account without a password (social only), each with a wrong password.
 *
 * Every answer must be identical (ids and dates aside, which are fresh either way) and the
 * hasher must be called the same number of times (counted with an injected hasher instead
 * of measuring time: no timing assertions). SECURITY.md rule 8.
 */
import { describe, expect, test } from "bun:test";
import type { PasswordHasher } from "../crypto/password.ts";
import { fastTestHasher, testDialects } from "../testing/index.ts";
import { attackKit } from "./attack-kit.ts";
import type { AttackKit } from "./attack-kit.ts";

/** Passwords this file sends; a `hash` of anything else is the instance's own dummy. */
const SENT_PASSWORDS = new Set(["password1234", "wrong-password-1"]);

/**
 * The fast test hasher, counting the per-request work: every `verify`, and every `hash` of a
 * password the client sent. The dummy hash that stands in for a missing user is made once
 * per instance and kept, so hashing it is not per-request work and is not counted.
 */
function countingHasher(): PasswordHasher & { calls: () => number } {
	let calls = 0;
	return {
		hash: async (password) => {
			if (SENT_PASSWORDS.has(password)) calls++;
			return fastTestHasher.hash(password);
		},
		verify: async (input) => {
			calls++;
			return fastTestHasher.verify(input);
		},
		calls: () => calls,
	};
}

/** Status, headers that matter, and the body with fresh ids, tokens and dates masked. */
async function answer(res: Response) {
	const text = await res.text();
	const masked = text
		.replace(/"(id|token)":"[^"]*"/g, '"$1":"…"')
		.replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, '"<date>"')
		.replace(/"email":"[^"]*"/g, '"email":"…"');
	return { status: res.status, body: masked, cookies: res.headers.getSetCookie().length, location: res.headers.get("location"), cacheControl: res.headers.get("cache-control") };
}

/** Sends `body(email)` for each email and returns the answers and the hasher calls of each. */
async function probe(k: AttackKit, hasher: ReturnType<typeof countingHasher>, path: string, emails: string[], body: (email: string) => unknown, cookie?: string) {
	const out: { answer: Awaited<ReturnType<typeof answer>>; hashes: number }[] = [];
	for (const email of emails) {
		const before = hasher.calls();
		const res = await k.send(path, { headers: { origin: "http://localhost:3000", ...(cookie ? { cookie } : {}) }, json: body(email) });
		out.push({ answer: await answer(res), hashes: hasher.calls() - before });
	}
	return out;
}

const UNKNOWN = "nobody-here@example.com";

for (const dialect of await testDialects()) {
	describe(`user enumeration [${dialect}]`, () => {
		test("sign-in: known (wrong password), unverified, banned, passwordless and unknown emails look the same and verify once", async () => {
			const hasher = countingHasher();
			const k = await attackKit(dialect, { emailAndPassword: { password: hasher } });
			const known = await k.person("known");
			const banned = await k.person("banned");
			await k.t.auth.$context.storage.update("user", { id: banned.id }, { banned: true, banReason: "spam" });
			const social = await k.person("social");
			await k.t.auth.$context.storage.delete("account", { userId: social.id });
			const results = await probe(k, hasher, "/sign-in/email", [known.email, banned.email, social.email, UNKNOWN, known.email.toUpperCase()], (email) => ({ email, password: "wrong-password-1" }));
			for (const r of results) expect(r).toEqual({ answer: { status: 401, body: '{"code":"INVALID_EMAIL_OR_PASSWORD","message":"Invalid email or password"}', cookies: 0, location: null, cacheControl: results[0]?.answer.cacheControl ?? null }, hashes: 1 });
		});

		test("sign-in with verification required: an unverified account with a wrong password is the same 401, not EMAIL_NOT_VERIFIED", async () => {
			const hasher = countingHasher();
			const k = await attackKit(dialect, { emailAndPassword: { password: hasher, requireEmailVerification: true } });
			const unverified = await k.person("unverified");
			const [a, b] = await probe(k, hasher, "/sign-in/email", [unverified.email, UNKNOWN], (email) => ({ email, password: "wrong-password-1" }));
			expect(a).toEqual(b as NonNullable<typeof b>);
			expect(a?.answer.status).toBe(401);
		});

		test("sign-up with verification required: a taken and a free email get the same answer and the same hashing", async () => {
			const hasher = countingHasher();
			const k = await attackKit(dialect, { emailAndPassword: { password: hasher, requireEmailVerification: true } });
			const taken = await k.person("taken");
			const before = await k.t.snapshot();
			const [a, b] = await probe(k, hasher, "/sign-up/email", [taken.email, "free-address@example.com"], (email) => ({ email, password: "password1234", name: "Probe" }));
			expect(a).toEqual(b as NonNullable<typeof b>);
			expect(a?.answer.status).toBe(200);
			expect(a?.hashes).toBe(1);
			// Only the free address became an account; the taken one was not touched.
			expect((await k.t.snapshot()).user).toBe((before.user ?? 0) + 1);
		});

		test("request-password-reset and forget-password: known, unknown and differently-cased emails answer the same; only the known one gets mail", async () => {
			const hasher = countingHasher();
			const k = await attackKit(dialect, { emailAndPassword: { password: hasher } });
			const known = await k.person("known");
			for (const path of ["/request-password-reset", "/forget-password"]) {
				const mails = k.t.mail.length;
				const results = await probe(k, hasher, path, [known.email, UNKNOWN, known.email.toUpperCase()], (email) => ({ email, redirectTo: "/reset" }));
				for (const r of results) expect(r).toEqual(results[0] as NonNullable<(typeof results)[0]>);
				expect(results[0]?.answer.status).toBe(200);
				expect(k.t.mail.length - mails).toBe(2);
			}
		});

		test("send-verification-email without a session: unverified, verified and unknown emails answer the same", async () => {
			const hasher = countingHasher();
			const k = await attackKit(dialect, { emailAndPassword: { password: hasher } });
			const unverified = await k.person("unverified");
			const verified = await k.person("verified");
			await k.t.auth.$context.storage.update("user", { id: verified.id }, { emailVerified: true });
			const results = await probe(k, hasher, "/send-verification-email", [unverified.email, verified.email, UNKNOWN], (email) => ({ email, callbackURL: "/done" }));
			for (const r of results) expect(r).toEqual(results[0] as NonNullable<(typeof results)[0]>);
			expect(results[0]?.answer.status).toBe(200);
		});

		test("change-email: moving to an address that has an account answers like moving to a free one", async () => {
			const hasher = countingHasher();
			const k = await attackKit(dialect, { emailAndPassword: { password: hasher } });
			const other = await k.person("other");
			const prober = await k.person("prober");
			const [a, b] = await probe(k, hasher, "/change-email", [other.email, "unclaimed@example.com"], (newEmail) => ({ newEmail, callbackURL: "/done" }), prober.cookie);
			expect(a).toEqual(b as NonNullable<typeof b>);
			expect(a?.answer.status).toBe(200);
			// And the prober's address did not move onto the other person's.
			expect((await k.t.auth.$context.storage.findOne("user", { id: prober.id }))?.email).toBe(prober.email);
		});

		test("sign-in/username: a known username with a wrong password and an unknown username look the same", async () => {
			const hasher = countingHasher();
			const k = await attackKit(dialect, { emailAndPassword: { password: hasher } });
			const user = await k.person("named");
			const named = await k.send("/update-user", { headers: { cookie: user.cookie, origin: "http://localhost:3000" }, json: { username: "known_name" } });
			expect(named.status).toBe(200);
			const results = await probe(k, hasher, "/sign-in/username", ["known_name", "unknown_name"], (username) => ({ username, password: "wrong-password-1" }));
			expect(results[0]).toEqual(results[1] as NonNullable<(typeof results)[1]>);
			expect(results[0]?.answer.status).toBe(401);
			expect(results[0]?.hashes).toBe(1);
		});
	});
}
