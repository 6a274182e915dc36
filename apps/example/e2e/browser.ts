/**
 * End-to-end harness: the example app on 127.0.0.1 and Debian's headless Chromium driven by
 * playwright-core. Under `CI=true` a missing Chromium fails the run; elsewhere the browser
 * suites are left out with a visible warning (install it with `apt-get install -y chromium`).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "bun:test";
import { chromium } from "playwright-core";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { createExampleApp } from "../src/app.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Whether browser suites run here (throws under CI when Chromium is missing). */
export function hasChromium(): boolean {
	if (existsSync(CHROMIUM)) return true;
	if (process.env.CI === "true") throw new Error(`Chromium is required when CI=true but ${CHROMIUM} is missing (apt-get install -y chromium)`);
	console.warn(`\n[latchkey e2e] ${CHROMIUM} not found: browser suites are NOT running. Install it with apt-get install -y chromium.\n`);
	return false;
}

/** A running example app on a free loopback port, reached by the browser as `http://localhost:<port>`. */
export interface RunningApp {
	base: string;
	app: Awaited<ReturnType<typeof createExampleApp>>;
	stop(): Promise<void>;
}

function freePort(): number {
	const probe = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response() });
	const port = probe.port;
	probe.stop(true);
	if (port === undefined) throw new Error("no free port");
	return port;
}

/** How a suite's app is started. */
export interface AppOptions {
	/** `EXAMPLE_ADMIN_EMAILS`. */
	adminEmails?: readonly string[];
	/**
	 * The app's environment (social providers: `OIDC_ISSUER`, `OIDC_CLIENT_ID`, …), made once the
	 * base URL is known, because a provider must register `<base>/api/auth/callback/<id>` exactly.
	 */
	env?: (base: string) => Promise<Record<string, string>> | Record<string, string>;
}

/** Starts the example app (SQLite in a temporary directory) on 127.0.0.1. */
export async function startApp(options: AppOptions = {}): Promise<RunningApp> {
	const dir = mkdtempSync(join(tmpdir(), "latchkey-e2e-"));
	const port = freePort();
	const base = `http://localhost:${port}`;
	const env = (await options.env?.(base)) ?? {};
	const app = await createExampleApp({ port, database: join(dir, "e2e.db"), baseURL: base, adminEmails: options.adminEmails ?? [], env });
	app.app.listen({ port, hostname: "127.0.0.1" });
	return {
		base,
		app,
		async stop() {
			await app.app.stop(true);
			await app.auth.close();
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** The app and Chromium one suite shares: set before its first test, closed after its last. */
export interface BrowserSuite {
	browser: Browser;
	running: RunningApp;
}

/**
 * Registers `beforeAll` / `afterAll` that start the app and Chromium for the enclosing
 * `describe` and stop both; `setup` runs once after they are up (seed data on the server).
 */
export function browserSuite(options: AppOptions = {}, setup?: (running: RunningApp) => Promise<void>): BrowserSuite {
	const suite = {} as BrowserSuite;
	beforeAll(async () => {
		suite.running = await startApp(options);
		suite.browser = await launchBrowser();
		await setup?.(suite.running);
	});
	afterAll(async () => {
		await suite.browser?.close();
		await suite.running?.stop();
	});
	return suite;
}

/** Headless Chromium with the flags a CI box needs, a fresh profile, and localhost pinned to IPv4. */
export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: [
			"--no-sandbox",
			"--disable-gpu",
			"--disable-quic",
			"--no-first-run",
			"--disable-background-networking",
			"--disable-component-update",
			"--disable-sync",
			"--host-resolver-rules=MAP localhost 127.0.0.1",
		],
	});
}

const ARTIFACTS = join(import.meta.dir, "artifacts");

/**
 * Runs `steps` on a fresh page; on failure saves a screenshot to `e2e/artifacts/<name>.png`
 * before rethrowing, so a red CI run shows what the page looked like.
 */
export async function withPage(browser: Browser, name: string, steps: (page: Page, context: BrowserContext) => Promise<void>): Promise<void> {
	const context = await browser.newContext();
	const page = await context.newPage();
	// A failed wait then fails in seconds with a screenshot, well inside the test's own timeout.
	page.setDefaultTimeout(10_000);
	const errors: string[] = [];
	page.on("pageerror", (error) => errors.push(error.message));
	// A CSP violation (an inline script or style slipping in) is a failure too.
	page.on("console", (message) => {
		if (message.type() === "error" && /Content Security Policy/i.test(message.text())) errors.push(message.text());
	});
	// A suite that signs in more often than the app's rate limit allows says so, instead of
	// timing out on a form that never changes.
	page.on("response", (response) => {
		if (response.status() === 429) errors.push(`rate limited (429): ${response.request().method()} ${new URL(response.url()).pathname}`);
	});
	try {
		await steps(page, context);
		if (errors.length > 0) throw new Error(`page errors:\n${errors.join("\n")}`);
	} catch (error) {
		if (error instanceof Error && errors.length > 0 && !error.message.startsWith("page errors:")) error.message += `\npage errors:\n${errors.join("\n")}`;
		mkdirSync(ARTIFACTS, { recursive: true });
		await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true }).catch(() => {});
		throw error;
	} finally {
		await context.close();
	}
}
