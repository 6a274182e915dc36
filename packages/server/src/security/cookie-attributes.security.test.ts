/**
 * Cookie attributes on every cookie the server sets, over a full flow.
 *
 * A cookie without `HttpOnly` is readable by any XSS on the site; without `Secure` it leaks
 * over plain HTTP (a coffee-shop network downgrades one request and reads it); without
 * `SameSite=Lax` it rides along on cross-site POSTs; a host-only cookie without the
 * `__Secure-` prefix can be overwritten by a sibling subdomain or an HTTP response (cookie
 * tossing, RFC 6265bis §4.1.3). The attacker only needs one forgotten cookie, so the test
 * walks a full flow — sign-up, sign-in without "remember me", cookie cache, organization
 * switch, two-factor enrolment and sign-in with a trusted device, admin impersonation,
 * passkey options, sign-out — and checks every `Set-Cookie` the server emits, deletions
 * included (SECURITY.md rule 11, spec/core.md §3.2).
 */
import { describe, expect, test } from "bun:test";
import { Secret, TOTP } from "otpauth";
import { testDialects } from "../testing/index.ts";
import { attackKit } from "./attack-kit.ts";
import type { AttackKit } from "./attack-kit.ts";

/** A browser: a cookie jar that records every Set-Cookie line it sees. */
function browser(k: AttackKit, origin: string) {
	const jar = new Map<string, string>();
	const seen: string[] = [];
	return {
		seen,
		async send(path: string, json?: unknown): Promise<Response> {
			const cookie = [...jar].map(([n, v]) => `${n}=${v}`).join("; ");
			const headers: Record<string, string> = { origin, ...(cookie ? { cookie } : {}) };
			const res = json === undefined ? await k.send(path, { headers }) : await k.send(path, { headers, json });
			for (const line of res.headers.getSetCookie()) {
				seen.push(line);
				const [pair = ""] = line.split(";");
				const name = pair.slice(0, pair.indexOf("="));
				const value = pair.slice(pair.indexOf("=") + 1);
				if (/max-age=0/i.test(line) || value === "") jar.delete(name);
				else jar.set(name, value);
			}
			return res;
		},
	};
}

async function ok(res: Promise<Response>): Promise<Record<string, unknown>> {
	const r = await res;
	const text = await r.text();
	expect({ status: r.status, text: r.status === 200 ? "" : text }).toEqual({ status: 200, text: "" });
	return JSON.parse(text) as Record<string, unknown>; // Sound: a 200 from these routes is JSON.
}

/** Runs the whole flow and returns every Set-Cookie line. */
async function fullFlow(k: AttackKit, origin: string): Promise<string[]> {
	const alice = browser(k, origin);
	const email = `alice-${Date.now()}@example.com`;
	await ok(alice.send("/sign-up/email", { name: "Alice", email, password: "password1234" }));
	await ok(alice.send("/sign-in/email", { email, password: "password1234", rememberMe: false }));
	await ok(alice.send("/get-session"));
	const org = await ok(alice.send("/organization/create", { name: "Acme", slug: `acme-${Date.now()}` }));
	await ok(alice.send("/organization/set-active", { organizationId: org.id }));
	await alice.send("/passkey/generate-register-options");
	const enabled = await ok(alice.send("/two-factor/enable", { password: "password1234" }));
	const secret = new URL(String(enabled.totpURI)).searchParams.get("secret") ?? "";
	const code = () => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() });
	await ok(alice.send("/two-factor/verify-totp", { code: code() }));
	await ok(alice.send("/sign-out", {}));
	await ok(alice.send("/sign-in/email", { email, password: "password1234" }));
	// The code just used is refused for the rest of its window (rule 7); the next one works.
	const next = TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + 30_000 });
	await alice.send("/two-factor/verify-totp", { code: "000000", trustDevice: true });
	await ok(alice.send("/two-factor/verify-totp", { code: next, trustDevice: true }));
	await ok(alice.send("/sign-out", {}));

	const admin = browser(k, origin);
	const adminEmail = `root-${Date.now()}@example.com`;
	const signedUp = await ok(admin.send("/sign-up/email", { name: "Root", email: adminEmail, password: "password1234" }));
	await k.t.auth.$context.storage.update("user", { id: String((signedUp.user as { id: string }).id) }, { role: "admin" });
	const bob = await k.person("bob");
	await ok(admin.send("/admin/impersonate-user", { userId: bob.id }));
	await ok(admin.send("/admin/stop-impersonating", {}));
	await ok(admin.send("/sign-out", {}));
	return [...alice.seen, ...admin.seen];
}

function attributes(line: string): { name: string; attrs: Set<string> } {
	const [pair = "", ...rest] = line.split(";");
	return { name: pair.slice(0, pair.indexOf("=")).trim(), attrs: new Set(rest.map((a) => a.trim().toLowerCase())) };
}

for (const dialect of await testDialects()) {
	describe(`cookie attributes over a full flow [${dialect}]`, () => {
		test("https base URL: every Set-Cookie is __Secure-, HttpOnly, Secure, SameSite=Lax, Path=/", async () => {
			const origin = "https://auth.example.com";
			const k = await attackKit(dialect, { baseURL: origin, session: { cookieCache: { enabled: true } } });
			const lines = await fullFlow(k, origin);
			const names = new Set(lines.map((l) => attributes(l).name));
			// The flow really produced the interesting cookies, not just the session one.
			expect([...names].sort()).toEqual(
				expect.arrayContaining(["__Secure-better-auth.session_token", "__Secure-better-auth.session_data", "__Secure-better-auth.dont_remember", "__Secure-better-auth.two_factor", "__Secure-better-auth.trust_device", "__Secure-better-auth.admin_session"]),
			);
			const bad = lines
				.map((line) => ({ line, ...attributes(line) }))
				.filter(({ name, attrs }) => !name.startsWith("__Secure-") || !attrs.has("httponly") || !attrs.has("secure") || !attrs.has("samesite=lax") || !attrs.has("path=/") || [...attrs].some((a) => a.startsWith("domain=")))
				.map(({ line }) => line);
			expect(bad).toEqual([]);
		});

		test("http base URL (local development): HttpOnly, SameSite=Lax, Path=/, and no prefix that browsers would reject", async () => {
			const k = await attackKit(dialect, { session: { cookieCache: { enabled: true } } });
			const lines = await fullFlow(k, "http://localhost:3000");
			expect(lines.length).toBeGreaterThan(10);
			const bad = lines
				.map((line) => ({ line, ...attributes(line) }))
				.filter(({ name, attrs }) => name.startsWith("__Secure-") || name.startsWith("__Host-") || !attrs.has("httponly") || !attrs.has("samesite=lax") || !attrs.has("path=/"))
				.map(({ line }) => line);
			expect(bad).toEqual([]);
		});
	});
}
