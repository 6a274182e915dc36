/**
 * Session fixation, on every way of signing in.
 *
 * The attacker plants a session cookie in the victim's browser before the victim signs in —
 * through a sibling subdomain (cookie tossing), an XSS elsewhere on the site, or a shared
 * computer. The planted value is either the attacker's own valid session (so that after the
 * victim signs in, the attacker's session *becomes* the victim's), or a value the attacker
 * chose (hoping the server adopts it as the new token). If the server keeps or upgrades the
 * planted session, the attacker is signed in as the victim.
 *
 * Every sign-in path (email, username, sign-up with auto sign-in, two-factor completion)
 * must mint a fresh token, different from the planted one; the attacker's own session must
 * stay the attacker's; a chosen value never becomes a session (SECURITY.md rule 11).
 * `/sign-in/email` with a planted cookie is also tested beside its route.
 */
import { describe, expect, test } from "bun:test";
import { Secret, TOTP } from "otpauth";
import { testDialects } from "../testing/index.ts";
import { attackKit } from "./attack-kit.ts";
import type { AttackKit, Person } from "./attack-kit.ts";

const ORIGIN = { origin: "http://localhost:3000" };
const COOKIE = "better-auth.session_token";

function tokenCookie(res: Response): string | null {
	for (const line of res.headers.getSetCookie()) {
		const [pair = ""] = line.split(";");
		if (pair.startsWith(`${COOKIE}=`) && !/max-age=0/i.test(line)) return pair.slice(COOKIE.length + 1);
	}
	return null;
}

async function whoIs(k: AttackKit, cookieValue: string): Promise<string | null> {
	const res = await k.send("/get-session", { headers: { cookie: `${COOKIE}=${cookieValue}` } });
	const body = (await res.json()) as { user: { id: string } } | null;
	return body?.user.id ?? null;
}

type SignIn = { name: string; run: (k: AttackKit, planted: string) => Promise<{ res: Response; victimId: string }> };

const SIGN_INS: SignIn[] = [
	{
		name: "sign-in/username",
		run: async (k, planted) => {
			const victim = await k.person("victim");
			const uname = `v_${victim.id.slice(0, 8).toLowerCase()}`;
			expect((await k.send("/update-user", { headers: { ...ORIGIN, cookie: victim.cookie }, json: { username: uname } })).status).toBe(200);
			const res = await k.send("/sign-in/username", { headers: { ...ORIGIN, cookie: `${COOKIE}=${planted}` }, json: { username: uname, password: victim.password } });
			return { res, victimId: victim.id };
		},
	},
	{
		name: "sign-up/email (auto sign-in)",
		run: async (k, planted) => {
			const res = await k.send("/sign-up/email", { headers: { ...ORIGIN, cookie: `${COOKIE}=${planted}` }, json: { name: "New", email: `new-${Date.now()}-${Math.random()}@example.com`, password: "password1234" } });
			const body = (await res.clone().json()) as { user: { id: string } };
			return { res, victimId: body.user.id };
		},
	},
	{
		name: "two-factor/verify-totp (completing a 2FA sign-in)",
		run: async (k, planted) => {
			const victim = await k.person("victim");
			const headers = { ...ORIGIN, cookie: victim.cookie };
			const enabled = (await (await k.send("/two-factor/enable", { headers, json: { password: victim.password } })).json()) as { totpURI: string };
			const secret = Secret.fromBase32(new URL(enabled.totpURI).searchParams.get("secret") ?? "");
			expect((await k.send("/two-factor/verify-totp", { headers, json: { code: TOTP.generate({ secret }) } })).status).toBe(200);
			// The victim signs in on a browser holding the planted cookie: password, then code.
			const first = await k.send("/sign-in/email", { headers: { ...ORIGIN, cookie: `${COOKIE}=${planted}` }, json: { email: victim.email, password: victim.password } });
			// No session yet, and the planted cookie is expired by the password step, so the browser drops it.
			expect(tokenCookie(first)).toBeNull();
			expect(first.headers.getSetCookie().some((l) => l.startsWith(`${COOKIE}=;`) && /max-age=0/i.test(l))).toBe(true);
			const pending = first.headers
				.getSetCookie()
				.filter((l) => !/max-age=0/i.test(l))
				.map((l) => l.split(";")[0] ?? "")
				.join("; ");
			const res = await k.send("/two-factor/verify-totp", { headers: { ...ORIGIN, cookie: pending }, json: { code: TOTP.generate({ secret, timestamp: Date.now() + 30_000 }) } });
			return { res, victimId: victim.id };
		},
	},
];

for (const dialect of await testDialects()) {
	describe(`session fixation on every sign-in path [${dialect}]`, () => {
		for (const signIn of SIGN_INS) {
			test(`${signIn.name}: the attacker's planted valid session is replaced, not upgraded`, async () => {
				const k = await attackKit(dialect);
				const attacker: Person = await k.person("attacker");
				const planted = attacker.cookie.split("; ").find((c) => c.startsWith(`${COOKIE}=`))?.slice(COOKIE.length + 1) ?? "";
				expect(await whoIs(k, planted)).toBe(attacker.id);
				const { res, victimId } = await signIn.run(k, planted);
				expect(res.status).toBe(200);
				const fresh = tokenCookie(res);
				expect(fresh).not.toBeNull();
				expect(fresh).not.toBe(planted);
				expect(await whoIs(k, fresh ?? "")).toBe(victimId);
				// The planted session is still the attacker's: it was not turned into the victim's.
				expect(await whoIs(k, planted)).toBe(attacker.id);
			});

			test(`${signIn.name}: a value the attacker chose never becomes a session`, async () => {
				const k = await attackKit(dialect);
				const chosen = "attackerChosenToken0123456789abc";
				const { res, victimId } = await signIn.run(k, chosen);
				expect(res.status).toBe(200);
				const fresh = tokenCookie(res) ?? "";
				expect(fresh.startsWith(chosen)).toBe(false);
				expect(await whoIs(k, fresh)).toBe(victimId);
				expect(await k.t.auth.$context.storage.findOne("session", { token: chosen })).toBeNull();
			});
		}
	});
}
