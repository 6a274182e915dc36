import { Elysia } from "elysia";
import { createDevOutbox, createLatchkey, latchkeyElysia, username } from "@latchkey/server";

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
 * Emails go to an in-memory development outbox, printed to the console and listed at
 * `GET /dev/outbox` (not served when `NODE_ENV=production`: its links are live credentials).
 */
export async function createExampleApp(options: ExampleOptions) {
	const outbox = createDevOutbox();
	const auth = createLatchkey({
		appName: "Latchkey example",
		baseURL: options.baseURL ?? `http://localhost:${options.port}`,
		database: options.database,
		trustedOrigins: ["http://localhost:*", "http://127.0.0.1:*"],
		emailAndPassword: { enabled: true, sendResetPassword: (payload) => outbox.send("reset-password", payload) },
		emailVerification: { sendVerificationEmail: (payload) => outbox.send("verification", payload) },
		user: {
			changeEmail: { enabled: true, sendChangeEmailConfirmation: (payload) => outbox.send("change-email", payload) },
			deleteUser: { enabled: true, sendDeleteAccountVerification: (payload) => outbox.send("delete-account", payload) },
		},
		plugins: [username()],
	});
	await auth.migrate();
	const production = process.env.NODE_ENV === "production";
	const app = new Elysia()
		.get("/", () => new Response(INDEX_HTML, { headers: HTML_HEADERS }))
		.get("/dev/outbox", () =>
			production ? new Response(null, { status: 404 }) : new Response(outbox.renderHtml(), { headers: { ...HTML_HEADERS, "cache-control": "no-store" } }),
		)
		.use(latchkeyElysia(auth));
	return { app, auth, outbox };
}

/** HTML with no scripts allowed at all: the pages are static, so a strict CSP costs nothing. */
const HTML_HEADERS = { "content-type": "text/html; charset=utf-8", "content-security-policy": "default-src 'none'" };

const INDEX_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Latchkey example</title></head>
<body>
<h1>Latchkey reference server</h1>
<p>The auth API is served under <code>/api/auth</code>. Try <a href="/api/auth/ok">/api/auth/ok</a>
or <a href="/api/auth/get-session">/api/auth/get-session</a>. Emails land in the
<a href="/dev/outbox">development outbox</a>.</p>
</body></html>`;
