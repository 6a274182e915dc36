import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createExampleApp } from "./app.ts";

const dir = mkdtempSync(join(tmpdir(), "latchkey-example-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("reference server", () => {
	test("serves the auth API over real HTTP on 127.0.0.1 with a SQLite file", async () => {
		const { app, auth } = await createExampleApp({ port: 0, database: join(dir, "example.db") });
		app.listen({ port: 0, hostname: "127.0.0.1" });
		const base = `http://127.0.0.1:${app.server?.port}`;
		try {
			expect(await (await fetch(`${base}/api/auth/ok`)).json()).toEqual({ ok: true });
			const signUp = await fetch(`${base}/api/auth/sign-up/email`, {
				method: "POST",
				headers: { "content-type": "application/json", origin: base },
				body: JSON.stringify({ name: "Example", email: "example@example.com", password: "password1234", username: "example_user" }),
			});
			expect(signUp.status).toBe(200);
			const token = (await signUp.json()).token as string;
			const session = await fetch(`${base}/api/auth/get-session`, { headers: { authorization: `Bearer ${token}` } });
			expect((await session.json()).user).toMatchObject({ email: "example@example.com", username: "example_user" });
			expect((await fetch(`${base}/api/auth/nope`)).status).toBe(404);
			expect((await fetch(`${base}/`)).headers.get("content-type")).toContain("text/html");
			// Every page under the strict CSP, each with its own bundle.
			for (const [page, script] of [["/", "/app.js"], ["/vue", "/vue.js"], ["/svelte", "/svelte.js"], ["/reset-password", "/app.js"]] as const) {
				const response = await fetch(`${base}${page}`);
				expect(response.headers.get("content-security-policy")).toStartWith("default-src 'none'; script-src 'self'; style-src 'self';");
				expect(await response.text()).toContain(`<script type="module" src="${script}"></script>`);
				const bundle = await fetch(`${base}${script}`);
				expect(bundle.headers.get("content-type")).toContain("text/javascript");
				expect((await bundle.text()).length).toBeGreaterThan(10_000);
			}
			// No social provider configured here: the web UI renders no social buttons.
			expect(await (await fetch(`${base}/config.json`)).json()).toEqual({ socialProviders: [] });
			// Every feature is mounted: one route of each plugin is in the API reference.
			const paths = Object.keys(((await (await fetch(`${base}/api/auth/reference/openapi.json`)).json()) as { paths: object }).paths);
			for (const path of ["/sign-in/username", "/passkey/verify-authentication", "/two-factor/enable", "/admin/list-users", "/api-key/create", "/organization/create"]) {
				expect(paths).toContain(path);
			}
		} finally {
			await app.stop(true);
			await auth.close();
		}
	});

	test("password reset through the development outbox: request, read /dev/outbox, follow the link", async () => {
		const { app, auth } = await createExampleApp({ port: 0, database: join(dir, "outbox.db") });
		app.listen({ port: 0, hostname: "127.0.0.1" });
		const base = `http://127.0.0.1:${app.server?.port}`;
		const post = (path: string, body: unknown) =>
			fetch(`${base}/api/auth${path}`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify(body) });
		try {
			expect((await post("/sign-up/email", { name: "Reset", email: "reset@example.com", password: "password1234" })).status).toBe(200);
			const request = await post("/request-password-reset", { email: "reset@example.com", redirectTo: "/reset" });
			expect(request.status).toBe(200);

			const page = await fetch(`${base}/dev/outbox`);
			expect(page.headers.get("content-type")).toContain("text/html");
			const html = await page.text();
			expect(html).toContain("reset@example.com");
			const href = /<a href="([^"]+)">/.exec(html)?.[1]?.replaceAll("&amp;", "&") ?? "";
			expect(href).toMatch(/\/api\/auth\/reset-password\/[A-Za-z0-9]{24}\?callbackURL=%2Freset$/);

			// The link carries the configured baseURL (port 0 here): follow it on the real port.
			const link = new URL(href);
			const follow = await fetch(`${base}${link.pathname}${link.search}`, { redirect: "manual" });
			expect(follow.status).toBe(302);
			const token = new URL(follow.headers.get("location") ?? "").searchParams.get("token");
			expect(token).toMatch(/^[A-Za-z0-9]{24}$/);

			expect((await post("/reset-password", { token, newPassword: "new-password-1" })).status).toBe(200);
			expect((await post("/sign-in/email", { email: "reset@example.com", password: "new-password-1" })).status).toBe(200);
		} finally {
			await app.stop(true);
			await auth.close();
		}
	});
});
