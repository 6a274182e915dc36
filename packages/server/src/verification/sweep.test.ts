import { describe, expect, test } from "bun:test";
import { generateId } from "../crypto/random.ts";
import { cmp } from "../storage/storage.ts";
import { getTestInstance, testDialects } from "../testing/index.ts";
import { latestSweep, SWEEP_INTERVAL_MS } from "./sweep.ts";
import { createVerification } from "./verification-tokens.ts";

for (const dialect of await testDialects()) {
	describe(`expired verification sweep [${dialect}]`, () => {
		test("writing a verification row deletes expired rows, at most once a minute, and keeps live ones", async () => {
			let now = Date.parse("2030-01-01T00:00:00.000Z");
			const t = await getTestInstance(dialect, { now: () => new Date(now) });
			const auth = t.auth.$context;
			const seed = (identifier: string, expiresInMs: number) =>
				auth.storage.create("verification", { id: generateId(), identifier, value: "v", expiresAt: new Date(now + expiresInMs), createdAt: new Date(now), updatedAt: new Date(now) });
			const identifiers = async () => (await auth.storage.findMany("verification", { identifier: cmp.ne("") })).map((row) => row.identifier).sort();
			await seed("abandoned-challenge", -1000);
			await seed("just-expired", 0);
			await seed("live-reset-link", 3_600_000);

			expect(latestSweep(auth)).toBeUndefined();
			await createVerification(auth, { identifier: "new-token", value: "v", expiresInSeconds: 60 });
			await latestSweep(auth);
			expect(await identifiers()).toEqual(["live-reset-link", "new-token"]);

			// Within the interval nothing more is swept; after it, the next write sweeps again.
			const firstSweep = now;
			now += 30_000;
			await seed("expired-later", -1);
			now = firstSweep + SWEEP_INTERVAL_MS - 1;
			const previous = latestSweep(auth);
			await createVerification(auth, { identifier: "second-token", value: "v", expiresInSeconds: 3600 });
			expect(latestSweep(auth)).toBe(previous);
			expect(await identifiers()).toContain("expired-later");
			now += 1;
			await createVerification(auth, { identifier: "third-token", value: "v", expiresInSeconds: 3600 });
			expect(latestSweep(auth)).not.toBe(previous);
			await latestSweep(auth);
			expect(await identifiers()).toEqual(["live-reset-link", "second-token", "third-token"]);
		});

		test("a write inside a transaction lands; its sweep runs outside the transaction without waiting for it", async () => {
			const t = await getTestInstance(dialect);
			const auth = t.auth.$context;
			await auth.storage.transaction((tx) => createVerification(auth, { identifier: "in-tx", value: "v", expiresInSeconds: 60 }, tx));
			await latestSweep(auth);
			expect(await auth.storage.count("verification", { identifier: "in-tx" })).toBe(1);
		});
	});
}
