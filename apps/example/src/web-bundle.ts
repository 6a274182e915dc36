import { fileURLToPath } from "node:url";
import type { BunPlugin } from "bun";
import { compile } from "svelte/compiler";

/** The browser entry points: the React app and the two minimal binding pages. */
const ENTRIES = {
	react: "../web/main.tsx",
	vue: "../web/vue/main.ts",
	svelte: "../web/svelte/main.ts",
} as const;

/** Name of a browser bundle. */
export type WebBundleName = keyof typeof ENTRIES;

/**
 * Compiles `.svelte` components for the browser with `svelte/compiler` (Bun's bundler does not
 * know Svelte). Svelte's CSS is injected from JS by default; `css: "external"` keeps styles
 * out of the page, so the strict CSP (`style-src 'self'`, no inline styles) holds.
 */
const sveltePlugin: BunPlugin = {
	name: "latchkey-example-svelte",
	setup(build) {
		build.onLoad({ filter: /\.svelte$/ }, async ({ path }) => ({
			contents: compile(await Bun.file(path).text(), { filename: path, generate: "client", css: "external" }).js.code,
			loader: "js",
		}));
	},
};

const bundles = new Map<WebBundleName, Promise<string>>();

/**
 * One browser script per page, built once per process with Bun's bundler (production mode,
 * browser export conditions). A failed build is not cached, so the next request retries.
 */
export function webBundle(name: WebBundleName = "react"): Promise<string> {
	const cached = bundles.get(name);
	if (cached) return cached;
	const built = (async () => {
		const entry = fileURLToPath(new URL(ENTRIES[name], import.meta.url));
		const result = await Bun.build({
			entrypoints: [entry],
			target: "browser",
			minify: true,
			plugins: name === "svelte" ? [sveltePlugin] : [],
			define: { "process.env.NODE_ENV": '"production"', __VUE_OPTIONS_API__: "false", __VUE_PROD_DEVTOOLS__: "false", __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false" },
		});
		const [output] = result.outputs;
		if (!result.success || !output) throw new AggregateError(result.logs, `latchkey example: the ${name} bundle did not build`);
		return output.text();
	})();
	bundles.set(name, built);
	built.catch(() => bundles.delete(name));
	return built;
}
