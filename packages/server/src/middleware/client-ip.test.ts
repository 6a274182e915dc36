/**
 * Client IP resolution (spec/core.md §6.4; SECURITY.md rule 5).
 *
 * The IP keys the rate limiter. `X-Forwarded-For` is written by whoever sends the request,
 * so trusting it by default hands an attacker a fresh bucket per request; only a header a
 * configured proxy overwrites may be read, and then only the value that proxy appended (the
 * right-most). Hostile header values must never crash the pipeline.
 */
import { describe, expect, test } from "bun:test";
import { getTestInstance, TEST_ORIGIN } from "../testing/index.ts";
import { clientIp, normalizeIp } from "./client-ip.ts";

// Close every instance after each test: the shared preload only disposes them at the very
// end of the run, and PostgreSQL allows 100 connections.

describe("normalizeIp", () => {
	const cases: [string, string][] = [
		["127.0.0.1", "127.0.0.1"],
		["::ffff:192.0.2.1", "192.0.2.1"],
		["::FFFF:192.0.2.1", "192.0.2.1"],
		["2001:db8::1", "2001:db8:0:0::/64"],
		["2001:0DB8:0000:0000:0001:0002:0003:0004", "2001:db8:0:0::/64"],
		["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
		["::1", "0:0:0:0::/64"],
		["::", "0:0:0:0::/64"],
		["fe80::", "fe80:0:0:0::/64"],
	];
	for (const [input, expected] of cases) {
		test(`${input} → ${expected}`, () => {
			expect(normalizeIp(input)).toBe(expected);
		});
	}

	test("addresses of one /64 collapse to the same key", () => {
		expect(normalizeIp("2001:db8:a:b::1")).toBe(normalizeIp("2001:db8:a:b:ffff:ffff:ffff:ffff"));
		expect(normalizeIp("2001:db8:a:b::1")).not.toBe(normalizeIp("2001:db8:a:c::1"));
	});

	test("malformed values never throw", () => {
		for (const junk of ["1:2:3:4:5:6:7:8::9", "1::2::3", ":::::::::::", "1:2:3:4:5:6:7:8:9:10", "garbage", "", "::ffff:", "[::1]"]) {
			expect(() => normalizeIp(junk)).not.toThrow();
			expect(typeof normalizeIp(junk)).toBe("string");
		}
	});
});

describe("clientIp", () => {
	const headers = (init: Record<string, string>): Headers => new Headers(init);

	test("without configured headers the socket address is used and X-Forwarded-For ignored", () => {
		expect(clientIp(headers({ "x-forwarded-for": "6.6.6.6" }), "10.0.0.1", undefined)).toBe("10.0.0.1");
		expect(clientIp(headers({}), null, undefined)).toBeNull();
		expect(clientIp(headers({}), "::ffff:10.0.0.1", undefined)).toBe("10.0.0.1");
	});

	test("with configured headers the right-most value wins, in header order, else the socket", () => {
		const names = ["cf-connecting-ip", "x-forwarded-for"];
		expect(clientIp(headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.1" }), "10.0.0.1", names)).toBe("198.51.100.1");
		expect(clientIp(headers({ "x-forwarded-for": " 198.51.100.1 " }), "10.0.0.1", names)).toBe("198.51.100.1");
		expect(clientIp(headers({ "cf-connecting-ip": "203.0.113.5", "x-forwarded-for": "198.51.100.1" }), "10.0.0.1", names)).toBe("203.0.113.5");
		expect(clientIp(headers({ "x-forwarded-for": "6.6.6.6," }), "10.0.0.1", names)).toBe("10.0.0.1");
		expect(clientIp(headers({}), "10.0.0.1", names)).toBe("10.0.0.1");
	});
});

test("a hostile IP header is answered normally, not with a crash", async () => {
	const t = await getTestInstance("sqlite", { rateLimit: { enabled: true }, advanced: { ipAddress: { ipAddressHeaders: ["x-forwarded-for"] } } });
	for (const value of ["1:2:3:4:5:6:7:8::9", "1::2::3::4", "x".repeat(5000)]) {
		const res = await t.auth.handler(new Request(`${TEST_ORIGIN}/api/auth/get-session`, { headers: { "x-forwarded-for": value } }), { ip: "10.0.0.1" });
		expect(res.status).toBe(200);
		expect(await res.text()).toBe("null");
	}
});

describe("a lazy socket address (RequestInfo.ip as a function)", () => {
	const signUpRequest = (email: string): Request =>
		new Request(`${TEST_ORIGIN}/api/auth/sign-up/email`, {
			method: "POST",
			headers: { "content-type": "application/json", origin: TEST_ORIGIN },
			body: JSON.stringify({ name: "Lazy", email, password: "password1234" }),
		});

	test("is not looked up when nothing needs it, and once when a session records it", async () => {
		const t = await getTestInstance("sqlite");
		let calls = 0;
		const ip = (): string => {
			calls++;
			return "::ffff:192.0.2.7";
		};
		const ok = await t.auth.handler(new Request(`${TEST_ORIGIN}/api/auth/ok`), { ip });
		expect(ok.status).toBe(200);
		expect(await t.auth.handler(new Request(`${TEST_ORIGIN}/api/auth/get-session`), { ip })).toHaveProperty("status", 200);
		expect(calls).toBe(0);
		const up = await t.auth.handler(signUpRequest("lazy-ip@example.com"), { ip });
		expect(up.status).toBe(200);
		expect(calls).toBe(1);
		const { token } = (await up.json()) as { token: string };
		const row = await t.auth.$context.storage.findOne("session", { token });
		expect(row?.ipAddress).toBe("192.0.2.7");
	});

	test("is looked up once per request when a rate-limit rule applies, and keys the bucket", async () => {
		const t = await getTestInstance("sqlite", { rateLimit: { enabled: true, customRules: { "/ok": { window: 60, max: 1 } } } });
		let calls = 0;
		const from = (address: string) => (): string => {
			calls++;
			return address;
		};
		expect((await t.auth.handler(new Request(`${TEST_ORIGIN}/api/auth/ok`), { ip: from("10.0.0.1") })).status).toBe(200);
		expect(calls).toBe(1);
		expect((await t.auth.handler(new Request(`${TEST_ORIGIN}/api/auth/ok`), { ip: from("10.0.0.1") })).status).toBe(429);
		expect((await t.auth.handler(new Request(`${TEST_ORIGIN}/api/auth/ok`), { ip: from("10.0.0.2") })).status).toBe(200);
		expect(calls).toBe(3);
	});

	test("a getter that returns undefined reads as no address", async () => {
		const t = await getTestInstance("sqlite");
		const up = await t.auth.handler(signUpRequest("no-ip@example.com"), { ip: () => undefined });
		expect(up.status).toBe(200);
		const { token } = (await up.json()) as { token: string };
		expect((await t.auth.$context.storage.findOne("session", { token }))?.ipAddress).toBe("");
	});
});
