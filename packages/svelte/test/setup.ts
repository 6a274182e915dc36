import { GlobalRegistrator } from "@happy-dom/global-registrator";
import { plugin } from "bun";
// Top-level import, so the plugin registers synchronously (with an async setup the loaders
// were not applied in time).
import { compile, compileModule } from "svelte/compiler";

// Without `--conditions browser` Svelte resolves its server build and `mount()` throws
// `lifecycle_function_unavailable`; `conditions` in bunfig.toml does not apply.
if (!Bun.resolveSync("svelte", import.meta.dir).endsWith("index-client.js")) {
	throw new Error("Svelte resolved its server build: run `bun run test` (bun test --conditions browser).");
}

// happy-dom replaces fetch/Request/Response/Headers with browser-like classes that drop
// Cookie/Set-Cookie, so the in-process server would lose every session.
// Keep Bun's own fetch primitives after registering the DOM.
const native = { fetch, Request, Response, Headers, FormData, URL, URLSearchParams, AbortController, AbortSignal };
GlobalRegistrator.register({ url: "http://localhost:3000" });
Object.assign(globalThis, native);

// `bun test` does not compile Svelte; this compiles `.svelte` components and `.svelte.ts`
// rune modules for the client (the official bun-plugin-svelte 0.0.6 failed on mount).
plugin({
	name: "svelte-test",
	setup(build) {
		const ts = new Bun.Transpiler({ loader: "ts" });
		build.onLoad({ filter: /\.svelte$/ }, async ({ path }) => ({
			contents: compile(await Bun.file(path).text(), { filename: path, generate: "client" }).js.code,
			loader: "js",
		}));
		build.onLoad({ filter: /\.svelte\.(ts|js)$/ }, async ({ path }) => {
			let source = await Bun.file(path).text();
			if (path.endsWith(".ts")) source = ts.transformSync(source);
			return { contents: compileModule(source, { filename: path, generate: "client" }).js.code, loader: "js" };
		});
	},
});
