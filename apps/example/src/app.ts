import { Elysia } from "elysia";
import { admin, apiKey, createDevOutbox, createLatchkey, latchkeyElysia, organization, passkey, twoFactor, username } from "@latchkey/server";
import { socialProvidersFromEnv } from "./social-providers.ts";
import { webBundle } from "./web-bundle.ts";

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
	const base = options.baseURL ?? `http://localhost:${options.port}`;
	const auth = createLatchkey({
		appName: "Latchkey example",
		baseURL: base,
		database: options.database,
		trustedOrigins: ["http://localhost:*", "http://127.0.0.1:*"],
		emailAndPassword: { enabled: true, sendResetPassword: (payload) => outbox.send("reset-password", payload) },
		emailVerification: { sendVerificationEmail: (payload) => outbox.send("verification", payload) },
		user: {
			changeEmail: { enabled: true, sendChangeEmailConfirmation: (payload) => outbox.send("change-email", payload) },
			deleteUser: { enabled: true, sendDeleteAccountVerification: (payload) => outbox.send("delete-account", payload) },
		},
		socialProviders: socialProvidersFromEnv(),
		plugins: [
			username(),
			passkey(),
			twoFactor(),
			admin(),
			apiKey({ enableSessionForAPIKeys: true }),
			organization({
				sendInvitationEmail: (invite) => outbox.send("organization-invitation", { user: { email: invite.email }, url: `${base}/?invitation=${invite.id}` }),
			}),
		],
	});
	await auth.migrate();
	const production = process.env.NODE_ENV === "production";
	const app = new Elysia()
		.get("/", () => new Response(INDEX_HTML, { headers: HTML_HEADERS }))
		.get("/app.js", async () => new Response(await webBundle(), { headers: SCRIPT_HEADERS }))
		.get("/app.css", () => new Response(APP_CSS, { headers: { "content-type": "text/css; charset=utf-8" } }))
		.get("/dev/outbox", () =>
			production ? new Response(null, { status: 404 }) : new Response(outbox.renderHtml(), { headers: { ...OUTBOX_HEADERS, "cache-control": "no-store" } }),
		)
		.use(latchkeyElysia(auth));
	return { app, auth, outbox };
}

/**
 * The web UI: one same-origin script and stylesheet, nothing inline and nothing from
 * elsewhere, so the CSP can forbid everything else.
 */
const HTML_HEADERS = {
	"content-type": "text/html; charset=utf-8",
	"content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
};
/** The outbox is static HTML: no scripts at all. */
const OUTBOX_HEADERS = { "content-type": "text/html; charset=utf-8", "content-security-policy": "default-src 'none'" };
const SCRIPT_HEADERS = { "content-type": "text/javascript; charset=utf-8" };

const INDEX_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Latchkey example</title><link rel="stylesheet" href="/app.css"><script type="module" src="/app.js"></script></head>
<body>
<header><h1>Latchkey example</h1>
<p>The auth API is served under <code>/api/auth</code>. Emails land in the <a href="/dev/outbox">development outbox</a>.</p></header>
<main id="root"></main>
</body></html>`;

const APP_CSS = `body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem}
form{display:grid;gap:.5rem;margin:1rem 0;padding:1rem;border:1px solid #ccc;border-radius:.5rem}
label{display:grid}button{justify-self:start}[role=alert]{color:#b00020}`;
