/**
 * The rate limiter's answer, and whether it can be dodged.
 *
 * The fuzzer runs with rate limiting off (it is one client sending thousands of requests),
 * so the 429 is checked here. An attacker brute-forcing passwords or flooding reset mail
 * gets 429 with Better Auth's codeless `{ message }` body and an `X-Retry-After` header, no
 * stack or internals; the refused requests change nothing; and rotating `X-Forwarded-For`
 * or `X-Real-IP` values does not buy a fresh bucket when no trusted proxy is configured
 * (SECURITY.md rules 5, 13, 15; spec/core.md §6.4).
 */
import { describe, expect, test } from "bun:test";
import { envelopeProblems } from "../fuzz/invariants.ts";
import { testDialects } from "../testing/index.ts";
import { attackKit } from "./attack-kit.ts";

const ORIGIN = { origin: "http://localhost:3000" };

for (const dialect of await testDialects()) {
	describe(`429 envelope and rate-limit evasion [${dialect}]`, () => {
		test("password guessing past the limit: 429 JSON { message }, X-Retry-After, nothing written", async () => {
			const k = await attackKit(dialect, { rateLimit: { enabled: true } });
			const victim = await k.person("victim");
			const statuses: number[] = [];
			let limited: Response | undefined;
			for (let i = 0; i < 6; i++) {
				const res = await k.send("/sign-in/email", { headers: ORIGIN, json: { email: victim.email, password: `guess-${i}-xxxx` } });
				statuses.push(res.status);
				if (res.status === 429) limited ??= res;
				else await res.text();
			}
			expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
			expect(statuses.slice(3)).toEqual([429, 429, 429]);
			const res = limited as Response;
			expect(res.headers.get("content-type")).toStartWith("application/json");
			expect(Number(res.headers.get("x-retry-after"))).toBeGreaterThan(0);
			const text = await res.text();
			expect(envelopeProblems(text)).toEqual([]);
			expect(JSON.parse(text)).toEqual({ message: "Too many requests. Please try again later." });
			// Even the right password is refused while limited, and nothing was written.
			const before = await k.state();
			const right = await k.send("/sign-in/email", { headers: ORIGIN, json: { email: victim.email, password: victim.password } });
			expect(right.status).toBe(429);
			expect(right.headers.getSetCookie()).toEqual([]);
			expect(await k.state()).toBe(before);
		});

		test("rotating X-Forwarded-For / X-Real-IP does not reset the bucket without a trusted proxy", async () => {
			const k = await attackKit(dialect, { rateLimit: { enabled: true } });
			const statuses: number[] = [];
			for (let i = 0; i < 6; i++) {
				const spoof = `203.0.113.${i + 1}`;
				const res = await k.send("/request-password-reset", { headers: { ...ORIGIN, "x-forwarded-for": `${spoof}, 10.0.0.1`, "x-real-ip": spoof }, json: { email: "victim@example.com" } });
				statuses.push(res.status);
			}
			expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(3);
		});

		test("every documented route answers 429 with the same envelope once its bucket is spent", async () => {
			const k = await attackKit(dialect, { rateLimit: { enabled: true, window: 60, max: 1 } });
			const wrong: string[] = [];
			for (const op of k.operations) {
				const path = op.path.replace(/\{(\w+)\}/g, "x");
				const send = () => (op.method === "GET" ? k.send(path) : k.send(path, { method: op.method, headers: ORIGIN, json: {} }));
				let res = await send();
				// Plugin rules may allow more than the global max (is-username-available: 10 per 10 s).
				for (let i = 0; i < 15 && res.status !== 429; i++) res = await send();
				const text = await res.text();
				if (res.status !== 429 || envelopeProblems(text).length > 0 || !res.headers.get("x-retry-after")) wrong.push(`${op.method} ${op.path}: ${res.status} ${text.slice(0, 80)}`);
			}
			expect(wrong).toEqual([]);
		});
	});
}
