import { Elysia } from "elysia";
import { createLatchkey, latchkeyElysia, username } from "@latchkey/server";

/** Options of the reference server. */
export interface ExampleOptions {
	port: number;
	/** SQLite path or `postgres://` URL. */
	database: string;
	/** Public URL; default `http://localhost:<port>`. */
	baseURL?: string;
}

/**
 * The reference server: every Latchkey feature enabled, under `/api/auth`. Development
 * origins (`http://localhost:*`, `http://127.0.0.1:*`) are trusted so local front ends work.
 */
export async function createExampleApp(options: ExampleOptions) {
	const auth = createLatchkey({
		appName: "Latchkey example",
		baseURL: options.baseURL ?? `http://localhost:${options.port}`,
		database: options.database,
		trustedOrigins: ["http://localhost:*", "http://127.0.0.1:*"],
		emailAndPassword: { enabled: true },
		plugins: [username()],
	});
	await auth.migrate();
	const app = new Elysia()
		.get("/", () => new Response(INDEX_HTML, { headers: { "content-type": "text/html; charset=utf-8" } }))
		.use(latchkeyElysia(auth));
	return { app, auth };
}

const INDEX_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Latchkey example</title></head>
<body>
<h1>Latchkey reference server</h1>
<p>The auth API is served under <code>/api/auth</code>. Try <a href="/api/auth/ok">/api/auth/ok</a>
or <a href="/api/auth/get-session">/api/auth/get-session</a>.</p>
</body></html>`;
