import { APIError, BASE_ERROR_CODES, setPassword as route } from "@latchkey/core";
import { credentialAccountRow } from "../../credentials/credential-account.ts";
import { checkPasswordLength } from "../../credentials/password-policy.ts";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import { lockUser } from "../account/lock-user.ts";

/**
 * `POST /set-password` (spec/core.md §9.14): `auth.api.setPassword`, `client.setPassword`.
 * Gives a password to a user who has none: creates the credential account, or fills its
 * empty password. A user who already has one must use `/change-password`, which asks for
 * it: otherwise a stolen session could replace the password and take the account over.
 * Better Auth 1.7 does not route this over HTTP; Latchkey does because seed 000 lists it.
 */
export const setPassword = defineEndpoint(route, "sensitive", async (ctx) => {
	const { auth, body } = ctx;
	const userId = ctx.session.user.id;
	checkPasswordLength(auth, body.newPassword);
	const alreadySet = (): APIError => APIError.from("BAD_REQUEST", BASE_ERROR_CODES.PASSWORD_ALREADY_SET);
	if ((await auth.storage.findOne("account", { userId, providerId: "credential" }))?.password) throw alreadySet();
	const hash = await auth.emailAndPassword.hasher.hash(body.newPassword);

	await auth.storage.transaction(async (tx) => {
		// Check again under the user's lock, so two parallel calls cannot both set a password.
		if (!(await lockUser(tx, userId))) throw APIError.from("UNAUTHORIZED", BASE_ERROR_CODES.UNAUTHORIZED);
		const account = await tx.findOne("account", { userId, providerId: "credential" });
		if (account?.password) throw alreadySet();
		const now = auth.now();
		if (account) await tx.update("account", { id: account.id }, { password: hash, updatedAt: now });
		else await tx.create("account", credentialAccountRow(userId, hash, now));
	});
	return { status: true };
});
