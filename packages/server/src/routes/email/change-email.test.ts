/**
 * `POST /change-email` and the change-email tokens at `GET /verify-email`
 * (spec/core.md §9.18, §9.20).
 *
 * Attacks covered: learning that an address has an account by trying to move to it (a taken
 * address answers like a free one and nothing happens); taking over an address without
 * proving it (the new address must follow a link, or the old one confirm first); replaying a
 * change link after the email moved, or using it from another user's session (INVALID_USER);
 * and a stale session (the route re-reads the session from the database).
 */
import { describe, expect, test } from "bun:test";
import { decodeJwt } from "jose";
import type { LatchkeyOptions } from "../../context/options.ts";
import { testDialects } from "../../testing/index.ts";
import { getEmailTestInstance, relativeLink } from "./test-kit.ts";
import type { EmailTestInstance } from "./test-kit.ts";

const ENABLED: Partial<LatchkeyOptions> = { user: { changeEmail: { enabled: true } } };

async function emailOf(t: EmailTestInstance, id: string): Promise<string | undefined> {
	return (await t.auth.$context.storage.findOne("user", { id }))?.email;
}

async function markVerified(t: EmailTestInstance, id: string): Promise<void> {
	await t.auth.$context.storage.update("user", { id }, { emailVerified: true });
}

