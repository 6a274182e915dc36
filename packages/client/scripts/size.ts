/**
 * Minified + gzipped size of a browser bundle of `createAuthClient`, with no plugins and with
 * every plugin (`bun scripts/size.ts`). `src/size.test.ts` runs the same measurement against
 * the budgets below; the README keeps today's numbers.
 */

/** One measured bundle. */
export interface BundleSize {
	name: string;
	/** Minified bytes. */
	raw: number;
	/** `Bun.gzipSync` bytes of the minified bundle (default level). */
	gzip: number;
	/** Whether zod ended up in the bundle (it does while `@latchkey/core` is not side-effect free). */
	hasZod: boolean;
	/** The gzip budget `src/size.test.ts` enforces: about 1.25× the size measured when it was set. */
	budget: number;
}

/**
 * The entries, with their gzip budgets in bytes, about 1.25× the size measured when set.
 * History: client 9,715 (→ 12,200); with every plugin 14,609 when admin, two-factor and
 * passkey joined (passkey brings `@simplewebauthn/browser`, about 4 KB gzip), 17,601 with
 * organization and API keys (→ 22,000). With the client's own fetch layer instead of
 * `@better-fetch/fetch`, no runtime core route table and `"sideEffects": false` (so an unused
 * passkey plugin no longer pulls in `@simplewebauthn/browser`): client 6,706 (→ 8,400), with
 * every plugin 14,451 (→ 18,000).
 */
export const ENTRIES = [
	{ name: "client", file: new URL("./entries/client.ts", import.meta.url).pathname, budget: 8_400 },
	{ name: "client + all plugins", file: new URL("./entries/all-plugins.ts", import.meta.url).pathname, budget: 18_000 },
] as const;

/** Bundles each entry for the browser, minified, and measures it. */
export async function measureBundles(): Promise<BundleSize[]> {
	const sizes: BundleSize[] = [];
	for (const entry of ENTRIES) {
		const result = await Bun.build({ entrypoints: [entry.file], target: "browser", minify: true });
		const output = result.outputs[0];
		if (!result.success || !output) throw new AggregateError(result.logs, `bundling ${entry.name} failed`);
		const code = await output.text();
		sizes.push({
			name: entry.name,
			raw: Buffer.byteLength(code),
			gzip: Bun.gzipSync(code).byteLength,
			// zod 4's core marker, present whenever any schema is bundled.
			hasZod: code.includes("$ZodType"),
			budget: entry.budget,
		});
	}
	return sizes;
}

if (import.meta.main) {
	for (const size of await measureBundles()) {
		console.log(`${size.name.padEnd(22)} raw ${String(size.raw).padStart(7)} B  gzip ${String(size.gzip).padStart(6)} B  budget ${size.budget} B  zod: ${size.hasZod ? "yes" : "no"}`);
	}
}
