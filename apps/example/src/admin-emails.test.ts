import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAdminEmails } from "./admin-emails.ts";
import { createExampleApp } from "./app.ts";

const dir = mkdtempSync(join(tmpdir(), "latchkey-example-admin-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("parseAdminEmails", () => {
	test("splits, trims, lowercases and drops empty entries", () => {
		expect(parseAdminEmails(" Ada@Example.com, ,bob@example.com,")).toEqual(["ada@example.com", "bob@example.com"]);
		expect(parseAdminEmails(undefined)).toEqual([]);
	});
});

/**
 * The attack: anyone can sign up with an address listed in EXAMPLE_ADMIN_EMAILS. Only the
 * owner of the address can verify it, so the role must wait for verification.
 */
describe("adminEmailsPlugin", () => {
	test("a listed address becomes admin at the first session after verification, not before", async () => {
		const { auth } = await createExampleApp({ port: 0, database: join(dir, "admin.db"), adminEmails: ["Ada@example.com"] });
		try {
			const password = "ada password 1";
			await auth.api.signUpEmail({ body: { name: "Ada", email: "ada@example.com", password } });
			await auth.api.signUpEmail({ body: { name: "Eve", email: "eve@example.com", password } });
			const role = async (email: string) => (await auth.$context.storage.findOne("user", { email }))?.role;
			await auth.api.signInEmail({ body: { email: "ada@example.com", password } });
			expect(await role("ada@example.com")).toBe("user");

			await auth.$context.storage.update("user", { email: "ada@example.com" }, { emailVerified: true });
			await auth.$context.storage.update("user", { email: "eve@example.com" }, { emailVerified: true });
			await auth.api.signInEmail({ body: { email: "ada@example.com", password } });
			await auth.api.signInEmail({ body: { email: "eve@example.com", password } });
			expect(await role("ada@example.com")).toBe("admin");
			expect(await role("eve@example.com")).toBe("user");
		} finally {
			await auth.close();
		}
	});
});
