/**
 * Open redirects, through every redirect parameter of every route.
 *
 * The attacker crafts a link to the real auth server whose `callbackURL` (or `redirectTo`,
 * `errorCallbackURL`, `newUserCallbackURL`) points at their phishing page, or at a
 * `javascript:` URL, then sends it to a victim: after signing in, verifying an email or
 * resetting a password, the trusted site bounces the victim to the attacker (with a token
 * in the URL, for reset links). Parsers disagree on odd forms, so the payloads are the
 * classic disagreements: protocol-relative `//evil.com`, `https:evil.com`, backslashes
 * (`/\evil.com`, which browsers read as `//`), percent-encoded separators, tabs and newlines
 * that browsers strip, `javascript:` and `data:` in any case, userinfo (`https://trusted@evil.com`),
 * look-alike hosts and other ports.
 *
 * Every route that takes one of these fields (found in the OpenAPI document, body and query,
 * GET included) must refuse each payload with 403 and the field's code, and change nothing
 * (SECURITY.md rule 3, spec/core.md §6.1 steps B and D). Safe values must still pass.
 */
import { describe, expect, test } from "bun:test";
import { testDialects } from "../testing/index.ts";
import { attackKit, refusal } from "./attack-kit.ts";
import type { AttackKit } from "./attack-kit.ts";

const FIELDS: Record<string, string> = {
	callbackURL: "INVALID_CALLBACK_URL",
	redirectTo: "INVALID_REDIRECT_URL",
	errorCallbackURL: "INVALID_ERROR_CALLBACK_URL",
	newUserCallbackURL: "INVALID_NEW_USER_CALLBACK_URL",
};

export const OPEN_REDIRECT_PAYLOADS: readonly string[] = [
	"//evil.com",
	"///evil.com",
	"//evil.com/%2F..",
	"https:evil.com",
	"http:evil.com",
	"/\\evil.com",
	"\\\\evil.com",
	"\\/evil.com",
	"/\\/evil.com",
	"http:/\\evil.com",
	"%2F%2Fevil.com",
	"/%2F/evil.com",
	"/%2fevil.com",
	"/%5Cevil.com",
	"/%5cevil.com",
	"%5C%5Cevil.com",
	"/\t/evil.com",
	"/\n/evil.com",
	"/\r/evil.com",
	"/\u0000/evil.com",
	" //evil.com",
	"javascript:alert(document.cookie)",
	"JaVaScRiPt:alert(1)",
	"java\tscript:alert(1)",
	"javascript://localhost:3000/%0aalert(1)",
	"data:text/html,<script>alert(1)</script>",
	"vbscript:msgbox(1)",
	"https://localhost:3000@evil.com",
	"http://localhost:3000@evil.com/",
	"http://localhost:3000%40evil.com",
	"http://localhost:3000.evil.com",
	"http://evil.com#http://localhost:3000",
	"http://evil.com?http://localhost:3000",
	"https://evil.com",
	"HTTP://EVIL.COM",
	"http://localhost:3001",
	"https://localhost:3000",
	"http://localhost",
	"ftp://localhost:3000/x",
	"evil.com",
	"http://[::1]:3000",
	"http://127.0.0.1:3000",
];

/** Safe targets that must not be refused. */
const SAFE = ["/dashboard", "/welcome?x=1#top", "http://localhost:3000/after"];

/** Where each redirect field is read: `[method, path, field, in]`, from the OpenAPI document. */
function redirectParameters(k: AttackKit): { method: string; path: string; field: string; where: "body" | "query" }[] {
	const out: { method: string; path: string; field: string; where: "body" | "query" }[] = [];
	for (const op of k.operations) {
		for (const q of op.query) if (q.name in FIELDS) out.push({ method: op.method, path: op.path, field: q.name, where: "query" });
		const props = (op.body?.properties ?? {}) as Record<string, unknown>;
		for (const name of Object.keys(props)) if (name in FIELDS) out.push({ method: op.method, path: op.path, field: name, where: "body" });
	}
	return out;
}