for (const dialect of await testDialects()) {
	describe(`POST /change-email [${dialect}]`, () => {
		test("flow c: mails the new address a change-email-verification link; following it moves the email once", async () => {
			const t = await getEmailTestInstance(dialect, ENABLED);
			const { client, body } = await t.signUp({ email: "old@example.com" });
			const res = await client.request("/change-email", { json: { newEmail: "New@example.com", callbackURL: "/moved" } });
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({ status: true });
			expect(t.mails).toHaveLength(1);
			const mail = t.mails[0];
			expect(mail?.to).toBe("new@example.com");
			expect(decodeJwt(mail?.token ?? "")).toMatchObject({
				email: "old@example.com",
				updateTo: "new@example.com",
				userId: body.user.id,
				requestType: "change-email-verification",
			});
			expect(await emailOf(t, body.user.id)).toBe("old@example.com");
			const follow = await client.request(relativeLink(mail?.url ?? ""), { redirect: "manual" });
			expect(follow.status).toBe(302);
			expect(follow.headers.get("location")).toBe("/moved");
			expect(await emailOf(t, body.user.id)).toBe("new@example.com");
			const replay = await client.request(`/verify-email?token=${mail?.token}`);
			expect(replay.status).toBe(401);
			expect(await replay.json()).toEqual({ code: "INVALID_TOKEN", message: "Invalid token" });
		});

		test("flow c without a session returns the updated user", async () => {
			const t = await getEmailTestInstance(dialect, ENABLED);
			const { client } = await t.signUp({ email: "nosess@example.com" });
			await client.request("/change-email", { json: { newEmail: "nosess2@example.com" } });
			const res = await t.client().request(`/verify-email?token=${t.mails[0]?.token}`);
			expect(res.status).toBe(200);
			expect(await res.json()).toMatchObject({ status: true, user: { email: "nosess2@example.com", emailVerified: false } });
		});

		test("flow b: a verified user confirms from the old address, then verifies the new one", async () => {
			const t = await getEmailTestInstance(dialect, ENABLED);
			const { client, body } = await t.signUp({ email: "verified@example.com" });
			await markVerified(t, body.user.id);
			expect((await client.request("/change-email", { json: { newEmail: "next@example.com" } })).status).toBe(200);
			expect(t.mails.map((m) => [m.kind, m.to, m.newEmail])).toEqual([["change-email-confirmation", "verified@example.com", "next@example.com"]]);
			expect(decodeJwt(t.mails[0]?.token ?? "").requestType).toBe("change-email-confirmation");
			const confirm = await client.request(`/verify-email?token=${t.mails[0]?.token}`);
			expect(await confirm.json()).toEqual({ status: true });
			expect(await emailOf(t, body.user.id)).toBe("verified@example.com");
			expect(t.mails[1]).toMatchObject({ kind: "verification", to: "next@example.com" });
			const verify = await client.request(`/verify-email?token=${t.mails[1]?.token}`);
			expect(await verify.json()).toMatchObject({ status: true, user: { email: "next@example.com", emailVerified: true } });
			const session = await (await client.request("/get-session")).json();
			expect(session.user.email).toBe("next@example.com");
		});

		test("flow b also works with Better Auth's older option name sendChangeEmailVerification", async () => {
			const sent: { to: string; newEmail: string }[] = [];
			const t = await getEmailTestInstance(dialect, {
				user: { changeEmail: { enabled: true, sendChangeEmailVerification: ({ user, newEmail }) => void sent.push({ to: user.email, newEmail }) } },
				senders: true,
			});
			// The test kit's own confirmation sender takes precedence; drop it to exercise the alias.
			const options = t.auth.$context.options.user?.changeEmail;
			if (options) options.sendChangeEmailConfirmation = undefined;
			const { client, body } = await t.signUp({ email: "alias@example.com" });
			await markVerified(t, body.user.id);
			expect((await client.request("/change-email", { json: { newEmail: "alias-next@example.com" } })).status).toBe(200);
			expect(sent).toEqual([{ to: "alias@example.com", newEmail: "alias-next@example.com" }]);
			expect(await emailOf(t, body.user.id)).toBe("alias@example.com");
		});

		test("flow a: an unverified user with updateEmailWithoutVerification switches at once", async () => {
			const t = await getEmailTestInstance(dialect, { user: { changeEmail: { enabled: true, updateEmailWithoutVerification: true } } });
			const { client, body } = await t.signUp({ email: "quick@example.com" });
			const res = await client.request("/change-email", { json: { newEmail: "quick2@example.com" } });
			expect(await res.json()).toEqual({ status: true });
			expect(await emailOf(t, body.user.id)).toBe("quick2@example.com");
			expect(res.headers.getSetCookie().some((c) => c.startsWith("better-auth.session_token="))).toBe(true);
			expect(t.mails).toHaveLength(1);
			expect(decodeJwt(t.mails[0]?.token ?? "")).toMatchObject({ email: "quick2@example.com", userId: body.user.id });
			expect(decodeJwt(t.mails[0]?.token ?? "").requestType).toBeUndefined();
		});

		test("a taken address answers 200 and nothing happens", async () => {
			const t = await getEmailTestInstance(dialect, { user: { changeEmail: { enabled: true, updateEmailWithoutVerification: true } } });
			await t.signUp({ email: "taken@example.com" });
			const { client, body } = await t.signUp({ email: "mover@example.com" });
			const before = await t.snapshot();
			const res = await client.request("/change-email", { json: { newEmail: "taken@example.com" } });
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({ status: true });
			expect(t.mails).toHaveLength(0);
			expect(await emailOf(t, body.user.id)).toBe("mover@example.com");
			expect(await t.snapshot()).toEqual(before);
		});

		test("errors: disabled, same email, no usable flow, no session, bad input", async () => {
			const off = await getEmailTestInstance(dialect);
			const a = await off.signUp({ email: "a@example.com" });
			const disabled = await a.client.request("/change-email", { json: { newEmail: "b@example.com" } });
			expect(disabled.status).toBe(400);
			expect(await disabled.json()).toEqual({ code: "CHANGE_EMAIL_DISABLED", message: "Change email is disabled" });

			const t = await getEmailTestInstance(dialect, ENABLED);
			const { client } = await t.signUp({ email: "same@example.com" });
			const before = await t.snapshot();
			const same = await client.request("/change-email", { json: { newEmail: "SAME@example.com" } });
			expect(same.status).toBe(400);
			expect(await same.json()).toEqual({ message: "Email is the same" });
			const anon = await t.client().request("/change-email", { json: { newEmail: "x@example.com" } });
			expect(anon.status).toBe(401);
			const bad = await client.request("/change-email", { json: { newEmail: "not-an-email" } });
			expect(bad.status).toBe(400);
			expect(await bad.json()).toEqual({ code: "VALIDATION_ERROR", message: "[body.newEmail] Invalid email address" });
			const evil = await client.request("/change-email", { json: { newEmail: "x@example.com", callbackURL: "//evil.example" } });
			expect(evil.status).toBe(403);
			expect(t.mails).toHaveLength(0);
			expect(await t.snapshot()).toEqual(before);

			const noSender = await getEmailTestInstance(dialect, { ...ENABLED, senders: false });
			const n = await noSender.signUp({ email: "n@example.com" });
			const res = await n.client.request("/change-email", { json: { newEmail: "m@example.com" } });
			expect(res.status).toBe(400);
			expect(await res.json()).toEqual({ message: "Verification email isn't enabled" });
		});

		test("another user's session following the link: INVALID_USER, nothing changes", async () => {
			const t = await getEmailTestInstance(dialect, ENABLED);
			const victim = await t.signUp({ email: "victim@example.com" });
			const other = await t.signUp({ email: "other@example.com" });
			await victim.client.request("/change-email", { json: { newEmail: "fresh@example.com" } });
			const res = await other.client.request(`/verify-email?token=${t.mails[0]?.token}&callbackURL=/x`, { redirect: "manual" });
			expect(res.headers.get("location")).toBe("/x?error=INVALID_USER");
			expect(await emailOf(t, victim.body.user.id)).toBe("victim@example.com");
		});

		test("the new address taken between request and verification: INVALID_TOKEN", async () => {
			const t = await getEmailTestInstance(dialect, ENABLED);
			const { client, body } = await t.signUp({ email: "slow@example.com" });
			await client.request("/change-email", { json: { newEmail: "race@example.com" } });
			await t.signUp({ email: "race@example.com" });
			const res = await client.request(`/verify-email?token=${t.mails[0]?.token}`);
			expect(res.status).toBe(401);
			expect((await res.json()).code).toBe("INVALID_TOKEN");
			expect(await emailOf(t, body.user.id)).toBe("slow@example.com");
		});
	});
}
