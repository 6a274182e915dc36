import { join } from "node:path";

/** A bundle entry per side: the client alone, with the six client plugins, and the React binding. */
export const BUNDLES = [
	{ name: "client", latchkey: "latchkey-client.ts", betterAuth: "better-auth-client.ts" },
	{ name: "client + 6 plugins", latchkey: "latchkey-all-plugins.ts", betterAuth: "better-auth-all-plugins.ts" },
	{ name: "React binding", latchkey: "latchkey-react.ts", betterAuth: "better-auth-react.ts" },
] as const;

/**
 * Minified + gzipped bytes of a browser bundle of `bundles/<file>`, built the same way for both
 * sides (Bun.build, target browser, minify; React left out as the app's own dependency).
 */
export async function gzippedBundleBytes(file: string): Promise<number> {
	const result = await Bun.build({ entrypoints: [join(import.meta.dir, "../bundles", file)], target: "browser", minify: true, external: ["react", "react-dom"] });
	const output = result.outputs[0];
	if (!result.success || !output) throw new AggregateError(result.logs, `bundling ${file} failed`);
	return Bun.gzipSync(await output.text()).byteLength;
}