function send(k: AttackKit, p: { method: string; path: string; field: string; where: "body" | "query" }, value: string, cookie?: string) {
	const path = p.path.replace(/\{(\w+)\}/g, "some-token");
	// A body that is otherwise plausible, so the redirect target is the only thing wrong.
	const body = { email: "someone@example.com", password: "password1234", name: "N", token: "t", newPassword: "password5678", provider: "github", [p.field]: value };
	const headers: Record<string, string> = { origin: "http://localhost:3000", ...(cookie ? { cookie } : {}) };
	if (p.where === "query") return k.send(`${path}?${p.field}=${encodeURIComponent(value)}&token=t`, { method: p.method, headers, ...(p.method === "GET" ? {} : { json: {} }) });
	return k.send(path, { method: p.method, headers, json: body });
}

for (const dialect of await testDialects()) {
	describe(`open redirects through every redirect parameter [${dialect}]`, () => {
		test("every hostile target is refused with 403 and the field's code, on every route, and nothing changes", async () => {
			const k = await attackKit(dialect);
			const victim = await k.person("victim");
			const params = redirectParameters(k);
			// At least sign-in, sign-up, send-verification-email, verify-email, password reset (both), change-email, delete-user (both).
			expect(params.length).toBeGreaterThanOrEqual(9);
			const before = await k.state();
			const wrong: string[] = [];
			for (const p of params) {
				for (const payload of OPEN_REDIRECT_PAYLOADS) {
					for (const cookie of [undefined, victim.cookie]) {
						const res = await send(k, p, payload, cookie);
						const got = await refusal(res);
						if (res.headers.get("location") !== null || got.status !== 403 || got.code !== FIELDS[p.field] || got.envelope.length > 0) {
							wrong.push(`${p.method} ${p.path} ${p.where}.${p.field}=${JSON.stringify(payload)}: ${got.status} ${got.code} ${res.headers.get("location") ?? ""}`);
						}
					}
				}
			}
			expect(wrong).toEqual([]);
			expect(await k.state()).toBe(before);
		});

		test("a non-string redirect target is 400, never accepted", async () => {
			const k = await attackKit(dialect);
			for (const p of redirectParameters(k).filter((x) => x.where === "body")) {
				for (const value of [["//evil.com"], { href: "//evil.com" }, 1]) {
					const res = await k.send(p.path, { headers: { origin: "http://localhost:3000" }, json: { email: "a@example.com", password: "password1234", [p.field]: value } });
					expect({ path: p.path, field: p.field, status: res.status }).toEqual({ path: p.path, field: p.field, status: 400 });
				}
			}
		});

		/** @see issue 12: found by the fuzzer (a `Headers` TypeError after the account was already deleted). */
		test("regression: a safe target with non-ASCII characters redirects (percent-encoded) instead of a 500", async () => {
			const k = await attackKit(dialect);
			const target = "/bienvenue/été?q=ü&e=\u{1F600}&s=\uD800";
			const verify = await k.send(`/verify-email?token=bad&callbackURL=${encodeURIComponent(target.replace("\uD800", ""))}`);
			expect(verify.status).toBe(302);
			expect(verify.headers.get("location")).toBe("/bienvenue/%C3%A9t%C3%A9?q=%C3%BC&e=%F0%9F%98%80&s=&error=INVALID_TOKEN");
			const victim = await k.person("victim");
			await k.send("/delete-user", { headers: { origin: "http://localhost:3000", cookie: victim.cookie }, json: { password: victim.password } });
			const token = k.t.mail.findLast((m) => m.kind === "delete-account")?.token ?? "";
			const deleted = await k.send(`/delete-user/callback?token=${encodeURIComponent(token)}&callbackURL=${encodeURIComponent("/au-revoir/é")}`, { headers: { cookie: victim.cookie } });
			expect(deleted.status).toBe(302);
			expect(deleted.headers.get("location")).toBe("/au-revoir/%C3%A9");
			expect(await k.t.auth.$context.storage.findOne("user", { id: victim.id })).toBeNull();
		});

		test("safe relative and same-origin targets are not refused by the validator (control)", async () => {
			const k = await attackKit(dialect);
			for (const p of redirectParameters(k)) {
				for (const value of SAFE) {
					const got = await refusal(await send(k, p, value));
					expect({ at: `${p.path} ${p.field}`, value, code: got.code }).not.toEqual({ at: `${p.path} ${p.field}`, value, code: FIELDS[p.field] });
				}
			}
		});
	});
}
