/**
 * Single-use secrets: replayed, raced and used in the wrong flow.
 *
 * The attacker holds one emailed token (intercepted mail, a shared inbox, a link in a proxy
 * log). They fire it twenty times in parallel, hoping two requests read it before either
 * spends it (the double-spend Better Auth fixed across its 2026 hardening round), and they
 * try it in every other consumer: a password-reset token on /verify-email, a verification
 * JWT on /reset-password, a delete-account token as a reset token, an invitation id on the
 * wrong user. Races already covered beside their routes (reset-password, delete-user,
 * two-factor codes, passkeys, invitations accepted twice, sign-up, create-user) are not
 * repeated here.
 *
 * Exactly one parallel use wins; a token works only in the flow it was minted for
 * (SECURITY.md rules 1 and 2).
 */
import { describe, expect, test } from "bun:test";
import { testDialects } from "../testing/index.ts";
import { attackKit } from "./attack-kit.ts";
import type { AttackKit, Person } from "./attack-kit.ts";

const ORIGIN = { origin: "http://localhost:3000" };

function post(k: AttackKit, path: string, json: unknown, who?: Person): Promise<Response> {
	return k.send(path, { headers: { ...ORIGIN, ...(who ? { cookie: who.cookie } : {}) }, json });
}

function mailFor(k: AttackKit, kind: string, to: string): string {
	const mail = k.t.mail.findLast((m) => m.kind === kind && m.to === to);
	if (!mail) throw new Error(`no ${kind} mail to ${to}`);
	return mail.token;
}

for (const dialect of await testDialects()) {
	describe(`single-use tokens [${dialect}]`, () => {
		test("race: twenty parallel uses of one change-email token move the address once; the rest are refused", async () => {
			const k = await attackKit(dialect);
			const victim = await k.person("victim");
			const newEmail = `moved-${victim.id.slice(0, 6).toLowerCase()}@example.com`;
			expect((await post(k, "/change-email", { newEmail }, victim)).status).toBe(200);
			const token = mailFor(k, "verification", newEmail);
			const results = await Promise.all(Array.from({ length: 20 }, () => k.send(`/verify-email?token=${encodeURIComponent(token)}`, { headers: { cookie: victim.cookie } })));
			const statuses = results.map((r) => r.status);
			expect(statuses.filter((s) => s === 200)).toHaveLength(1);
			expect(statuses.filter((s) => s !== 200).every((s) => s === 401)).toBe(true);
			expect((await k.t.auth.$context.storage.findOne("user", { id: victim.id }))?.email).toBe(newEmail);
			// And later, sequentially: still spent.
			expect((await k.send(`/verify-email?token=${encodeURIComponent(token)}`, { headers: { cookie: victim.cookie } })).status).toBe(401);
		});

		test("race: ten accepts and ten rejects of one invitation at once: exactly one wins and the outcome is consistent", async () => {
			const k = await attackKit(dialect);
			const owner = await k.person("owner");
			const invitee = await k.person("invitee");
			const org = (await (await post(k, "/organization/create", { name: "Race", slug: `race-${owner.id.slice(0, 6).toLowerCase()}` }, owner)).json()) as { id: string };
			const invitation = (await (await post(k, "/organization/invite-member", { email: invitee.email, role: "member", organizationId: org.id }, owner)).json()) as { id: string };
			const results = await Promise.all(Array.from({ length: 20 }, (_, i) => post(k, i % 2 ? "/organization/accept-invitation" : "/organization/reject-invitation", { invitationId: invitation.id }, invitee)));
			const wins = results.map((r, i) => ({ accept: i % 2 === 1, status: r.status })).filter((r) => r.status === 200);
			expect(wins).toHaveLength(1);
			const member = await k.t.auth.$context.storage.findOne("member", { organizationId: org.id, userId: invitee.id });
			const row = await k.t.auth.$context.storage.findOne("invitation", { id: invitation.id });
			expect({ member: member !== null, status: row?.status }).toEqual(wins[0]?.accept ? { member: true, status: "accepted" } : { member: false, status: "rejected" });
		});

		test("every emailed token works only in its own flow", async () => {
			const k = await attackKit(dialect);
			const victim = await k.person("victim");
			// Mint one of each: reset, email verification, change-email, delete-account.
			await post(k, "/request-password-reset", { email: victim.email });
			await post(k, "/send-verification-email", { email: victim.email });
			const newEmail = `new-${victim.id.slice(0, 6).toLowerCase()}@example.com`;
			await post(k, "/change-email", { newEmail }, victim);
			await post(k, "/delete-user", { password: victim.password }, victim);
			const tokens = {
				reset: mailFor(k, "reset-password", victim.email),
				verification: mailFor(k, "verification", victim.email),
				changeEmail: mailFor(k, "verification", newEmail),
				deleteAccount: mailFor(k, "delete-account", victim.email),
			};
			const before = await k.state();
			// Each consumer with every token that is not its own: refused, nothing changes.
			const misuse: string[] = [];
			for (const [kind, token] of Object.entries(tokens)) {
				const enc = encodeURIComponent(token);
				const attempts: [string, () => Promise<Response>][] = [];
				if (kind !== "reset") {
					attempts.push(["POST /reset-password", () => post(k, "/reset-password", { token, newPassword: "attacker-pass-1" })]);
					attempts.push(["GET /reset-password/:token", () => k.send(`/reset-password/${enc}?callbackURL=/r`)]);
				}
				if (kind !== "verification" && kind !== "changeEmail") attempts.push(["GET /verify-email", () => k.send(`/verify-email?token=${enc}`, { headers: { cookie: victim.cookie } })]);
				if (kind !== "deleteAccount") attempts.push(["GET /delete-user/callback", () => k.send(`/delete-user/callback?token=${enc}`, { headers: { cookie: victim.cookie } })]);
				attempts.push(["POST /organization/accept-invitation", () => post(k, "/organization/accept-invitation", { invitationId: token }, victim)]);
				for (const [where, attempt] of attempts) {
					const res = await attempt();
					const location = res.headers.get("location") ?? "";
					const refused = res.status >= 400 || (res.status === 302 && /error=INVALID_TOKEN/.test(location));
					if (!refused) misuse.push(`${kind} token at ${where}: ${res.status} ${location}`);
				}
			}
			expect(misuse).toEqual([]);
			expect(await k.state()).toBe(before);
			// Control: each token still works in its own flow afterwards.
			expect((await post(k, "/reset-password", { token: tokens.reset, newPassword: "rightful-pass-1" })).status).toBe(200);
		});
	});
}
