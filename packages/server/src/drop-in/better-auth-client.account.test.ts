import { describe, expect, test } from "bun:test";
import type { LatchkeyOptions } from "../context/options.ts";
import type { EmailPayload } from "../context/user-options.ts";
import { getEmailTestInstance } from "../routes/email/test-kit.ts";
import { getTestInstance, testDialects } from "../testing/index.ts";
import type { TestInstance } from "../testing/index.ts";
import { SESSION_COOKIE, createDropInClient, followLink, waitFor } from "./create-drop-in-client.ts";

/**
 * The drop-in proof for the account lifecycle (spec/core.md §9.11–§9.17, §9.25, §9.26):
 * update-user, change-password, set-password, list/unlink accounts and delete-user through
 * the published Better Auth client. The email flows are in `better-auth-client.email.test.ts`.
 */

const PASSWORD = "password1234";

/** Gives a user a GitHub account row, as a finished social link would. */
async function addGithub(t: TestInstance<LatchkeyOptions>, userId: string): Promise<string> {
	const now = new Date();
	const row = await t.auth.$context.storage.create("account", {
		id: `gh-${userId}`,
		accountId: "github-user-1",
		providerId: "github",
		userId,
		accessToken: "secret-access-token",
		refreshToken: null,
		idToken: null,
		accessTokenExpiresAt: null,
		refreshTokenExpiresAt: null,
		scope: "read:user,user:email",
		password: null,
		createdAt: now,
		updatedAt: now,
	});
	return row.id;
}

