/**
 * Credentials that should be dead: stolen cookies and bearer tokens after the victim reacts.
 *
 * The attacker has copied a victim's session (cookie from a shared computer, bearer token
 * from a leaked log, an API key from a repository). The victim — or an admin — then does what
 * is supposed to cut the attacker off: signs out, changes the password and revokes other
 * sessions, resets the password by email, revokes every session; the admin bans or removes
 * the account; the user deletes it. The attacker keeps replaying the stolen credential, as a
 * cookie and as `Authorization: Bearer`, against every route that needs a session (the list
 * comes from the OpenAPI document), and an API key acting as a session via `x-api-key`.
 *
 * After each event every replay must be refused (401, or `null` from get-session), and the
 * refusals change nothing (SECURITY.md rules 6 and 16: bans, deletions, password changes and
 * revocations take effect on the next request, for every credential).
 */
import { describe, expect, test } from "bun:test";
import { testDialects } from "../testing/index.ts";
import { attackKit } from "./attack-kit.ts";
import type { AttackKit, Person } from "./attack-kit.ts";

const ORIGIN = { origin: "http://localhost:3000" };

/** A second, independent session of `person` (another device), as the attacker's stolen copy. */
async function stolenSession(k: AttackKit, person: Person): Promise<{ cookie: string; token: string }> {
	const res = await k.send("/sign-in/email", { headers: ORIGIN, json: { email: person.email, password: person.password } });
	expect(res.status).toBe(200);
	const cookie = res.headers
		.getSetCookie()
		.map((line) => line.split(";")[0] ?? "")
		.join("; ");
	return { cookie, token: res.headers.get("set-auth-token") ?? "" };
}

async function apiKeyOf(k: AttackKit, person: Person): Promise<string> {
	const res = await k.send("/api-key/create", { headers: { ...ORIGIN, cookie: person.cookie }, json: { name: "ci" } });
	expect(res.status).toBe(200);
	return ((await res.json()) as { key: string }).key;
}

/**
 * Replays the credentials on get-session and on every secured route; returns the replays
 * that were not answered exactly as the same request without any credential (validation
 * runs before the session check, so "refused" means "what an anonymous caller gets").
 */
async function replays(k: AttackKit, stolen: { cookie: string; token: string }, apiKey: string | null): Promise<string[]> {
	const accepted: string[] = [];
	const credentials: [string, Record<string, string>][] = [
		["cookie", { cookie: stolen.cookie, ...ORIGIN }],
		["bearer", { authorization: `Bearer ${stolen.token}` }],
	];
	if (apiKey) credentials.push(["api key", { "x-api-key": apiKey }]);
	for (const [name, headers] of credentials) {
		const session = await k.send("/get-session", { headers });
		const text = await session.text();
		if (text !== "null" && session.status !== 401) accepted.push(`${name} get-session: ${session.status} ${text.slice(0, 100)}`);
		for (const op of k.operations.filter((o) => o.secured)) {
			const path = op.path.replace(/\{(\w+)\}/g, "x");
			const call = (h: Record<string, string>) => (op.method === "GET" ? k.send(path, { headers: h }) : k.send(path, { method: op.method, headers: h, json: {} }));
			const res = await call(headers);
			const anonymous = await call(ORIGIN);
			const got = `${res.status} ${await res.text()}`;
			const expected = `${anonymous.status} ${await anonymous.text()}`;
			// Refused: a 401 (a dead API key has its own code), or exactly the anonymous answer.
			if (res.status !== 401 && got !== expected) accepted.push(`${name} ${op.method} ${op.path}: ${got.slice(0, 120)} (anonymous: ${expected.slice(0, 120)})`);
		}
	}
	return accepted;
}

/**
 * `killsApiKeys`: the events SECURITY.md rule 16 says reach every credential (ban, deletion,
 * password reset); revoking sessions or changing a password leaves API keys alone (they are
 * separate credentials, managed on their own, as in Better Auth).
 */
type Event = { name: string; killsApiKeys: boolean; run: (k: AttackKit, victim: Person, admin: Person, stolen: { cookie: string; token: string }) => Promise<void> };

async function ok(res: Promise<Response>): Promise<void> {
	const r = await res;
	expect({ status: r.status, body: r.status === 200 ? "" : await r.text() }).toEqual({ status: 200, body: "" });
}

