import { fileURLToPath } from "node:url";

const ENTRY = fileURLToPath(new URL("../web/main.tsx", import.meta.url));

let bundle: Promise<string> | undefined;

/**
 * The web UI as one browser script, built once per process with Bun's bundler (React in
 * production mode). A failed build is not cached, so the next request retries.
 */
export function webBundle(): Promise<string> {
	bundle ??= (async () => {
		const result = await Bun.build({ entrypoints: [ENTRY], target: "browser", minify: true, define: { "process.env.NODE_ENV": '"production"' } });
		const [output] = result.outputs;
		if (!result.success || !output) throw new AggregateError(result.logs, "latchkey example: the web UI did not build");
		return output.text();
	})();
	bundle.catch(() => {
		bundle = undefined;
	});
	return bundle;
}