for (const dialect of await testDialects()) {
	describe(`Better Auth client: updateUser [${dialect}]`, () => {
		test("updateUser answers status:true and the useSession atom picks up the new name", async () => {
			const t = await getTestInstance(dialect);
			const { client } = createDropInClient(t);
			const unsubscribe = client.useSession.listen(() => {});
			try {
				await client.signUp.email({ name: "Old Name", email: "upd@example.com", password: PASSWORD });
				await waitFor(() => client.useSession.get().data?.user.name === "Old Name");
				const { data, error } = await client.updateUser({ name: "New Name", image: "https://img.example/a.png" });
				expect(error).toBeNull();
				expect(data).toEqual({ status: true });
				// "/update-user" is in the client's session-signal list: the atom refetches by itself.
				await waitFor(() => client.useSession.get().data?.user.name === "New Name");
				const user = client.useSession.get().data?.user;
				expect(user?.image).toBe("https://img.example/a.png");
				expect(user?.updatedAt).toBeInstanceOf(Date);
			} finally {
				unsubscribe();
			}
		});

		test("updateUser with email gives 400 EMAIL_CAN_NOT_BE_UPDATED; with nothing, a code-less 400", async () => {
			const t = await getTestInstance(dialect);
			const { client } = createDropInClient(t);
			await client.signUp.email({ name: "Em", email: "em@example.com", password: PASSWORD });
			// The client's types leave `email` out of updateUser; a plain-JS caller can still send it.
			const withEmail = await client.updateUser({ name: "Em", fetchOptions: { body: { email: "other@example.com" } } });
			expect(withEmail.data).toBeNull();
			expect(withEmail.error).toMatchObject({ status: 400, code: "EMAIL_CAN_NOT_BE_UPDATED", message: "Email can not be updated" });
			// With no body key the client would GET (and get a 404): force its POST.
			const empty = await client.updateUser({ fetchOptions: { method: "POST", body: { emailVerified: true } } });
			expect(empty.error).toMatchObject({ status: 400, message: "No fields to update" });
			expect(empty.error?.code).toBeUndefined();
		});

		test("updateUser signed out gives 401 UNAUTHORIZED", async () => {
			const t = await getTestInstance(dialect);
			const { error } = await createDropInClient(t).client.updateUser({ name: "Nobody" });
			expect(error).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
		});
	});

	describe(`Better Auth client: changePassword and set-password [${dialect}]`, () => {
		test("changePassword with revokeOtherSessions returns a new token and a user with Dates", async () => {
			const t = await getTestInstance(dialect);
			const a = createDropInClient(t);
			const b = createDropInClient(t);
			const signUp = await a.client.signUp.email({ name: "Cp", email: "cp@example.com", password: PASSWORD });
			await b.client.signIn.email({ email: "cp@example.com", password: PASSWORD });
			const { data, error } = await a.client.changePassword({ currentPassword: PASSWORD, newPassword: "new-password-5678", revokeOtherSessions: true });
			expect(error).toBeNull();
			if (!data) throw new Error("no data");
			expect(data.token).toMatch(/^[a-zA-Z0-9]{32}$/);
			expect(data.token).not.toBe(signUp.data?.token ?? "missing");
			expect(data.user).toMatchObject({ email: "cp@example.com", name: "Cp" });
			expect(data.user.createdAt).toBeInstanceOf(Date);
			expect(data.user.updatedAt).toBeInstanceOf(Date);
			expect(a.jar.cookies.get(SESSION_COOKIE)?.startsWith(`${data.token}.`)).toBe(true);
			expect((await a.client.getSession()).data?.session.token).toBe(data.token ?? "missing");
			expect((await b.client.getSession({ query: { disableCookieCache: true } })).data).toBeNull();
			const signIn = await createDropInClient(t).client.signIn.email({ email: "cp@example.com", password: "new-password-5678" });
			expect(signIn.error).toBeNull();
		});

		test("changePassword without revokeOtherSessions answers token:null and keeps the cookie", async () => {
			const t = await getTestInstance(dialect);
			const { client, jar } = createDropInClient(t);
			await client.signUp.email({ name: "Keep", email: "keep@example.com", password: PASSWORD });
			const before = jar.cookies.get(SESSION_COOKIE);
			const { data } = await client.changePassword({ currentPassword: PASSWORD, newPassword: "new-password-5678" });
			expect(data?.token).toBeNull();
			expect(jar.cookies.get(SESSION_COOKIE)).toBe(before ?? "missing");
		});

		test("changePassword with a wrong current password gives 400 INVALID_PASSWORD", async () => {
			const t = await getTestInstance(dialect);
			const { client } = createDropInClient(t);
			await client.signUp.email({ name: "Wrong", email: "wrong@example.com", password: PASSWORD });
			const { data, error } = await client.changePassword({ currentPassword: "not-my-password", newPassword: "new-password-5678" });
			expect(data).toBeNull();
			expect(error).toMatchObject({ status: 400, code: "INVALID_PASSWORD", message: "Invalid password" });
		});

		test("changePassword with a short new password gives 400 PASSWORD_TOO_SHORT", async () => {
			const t = await getTestInstance(dialect);
			const { client } = createDropInClient(t);
			await client.signUp.email({ name: "Short", email: "short@example.com", password: PASSWORD });
			const { error } = await client.changePassword({ currentPassword: PASSWORD, newPassword: "abc" });
			expect(error).toMatchObject({ status: 400, code: "PASSWORD_TOO_SHORT" });
		});

		// Better Auth 1.7 keeps set-password server-only (spec §9.14) and its client has no
		// method for it; Latchkey routes it over HTTP on purpose, so $fetch is the way in.
		test("$fetch POST /set-password gives a password-less user one; a second call gives PASSWORD_ALREADY_SET", async () => {
			const t = await getTestInstance(dialect);
			const { client } = createDropInClient(t);
			const signUp = await client.signUp.email({ name: "Sp", email: "sp@example.com", password: PASSWORD });
			const userId = signUp.data?.user.id ?? "missing";
			await t.auth.$context.storage.update("account", { userId, providerId: "credential" }, { password: null });
			const first = await client.$fetch("/set-password", { method: "POST", body: { newPassword: "set-password-9999" } });
			expect(first.error).toBeNull();
			expect(first.data).toEqual({ status: true });
			const signIn = await createDropInClient(t).client.signIn.email({ email: "sp@example.com", password: "set-password-9999" });
			expect(signIn.error).toBeNull();
			const again = await client.$fetch("/set-password", { method: "POST", body: { newPassword: "another-pass-0000" } });
			expect(again.error).toMatchObject({ status: 400, code: "PASSWORD_ALREADY_SET", message: "User already has a password set" });
		});
	});

	describe(`Better Auth client: listAccounts and unlinkAccount [${dialect}]`, () => {
		test("listAccounts gives accounts with scopes and Dates, never tokens", async () => {
			const t = await getTestInstance(dialect);
			const { client } = createDropInClient(t);
			const signUp = await client.signUp.email({ name: "La", email: "la@example.com", password: PASSWORD });
			const userId = signUp.data?.user.id ?? "missing";
			const githubId = await addGithub(t, userId);
			const { data, error } = await client.listAccounts();
			expect(error).toBeNull();
			if (!data) throw new Error("no data");
			expect(data).toHaveLength(2);
			const credential = data.find((a) => a.providerId === "credential");
			expect(credential).toMatchObject({ providerId: "credential", accountId: userId, userId, scopes: [] });
			expect(credential?.createdAt).toBeInstanceOf(Date);
			expect(credential?.updatedAt).toBeInstanceOf(Date);
			expect(data.find((a) => a.providerId === "github")).toMatchObject({ id: githubId, accountId: "github-user-1", scopes: ["read:user", "user:email"] });
			expect(JSON.stringify(data)).not.toContain("secret-");
		});

		test("listAccounts signed out gives 401 UNAUTHORIZED", async () => {
			const t = await getTestInstance(dialect);
			const { data, error } = await createDropInClient(t).client.listAccounts();
			expect(data).toBeNull();
			expect(error).toMatchObject({ status: 401, code: "UNAUTHORIZED", message: "Unauthorized" });
		});

		test("unlinkAccount({ accountId }) with the local id from listAccounts unlinks it", async () => {
			const t = await getTestInstance(dialect);
			const { client } = createDropInClient(t);
			const signUp = await client.signUp.email({ name: "Ul", email: "ul@example.com", password: PASSWORD });
			await addGithub(t, signUp.data?.user.id ?? "missing");
			const listed = await client.listAccounts();
			const github = listed.data?.find((a) => a.providerId === "github");
			const { data, error } = await client.unlinkAccount({ accountId: github?.id ?? "missing" });
			expect(error).toBeNull();
			expect(data).toEqual({ status: true });
			expect((await client.listAccounts()).data?.map((a) => a.providerId)).toEqual(["credential"]);
		});

		test("unlinkAccount of the last account gives 400 FAILED_TO_UNLINK_LAST_ACCOUNT; an unknown one ACCOUNT_NOT_FOUND", async () => {
			const t = await getTestInstance(dialect);
			const { client } = createDropInClient(t);
			const signUp = await client.signUp.email({ name: "Last", email: "last@example.com", password: PASSWORD });
			const credential = (await client.listAccounts()).data?.[0];
			const last = await client.unlinkAccount({ accountId: credential?.id ?? "missing" });
			expect(last.error).toMatchObject({ status: 400, code: "FAILED_TO_UNLINK_LAST_ACCOUNT", message: "You can't unlink your last account" });
			await addGithub(t, signUp.data?.user.id ?? "missing");
			const unknown = await client.unlinkAccount({ accountId: "not-an-account" });
			expect(unknown.error).toMatchObject({ status: 400, code: "ACCOUNT_NOT_FOUND", message: "Account not found" });
		});
	});

	describe(`Better Auth client: deleteUser [${dialect}]`, () => {
		test("deleteUser with a fresh session deletes, clears cookies, and the atom goes null", async () => {
			const t = await getTestInstance(dialect, { user: { deleteUser: { enabled: true } } });
			const { client, jar, requests } = createDropInClient(t);
			const unsubscribe = client.useSession.listen(() => {});
			try {
				const signUp = await client.signUp.email({ name: "Del", email: "del@example.com", password: PASSWORD });
				await waitFor(() => client.useSession.get().data !== null);
				// The client always POSTs /delete-user, even with no arguments.
				const { data, error } = await client.deleteUser();
				expect(requests.at(-1)?.method).toBe("POST");
				expect(error).toBeNull();
				expect(data).toEqual({ success: true, message: "User deleted" });
				expect(jar.cookies.has(SESSION_COOKIE)).toBe(false);
				await waitFor(() => client.useSession.get().data === null);
				expect(client.useSession.get().error).toBeNull();
				expect(await t.auth.$context.storage.count("user", { id: signUp.data?.user.id ?? "missing" })).toBe(0);
			} finally {
				unsubscribe();
			}
		});

		test("deleteUser disabled gives 404 with no code; a wrong password gives 400 INVALID_PASSWORD", async () => {
			const off = await getTestInstance(dialect);
			const a = createDropInClient(off);
			await a.client.signUp.email({ name: "Off", email: "off@example.com", password: PASSWORD });
			const disabled = await a.client.deleteUser();
			expect(disabled.data).toBeNull();
			expect(disabled.error?.status).toBe(404);
			expect(disabled.error?.code).toBeUndefined();

			const on = await getTestInstance(dialect, { user: { deleteUser: { enabled: true } } });
			const b = createDropInClient(on);
			await b.client.signUp.email({ name: "On", email: "on@example.com", password: PASSWORD });
			const wrong = await b.client.deleteUser({ password: "not-my-password" });
			expect(wrong.error).toMatchObject({ status: 400, code: "INVALID_PASSWORD", message: "Invalid password" });
			expect((await b.client.getSession()).data?.user.email).toBe("on@example.com");
		});

		test("emailed deletion: the link GET /delete-user/callback deletes and redirects to callbackURL", async () => {
			const sent: EmailPayload[] = [];
			const t = await getEmailTestInstance(dialect, { user: { deleteUser: { enabled: true, sendDeleteAccountVerification: (p) => void sent.push(p) } } });
			const { client, jar } = createDropInClient(t);
			const signUp = await client.signUp.email({ name: "Mail", email: "mail-del@example.com", password: PASSWORD });
			const { data, error } = await client.deleteUser({ callbackURL: "/bye" });
			expect(error).toBeNull();
			expect(data).toEqual({ success: true, message: "Verification email sent" });
			const mail = sent[0];
			if (!mail) throw new Error("no deletion mail");
			expect(mail.url).toBe(`http://localhost:3000/api/auth/delete-user/callback?token=${mail.token}&callbackURL=%2Fbye`);
			expect(await t.auth.$context.storage.count("user", { id: signUp.data?.user.id ?? "missing" })).toBe(1);

			const bad = await client.$fetch("/delete-user/callback", { method: "GET", query: { token: "not-a-token" } });
			expect(bad.error).toMatchObject({ status: 404, code: "INVALID_TOKEN", message: "Invalid token" });

			expect(await followLink(client, mail.url)).toEqual({ status: 302, location: "/bye" });
			expect(jar.cookies.has(SESSION_COOKIE)).toBe(false);
			expect(await t.auth.$context.storage.count("user", { id: signUp.data?.user.id ?? "missing" })).toBe(0);
		});

		test("deleteUser({ token }) from the email deletes without a redirect; the callback signed out is 404", async () => {
			const sent: EmailPayload[] = [];
			const t = await getEmailTestInstance(dialect, { user: { deleteUser: { enabled: true, sendDeleteAccountVerification: (p) => void sent.push(p) } } });
			const { client } = createDropInClient(t);
			await client.signUp.email({ name: "Tok", email: "tok-del@example.com", password: PASSWORD });
			await client.deleteUser();
			const token = sent[0]?.token ?? "missing";
			const anonymous = await createDropInClient(t).client.$fetch("/delete-user/callback", { method: "GET", query: { token } });
			expect(anonymous.error).toMatchObject({ status: 404, code: "FAILED_TO_GET_USER_INFO", message: "Failed to get user info" });
			const { data, error } = await client.deleteUser({ token });
			expect(error).toBeNull();
			expect(data).toEqual({ success: true, message: "User deleted" });
			expect((await client.getSession()).data).toBeNull();
		});
	});
}
