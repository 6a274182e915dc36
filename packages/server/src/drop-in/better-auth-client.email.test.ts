import { describe, expect, test } from "bun:test";
import { getEmailTestInstance } from "../routes/email/test-kit.ts";
import type { EmailTestInstance, SentMail } from "../routes/email/test-kit.ts";
import { testDialects } from "../testing/index.ts";
import { SESSION_COOKIE, createDropInClient, followLink, waitFor } from "./create-drop-in-client.ts";

/**
 * The drop-in proof for the email flows (spec/core.md §9.18–§9.24): verification, password
 * reset and change-email through the published Better Auth client, each followed from the
 * captured mail's URL as a user clicking the link would.
 */

const PASSWORD = "password1234";
const RESET_SENT = { status: true, message: "If this email exists in our system, check your email for the reset link" };

function lastMail(t: EmailTestInstance, kind: SentMail["kind"]): SentMail {
	const mail = t.mails.filter((m) => m.kind === kind).at(-1);
	if (!mail) throw new Error(`no ${kind} mail`);
	return mail;
}

for (const dialect of await testDialects()) {
	describe(`Better Auth client: email verification [${dialect}]`, () => {
		test("sendVerificationEmail, then the mailed link verifies and redirects to callbackURL", async () => {
			const t = await getEmailTestInstance(dialect);
			const { client } = createDropInClient(t);
			await client.signUp.email({ name: "Ver", email: "ver@example.com", password: PASSWORD });
			const { data, error } = await client.sendVerificationEmail({ email: "ver@example.com", callbackURL: "/welcome" });
			expect(error).toBeNull();
			expect(data).toEqual({ status: true });
			const mail = lastMail(t, "verification");
			expect(mail.to).toBe("ver@example.com");
			expect(mail.url).toBe(`http://localhost:3000/api/auth/verify-email?token=${mail.token}&callbackURL=%2Fwelcome`);

			expect(await followLink(client, mail.url)).toEqual({ status: 302, location: "/welcome" });
			const session = await client.getSession({ query: { disableCookieCache: true } });
			expect(session.data?.user.emailVerified).toBe(true);
			expect(session.data?.user.updatedAt).toBeInstanceOf(Date);
		});

		test("verifyEmail({ query }) answers status:true; autoSignInAfterVerification signs a new browser in", async () => {
			const t = await getEmailTestInstance(dialect, { emailVerification: { autoSignInAfterVerification: true } });
			const { client } = createDropInClient(t);
			await client.signUp.email({ name: "Auto", email: "auto@example.com", password: PASSWORD });
			await client.sendVerificationEmail({ email: "auto@example.com" });
			const other = createDropInClient(t);
			const unsubscribe = other.client.useSession.listen(() => {});
			try {
				const { data, error } = await other.client.verifyEmail({ query: { token: lastMail(t, "verification").token } });
				expect(error).toBeNull();
				expect(data).toMatchObject({ status: true });
				expect(other.jar.cookies.has(SESSION_COOKIE)).toBe(true);
				// "/verify-email" is a session-signal path: the atom of the new browser fills in.
				await waitFor(() => other.client.useSession.get().data !== null);
				expect(other.client.useSession.get().data?.user).toMatchObject({ email: "auto@example.com", emailVerified: true });
			} finally {
				unsubscribe();
			}
		});

		test("verifyEmail with a bad token: 401 INVALID_TOKEN, or a redirect with ?error= when given a callbackURL", async () => {
			const t = await getEmailTestInstance(dialect);
			const { client } = createDropInClient(t);
			const { data, error } = await client.verifyEmail({ query: { token: "garbage" } });
			expect(data).toBeNull();
			expect(error).toMatchObject({ status: 401, code: "INVALID_TOKEN", message: "Invalid token" });
			expect(await followLink(client, "/verify-email?token=garbage&callbackURL=%2Fcb")).toEqual({ status: 302, location: "/cb?error=INVALID_TOKEN" });
		});

		test("sendVerificationEmail errors: EMAIL_MISMATCH, EMAIL_ALREADY_VERIFIED, VERIFICATION_EMAIL_NOT_ENABLED", async () => {
			const t = await getEmailTestInstance(dialect);
			const { client } = createDropInClient(t);
			const signUp = await client.signUp.email({ name: "Err", email: "err@example.com", password: PASSWORD });
			const mismatch = await client.sendVerificationEmail({ email: "someone-else@example.com" });
			expect(mismatch.error).toMatchObject({ status: 400, code: "EMAIL_MISMATCH", message: "Email mismatch" });
			await t.auth.$context.storage.update("user", { id: signUp.data?.user.id ?? "missing" }, { emailVerified: true });
			const verified = await client.sendVerificationEmail({ email: "err@example.com" });
			expect(verified.error).toMatchObject({ status: 400, code: "EMAIL_ALREADY_VERIFIED", message: "Email is already verified" });

			const off = await getEmailTestInstance(dialect, { senders: false });
			const disabled = await createDropInClient(off).client.sendVerificationEmail({ email: "x@example.com" });
			expect(disabled.error).toMatchObject({ status: 400, code: "VERIFICATION_EMAIL_NOT_ENABLED", message: "Verification email isn't enabled" });
		});

		test("sendVerificationEmail signed out answers status:true for an unknown email and sends nothing", async () => {
			const t = await getEmailTestInstance(dialect);
			const { data, error } = await createDropInClient(t).client.sendVerificationEmail({ email: "ghost@example.com" });
			expect(error).toBeNull();
			expect(data).toEqual({ status: true });
			expect(t.mails).toHaveLength(0);
		});
	});

	describe(`Better Auth client: password reset [${dialect}]`, () => {
		test("requestPasswordReset → mailed link → redirect with token → resetPassword → new password works", async () => {
			const t = await getEmailTestInstance(dialect, { emailAndPassword: { revokeSessionsOnPasswordReset: true } });
			const owner = createDropInClient(t);
			await owner.client.signUp.email({ name: "Rp", email: "rp@example.com", password: PASSWORD });
			const { client } = createDropInClient(t);
			const { data, error } = await client.requestPasswordReset({ email: "rp@example.com", redirectTo: "/reset" });
			expect(error).toBeNull();
			expect(data).toEqual(RESET_SENT);
			const mail = lastMail(t, "reset-password");
			expect(mail.url).toBe(`http://localhost:3000/api/auth/reset-password/${mail.token}?callbackURL=%2Freset`);

			const link = await followLink(client, mail.url);
			expect(link).toEqual({ status: 302, location: `http://localhost:3000/reset?token=${mail.token}` });
			const token = new URL(link.location ?? "http://x/").searchParams.get("token") ?? "missing";
			const reset = await client.resetPassword({ newPassword: "reset-password-42", token });
			expect(reset.error).toBeNull();
			expect(reset.data).toEqual({ status: true });

			expect((await client.signIn.email({ email: "rp@example.com", password: "reset-password-42" })).error).toBeNull();
			const old = await createDropInClient(t).client.signIn.email({ email: "rp@example.com", password: PASSWORD });
			expect(old.error).toMatchObject({ status: 401, code: "INVALID_EMAIL_OR_PASSWORD" });
			// revokeSessionsOnPasswordReset: the owner's earlier session is gone.
			expect((await owner.client.getSession({ query: { disableCookieCache: true } })).data).toBeNull();

			const again = await client.resetPassword({ newPassword: "reset-password-43", token });
			expect(again.error).toMatchObject({ status: 400, code: "INVALID_TOKEN", message: "Invalid token" });
		});

		test("requestPasswordReset for an unknown email answers the same and sends nothing", async () => {
			const t = await getEmailTestInstance(dialect);
			const { data } = await createDropInClient(t).client.requestPasswordReset({ email: "nobody@example.com" });
			expect(data).toEqual(RESET_SENT);
			expect(t.mails).toHaveLength(0);
		});

		test("requestPasswordReset without a sender gives 400 RESET_PASSWORD_DISABLED", async () => {
			const t = await getEmailTestInstance(dialect, { senders: false });
			const { data, error } = await createDropInClient(t).client.requestPasswordReset({ email: "a@example.com" });
			expect(data).toBeNull();
			expect(error).toMatchObject({ status: 400, code: "RESET_PASSWORD_DISABLED", message: "Reset password isn't enabled" });
		});

		// The 1.7 client proxy still maps forgetPassword to /forget-password at run time, but its
		// types no longer list it (spec §9.22), so typed code reaches it through $fetch.
		test("POST /forget-password (legacy alias) mails a working reset link", async () => {
			const t = await getEmailTestInstance(dialect);
			await createDropInClient(t).client.signUp.email({ name: "Fp", email: "fp@example.com", password: PASSWORD });
			const { client } = createDropInClient(t);
			const { data, error } = await client.$fetch("/forget-password", { method: "POST", body: { email: "fp@example.com", redirectTo: "/reset" } });
			expect(error).toBeNull();
			expect(data).toMatchObject({ status: true });
			const mail = lastMail(t, "reset-password");
			expect((await client.resetPassword({ newPassword: "forgot-password-1", token: mail.token })).data).toEqual({ status: true });
			const off = await getEmailTestInstance(dialect, { senders: false });
			const disabled = await createDropInClient(off).client.$fetch("/forget-password", { method: "POST", body: { email: "fp@example.com" } });
			expect(disabled.error).toMatchObject({ status: 400, code: "RESET_PASSWORD_DISABLED" });
		});

		test("GET /reset-password/:token: a bad token redirects with ?error=INVALID_TOKEN; no callbackURL is 400", async () => {
			const t = await getEmailTestInstance(dialect);
			const { client } = createDropInClient(t);
			expect(await followLink(client, "/reset-password/not-a-token?callbackURL=%2Freset")).toEqual({
				status: 302,
				location: "http://localhost:3000/reset?error=INVALID_TOKEN",
			});
			const missing = await client.$fetch("/reset-password/not-a-token", { method: "GET" });
			expect(missing.error).toMatchObject({ status: 400, code: "VALIDATION_ERROR" });
		});

		test("resetPassword with an unknown token gives 400 INVALID_TOKEN", async () => {
			const t = await getEmailTestInstance(dialect);
			const { data, error } = await createDropInClient(t).client.resetPassword({ newPassword: "reset-password-42", token: "not-a-token" });
			expect(data).toBeNull();
			expect(error).toMatchObject({ status: 400, code: "INVALID_TOKEN", message: "Invalid token" });
		});
	});

	describe(`Better Auth client: changeEmail [${dialect}]`, () => {
		test("updateEmailWithoutVerification: the email changes at once and the useSession atom follows", async () => {
			const t = await getEmailTestInstance(dialect, { user: { changeEmail: { enabled: true, updateEmailWithoutVerification: true } } });
			const { client } = createDropInClient(t);
			const unsubscribe = client.useSession.listen(() => {});
			try {
				await client.signUp.email({ name: "Ce", email: "ce-old@example.com", password: PASSWORD });
				await waitFor(() => client.useSession.get().data?.user.email === "ce-old@example.com");
				const { data, error } = await client.changeEmail({ newEmail: "CE-New@Example.com" });
				expect(error).toBeNull();
				expect(data).toMatchObject({ status: true });
				await waitFor(() => client.useSession.get().data?.user.email === "ce-new@example.com");
				expect(client.useSession.get().data?.user.emailVerified).toBe(false);
				expect(lastMail(t, "verification").url).toContain("/verify-email?token=");
			} finally {
				unsubscribe();
			}
		});

		test("default flow: the new address gets a link; verifyEmail switches the email and refreshes the atom", async () => {
			const t = await getEmailTestInstance(dialect, { user: { changeEmail: { enabled: true } } });
			const { client } = createDropInClient(t);
			const unsubscribe = client.useSession.listen(() => {});
			try {
				await client.signUp.email({ name: "Cv", email: "cv-old@example.com", password: PASSWORD });
				await waitFor(() => client.useSession.get().data !== null);
				expect((await client.changeEmail({ newEmail: "cv-new@example.com", callbackURL: "/changed" })).data).toMatchObject({ status: true });
				expect(client.useSession.get().data?.user.email).toBe("cv-old@example.com");
				const mail = lastMail(t, "verification");
				expect(new URL(mail.url).searchParams.get("callbackURL")).toBe("/changed");
				const { error } = await client.verifyEmail({ query: { token: mail.token } });
				expect(error).toBeNull();
				await waitFor(() => client.useSession.get().data?.user.email === "cv-new@example.com");
			} finally {
				unsubscribe();
			}
		});

		test("verified user: confirmation to the old address, then a link to the new one, both followed", async () => {
			const t = await getEmailTestInstance(dialect, { user: { changeEmail: { enabled: true } } });
			const { client } = createDropInClient(t);
			const signUp = await client.signUp.email({ name: "Cc", email: "cc-old@example.com", password: PASSWORD });
			await t.auth.$context.storage.update("user", { id: signUp.data?.user.id ?? "missing" }, { emailVerified: true });
			expect((await client.changeEmail({ newEmail: "cc-new@example.com", callbackURL: "/changed" })).error).toBeNull();
			const confirmation = lastMail(t, "change-email-confirmation");
			expect(confirmation).toMatchObject({ to: "cc-old@example.com", newEmail: "cc-new@example.com" });
			expect(await followLink(client, confirmation.url)).toEqual({ status: 302, location: "/changed" });
			const verification = lastMail(t, "verification");
			expect(await followLink(client, verification.url)).toEqual({ status: 302, location: "/changed" });
			const session = await client.getSession({ query: { disableCookieCache: true } });
			expect(session.data?.user).toMatchObject({ email: "cc-new@example.com", emailVerified: true });
		});

		test("changeEmail errors: CHANGE_EMAIL_DISABLED, and a code-less 400 for the same email", async () => {
			const off = await getEmailTestInstance(dialect);
			const a = createDropInClient(off);
			await a.client.signUp.email({ name: "Off", email: "off@example.com", password: PASSWORD });
			const disabled = await a.client.changeEmail({ newEmail: "new@example.com" });
			expect(disabled.data).toBeNull();
			expect(disabled.error).toMatchObject({ status: 400, code: "CHANGE_EMAIL_DISABLED", message: "Change email is disabled" });

			const on = await getEmailTestInstance(dialect, { user: { changeEmail: { enabled: true } } });
			const b = createDropInClient(on);
			await b.client.signUp.email({ name: "Same", email: "same@example.com", password: PASSWORD });
			const same = await b.client.changeEmail({ newEmail: "same@example.com" });
			expect(same.error).toMatchObject({ status: 400, message: "Email is the same" });
			expect(same.error?.code).toBeUndefined();
		});

		test("changeEmail to a taken address answers status:true and changes nothing", async () => {
			const t = await getEmailTestInstance(dialect, { user: { changeEmail: { enabled: true, updateEmailWithoutVerification: true } } });
			await createDropInClient(t).client.signUp.email({ name: "Taken", email: "taken@example.com", password: PASSWORD });
			const { client } = createDropInClient(t);
			await client.signUp.email({ name: "Me", email: "me@example.com", password: PASSWORD });
			expect((await client.changeEmail({ newEmail: "taken@example.com" })).data).toMatchObject({ status: true });
			expect((await client.getSession({ query: { disableCookieCache: true } })).data?.user.email).toBe("me@example.com");
			expect(t.mails).toHaveLength(0);
		});
	});
}
