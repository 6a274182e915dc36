import { describe, expect, test } from "bun:test";
import { getAllPluginsInstance } from "../security/all-plugins.ts";
import { testDialects } from "../testing/index.ts";
import { RouteFuzzer, fuzzSettings } from "./fuzz-routes.ts";

/*
 * Property-based fuzzing of every documented route (issue 12). The attacker here knows the
 * OpenAPI document and sends every route bodies, queries, path parameters and headers built
 * to break it: wrong types, missing and extra fields, huge strings and arrays, deep nesting,
 * own `__proto__` / `constructor` / `prototype` keys, lone surrogates, RTL and zero-width
 * characters, NUL, CRLF, SQL and NoSQL injection, malformed JSON, wrong content types, empty
 * and oversized bodies — anonymously, with a forged credential, and with a real session
 * (cookie, bearer token, and an admin's cookie).
 *
 * Invariants (fuzz/invariants.ts): never a 5xx; no stack trace, source path, SQL or runtime
 * error text in a response; every error is `{ code, message }` (or a documented codeless or
 * empty one); no redirect off-site; no header injection; and a refused request leaves every
 * table byte-for-byte unchanged.
 *
 * Bounded: fixed seed and run count (`FUZZ_RUNS`, `FUZZ_SEED`); `bun run fuzz` runs longer.
 * Rate limiting is off in this instance (the fuzzer is one client sending thousands of
 * requests); the 429 envelope is tested in security/error-envelope.security.test.ts.
 */

// One test per dialect: the harness disposes instances after each test.
for (const dialect of await testDialects()) {
	describe(`fuzz every route [${dialect}]`, () => {
		const settings = fuzzSettings(dialect);
		test(`${settings.runs} hostile requests per route (seed ${settings.seed})`, async () => {
			const fuzzer = await RouteFuzzer.create(await getAllPluginsInstance(dialect));
			const operations = fuzzer.operations();
			// The walk covers every plugin's routes, not a vacuous subset.
			expect(operations.length).toBeGreaterThan(80);
			expect(operations.map((op) => op.path)).toEqual(
				expect.arrayContaining(["/sign-up/email", "/admin/list-users", "/organization/create", "/api-key/create", "/two-factor/enable", "/passkey/verify-authentication", "/reset-password/{token}"]),
			);
			const failures: string[] = [];
			for (const op of operations) {
				try {
					await fuzzer.fuzz(op, settings);
				} catch (error) {
					failures.push(error instanceof Error ? error.message : String(error));
				}
			}
			if (process.env.FUZZ_VERBOSE) console.log(dialect, fuzzer.sent.total, [...fuzzer.sent.byStatus].sort());
			expect(failures).toEqual([]);
			expect(fuzzer.sent.total).toBeGreaterThanOrEqual(operations.length * settings.runs);
		}, 600_000);
	});
}
