import { Elysia } from "elysia";
import { admin, apiKey, createDevOutbox, createLatchkey, organization, passkey, socialProviderIds, twoFactor, username } from "@latchkey/server";
import { latchkeyElysia } from "@latchkey/server/elysia";
import { adminEmailsPlugin, parseAdminEmails } from "./admin-emails.ts";
import { APP_CSS, HTML_HEADERS, INDEX_HTML, OUTBOX_HEADERS, SCRIPT_HEADERS, SVELTE_HTML, VUE_HTML } from "./pages.ts";
import { socialProvidersFromEnv } from "./social-providers.ts";
import { webBundle } from "./web-bundle.ts";

/** Options of the reference server. */
export interface ExampleOptions {
	port: number;
	/** SQLite path or `postgres://` URL. */
	database: string;
	/** Public URL; default `http://localhost:<port>`. */
	baseURL?: string;
	/**
	 * Addresses that become admin once verified (see `adminEmailsPlugin`). Default: the
	 * comma-separated `EXAMPLE_ADMIN_EMAILS`.
	 */
	adminEmails?: readonly string[];
	/**
	 * Environment the social providers are read from (`GITHUB_CLIENT_ID`, `OIDC_ISSUER`, … see
	 * `socialProvidersFromEnv`). Default: `process.env`.
	 */
	env?: Readonly<Record<string, string | undefined>>;
}

/** What the web UI needs to know about the server: `GET /config.json`. */
export interface ExampleConfig {
	/** Configured social providers (`socialProviders` keys), one "Continue with …" button each. */
	socialProviders: string[];
}

/**
 * The reference server: every Latchkey feature enabled, under `/api/auth`. Development
 * origins (`http://localhost:*`, `http://127.0.0.1:*`) are trusted so local front ends work.
 * Emails (and two-factor one-time codes) go to an in-memory development outbox, printed to the
 * console and listed at `GET /dev/outbox` (not served when `NODE_ENV=production`: its links
 * are live credentials).
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
		emailVerification: {
			sendVerificationEmail: (payload) => outbox.send("verification", payload),
			sendOnSignUp: true,
			// Following the link signs the browser in (and picks up an admin role, see adminEmailsPlugin).
			autoSignInAfterVerification: true,
		},
		user: {
			changeEmail: { enabled: true, sendChangeEmailConfirmation: (payload) => outbox.send("change-email", payload) },
			deleteUser: { enabled: true, sendDeleteAccountVerification: (payload) => outbox.send("delete-account", payload) },
		},
		socialProviders: socialProvidersFromEnv(options.env),
		plugins: [
			username(),
			passkey(),
			// The outbox has a link column; a one-time code has no link, so the code goes there
			// (development only: the code is a live credential for its 3 minutes).
			twoFactor({ otpOptions: { sendOTP: ({ user, otp }) => outbox.send("two-factor-otp", { user, url: otp }) } }),
			admin(),
			adminEmailsPlugin(options.adminEmails ?? parseAdminEmails(process.env.EXAMPLE_ADMIN_EMAILS)),
			apiKey({ enableSessionForAPIKeys: true }),
			organization({
				sendInvitationEmail: (invite) => outbox.send("organization-invitation", { user: { email: invite.email }, url: `${base}/?invitation=${encodeURIComponent(invite.id)}` }),
			}),
		],
	});
	await auth.migrate();
	const config: ExampleConfig = { socialProviders: socialProviderIds(auth.options.socialProviders) };
	const production = process.env.NODE_ENV === "production";
	const html = (page: string) => () => new Response(page, { headers: HTML_HEADERS });
	const script = (name: "react" | "vue" | "svelte") => async () => new Response(await webBundle(name), { headers: SCRIPT_HEADERS });
	const app = new Elysia()
		.get("/", html(INDEX_HTML))
		// Where emailed reset links land (`redirectTo: "/reset-password"`): the same React app.
		.get("/reset-password", html(INDEX_HTML))
		.get("/vue", html(VUE_HTML))
		.get("/svelte", html(SVELTE_HTML))
		.get("/app.js", script("react"))
		.get("/vue.js", script("vue"))
		.get("/svelte.js", script("svelte"))
		.get("/app.css", () => new Response(APP_CSS, { headers: { "content-type": "text/css; charset=utf-8" } }))
		.get("/config.json", () => Response.json(config))
		.get("/dev/outbox", () =>
			production ? new Response(null, { status: 404 }) : new Response(outbox.renderHtml(), { headers: { ...OUTBOX_HEADERS, "cache-control": "no-store" } }),
		)
		.use(latchkeyElysia(auth));
	return { app, auth, outbox };
}
