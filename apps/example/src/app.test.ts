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
		} finally {
			await app.stop(true);
			await auth.close();
		}
	});
});
