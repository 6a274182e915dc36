/**
 * Cross-site request forgery, against every state-changing route at once.
 *
 * The attacker runs https://evil.example and gets a signed-in victim to load a page there.
 * The page submits forms or `fetch(…, { credentials: "include" })` to every POST route of the
 * auth server; the browser attaches the victim's cookies (SameSite=Lax stops cross-site
 * subresource POSTs in modern browsers, but not same-site siblings, old browsers or
 * top-level navigations). Variants: a foreign `Origin`, `Origin: null` (sandboxed iframes,
 * `data:` pages, some redirects), no `Origin` at all (old browsers, some proxies strip it), a
 * foreign `Referer` only, and `Sec-Fetch-Site: cross-site` without `Origin`.
 *
 * Every one must be refused with 403 `INVALID_ORIGIN` / `MISSING_OR_NULL_ORIGIN` before
 * the handler runs: the database stays byte-for-byte the same (SECURITY.md rule 12,
 * spec/core.md §6.1). The route list comes from the OpenAPI document, so a new route is
 * covered the day it is added. GET routes never change state, whatever they are sent.
 */
import { describe, expect, test } from "bun:test";
import { testDialects } from "../testing/index.ts";
import { attackKit, refusal } from "./attack-kit.ts";

const ATTACKS: { name: string; headers: Record<string, string>; code: string }[] = [
	{ name: "foreign Origin", headers: { origin: "https://evil.example" }, code: "INVALID_ORIGIN" },
	{ name: "look-alike Origin", headers: { origin: "http://localhost:3000.evil.example" }, code: "INVALID_ORIGIN" },
	{ name: "Origin: null", headers: { origin: "null" }, code: "MISSING_OR_NULL_ORIGIN" },
	{ name: "Origin: null, cross-site fetch metadata", headers: { origin: "null", "sec-fetch-site": "cross-site" }, code: "MISSING_OR_NULL_ORIGIN" },
	{ name: "no Origin, no Referer", headers: {}, code: "MISSING_OR_NULL_ORIGIN" },
	{ name: "no Origin, foreign Referer", headers: { referer: "https://evil.example/page" }, code: "INVALID_ORIGIN" },
	{ name: "no Origin, unparsable Referer", headers: { referer: "::not a url::" }, code: "MISSING_OR_NULL_ORIGIN" },
	{ name: "Sec-Fetch-Site: cross-site, no Origin", headers: { "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" }, code: "MISSING_OR_NULL_ORIGIN" },
];

const CHALLENGE_GETS = new Set(["/passkey/generate-register-options", "/passkey/generate-authenticate-options"]);

function withoutVerification(state: string): string {
	const { verification: _, ...rest } = JSON.parse(state) as Record<string, unknown>; // Sound: `state()` is JSON of an object.
	return JSON.stringify(rest);
}

for (const dialect of await testDialects()) {
	describe(`CSRF on every state-changing route [${dialect}]`, () => {
		test("a cross-site request carrying the victim's cookies is refused on every POST route and changes nothing", async () => {
			const k = await attackKit(dialect);
			const victim = await k.person("victim");
			const admin = await k.person("admin", { admin: true });
			const posts = k.operations.filter((op) => op.method === "POST");
			expect(posts.length).toBeGreaterThan(60);
			const before = await k.state();
			const wrong: string[] = [];
			for (const op of posts) {
				const path = op.path.replace(/\{(\w+)\}/g, "x");
				for (const who of [victim, admin]) {
					for (const attack of ATTACKS) {
						// A plausible body: the refusal must not depend on the body being invalid.
						const res = await k.send(path, { headers: { cookie: who.cookie, "content-type": "application/json", ...attack.headers }, body: JSON.stringify({ email: victim.email, password: victim.password, userId: victim.id, name: "pwned" }) });
						const got = await refusal(res);
						if (got.status !== 403 || got.code !== attack.code || got.envelope.length > 0) wrong.push(`${op.path} ${attack.name}: ${got.status} ${got.code} ${got.envelope}`);
					}
				}
			}
			expect(wrong).toEqual([]);
			expect(await k.state()).toBe(before);
			// The victim's session survived every attempt (sign-out, revoke-sessions … were refused).
			const still = await k.send("/get-session", { headers: { cookie: victim.cookie } });
			expect(((await still.json()) as { user: { id: string } }).user.id).toBe(victim.id);
		});

		test("the same requests from the trusted origin are not refused by the origin check (control)", async () => {
			const k = await attackKit(dialect);
			const victim = await k.person("victim");
			const posts = k.operations.filter((op) => op.method === "POST");
			for (const op of posts) {
				const res = await k.send(op.path.replace(/\{(\w+)\}/g, "x"), { headers: { cookie: victim.cookie, origin: "http://localhost:3000" }, json: {} });
				const got = await refusal(res);
				expect({ path: op.path, code: got.code }).not.toEqual({ path: op.path, code: expect.stringMatching(/ORIGIN/) });
			}
		});

		test("GET routes change nothing, even with the victim's cookies and a foreign origin", async () => {
			const k = await attackKit(dialect);
			const victim = await k.person("victim");
			const gets = k.operations.filter((op) => op.method === "GET");
			expect(gets.length).toBeGreaterThan(20);
			let before = await k.state();
			for (const op of gets) {
				const query = op.query.map((q) => `${q.name}=${encodeURIComponent(q.name === "callbackURL" ? "/after" : "x")}`).join("&");
				const path = op.path.replace(/\{(\w+)\}/g, "x");
				const res = await k.send(query ? `${path}?${query}` : path, { headers: { cookie: victim.cookie, origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
				expect({ path: op.path, status: res.status < 500 }).toEqual({ path: op.path, status: true });
				const after = await k.state();
				// WebAuthn options are GETs in Better Auth's wire contract and store a short-lived
				// challenge (a `verification` row); nothing else may change.
				const scope = CHALLENGE_GETS.has(op.path) ? withoutVerification : (s: string) => s;
				expect({ path: op.path, changed: scope(after) !== scope(before) }).toEqual({ path: op.path, changed: false });
				before = after;
			}
		});

		test("a bearer-only request is not subject to the cookie CSRF check, but a forged cookie next to it is", async () => {
			const k = await attackKit(dialect);
			const victim = await k.person("victim");
			// No ambient credential: a browser never attaches an Authorization header cross-site.
			const bearer = await k.send("/update-user", { headers: { authorization: `Bearer ${victim.token}`, origin: "https://evil.example" }, json: { name: "renamed" } });
			expect(bearer.status).toBe(200);
			const both = await k.send("/update-user", { headers: { authorization: `Bearer ${victim.token}`, cookie: "better-auth.session_token=junk", origin: "https://evil.example" }, json: { name: "pwned" } });
			expect(await refusal(both)).toEqual({ status: 403, code: "INVALID_ORIGIN", envelope: [] });
			const row = await k.t.auth.$context.storage.findOne("user", { id: victim.id });
			expect(row?.name).toBe("renamed");
		});
	});
}