const EVENTS: Event[] = [
	{
		name: "the admin bans the user",
		killsApiKeys: true,
		run: (k, victim, admin) => ok(k.send("/admin/ban-user", { headers: { ...ORIGIN, cookie: admin.cookie }, json: { userId: victim.id } })),
	},
	{
		name: "the admin removes the user",
		killsApiKeys: true,
		run: (k, victim, admin) => ok(k.send("/admin/remove-user", { headers: { ...ORIGIN, cookie: admin.cookie }, json: { userId: victim.id } })),
	},
	{
		name: "the admin sets a new password",
		killsApiKeys: false,
		run: (k, victim, admin) => ok(k.send("/admin/set-user-password", { headers: { ...ORIGIN, cookie: admin.cookie }, json: { userId: victim.id, newPassword: "admin-chosen-1" } })),
	},
	{
		name: "the user resets the password by email",
		killsApiKeys: true,
		run: async (k, victim) => {
			await ok(k.send("/request-password-reset", { headers: ORIGIN, json: { email: victim.email } }));
			const mail = k.t.mail.findLast((m) => m.kind === "reset-password" && m.to === victim.email);
			await ok(k.send("/reset-password", { headers: ORIGIN, json: { token: mail?.token ?? "", newPassword: "after-reset-1" } }));
		},
	},
	{
		name: "the user changes the password and revokes other sessions",
		killsApiKeys: false,
		run: (k, victim) => ok(k.send("/change-password", { headers: { ...ORIGIN, cookie: victim.cookie }, json: { currentPassword: victim.password, newPassword: "changed-pass-1", revokeOtherSessions: true } })),
	},
	{
		name: "the user revokes every session",
		killsApiKeys: false,
		run: (k, victim) => ok(k.send("/revoke-sessions", { headers: { ...ORIGIN, cookie: victim.cookie }, json: {} })),
	},
	{
		name: "the user deletes the account through the emailed link",
		killsApiKeys: true,
		run: async (k, victim) => {
			await ok(k.send("/delete-user", { headers: { ...ORIGIN, cookie: victim.cookie }, json: { password: victim.password } }));
			const mail = k.t.mail.findLast((m) => m.kind === "delete-account" && m.to === victim.email);
			await ok(k.send(`/delete-user/callback?token=${encodeURIComponent(mail?.token ?? "")}`, { headers: { cookie: victim.cookie } }));
		},
	},
];

for (const dialect of await testDialects()) {
	describe(`stolen credentials after the victim reacts [${dialect}]`, () => {
		test("control: before anything happens, the stolen cookie, bearer token and API key all work", async () => {
			const k = await attackKit(dialect);
			const victim = await k.person("victim");
			const stolen = await stolenSession(k, victim);
			const key = await apiKeyOf(k, victim);
			const all: Record<string, string>[] = [{ cookie: stolen.cookie }, { authorization: `Bearer ${stolen.token}` }, { "x-api-key": key }];
			for (const headers of all) {
				const res = await k.send("/get-session", { headers });
				expect(((await res.json()) as { user: { id: string } }).user.id).toBe(victim.id);
			}
		});

		for (const event of EVENTS) {
			test(`${event.name}: every replay of the stolen cookie and bearer token (and API key where rule 16 says so) is refused`, async () => {
				const k = await attackKit(dialect);
				const admin = await k.person("admin", { admin: true });
				const victim = await k.person("victim");
				const stolen = await stolenSession(k, victim);
				const key = await apiKeyOf(k, victim);
				await event.run(k, victim, admin, stolen);
				const before = await k.state();
				expect(await replays(k, stolen, event.killsApiKeys ? key : null)).toEqual([]);
				expect(await k.state()).toBe(before);
			});
		}

		test("signing out kills that session for its cookie and its bearer token", async () => {
			const k = await attackKit(dialect);
			const victim = await k.person("victim");
			const stolen = await stolenSession(k, victim);
			await ok(k.send("/sign-out", { headers: { ...ORIGIN, cookie: stolen.cookie }, json: {} }));
			const both: Record<string, string>[] = [{ cookie: stolen.cookie }, { authorization: `Bearer ${stolen.token}` }];
			for (const headers of both) {
				expect(await (await k.send("/get-session", { headers })).text()).toBe("null");
				expect((await k.send("/list-sessions", { headers })).status).toBe(401);
			}
			// The victim's other device is untouched.
			expect((await k.send("/list-sessions", { headers: { cookie: victim.cookie } })).status).toBe(200);
		});
	});
}
