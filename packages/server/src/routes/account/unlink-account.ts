import { APIError, BASE_ERROR_CODES, unlinkAccount as route } from "@latchkey/core";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import { lockUser } from "./lock-user.ts";

/**
 * `POST /unlink-account` (spec/core.md §9.26): `auth.api.unlinkAccount`,
 * `client.unlinkAccount`. Removes one of the caller's accounts, never the last one (the user
 * would be locked out). `{ accountId }` is the local account id (1.7); with `providerId`, the
 * ≤1.6 meaning applies and `accountId` is the provider-side id.
 */
export const unlinkAccount = defineEndpoint(route, "fresh", async (ctx) => {
	const { auth, body } = ctx;
	const userId = ctx.session.user.id;
	// Count and delete under the user's lock: two parallel unlinks of a user's two accounts
	// must not both see "two accounts" and leave none (SECURITY.md rule 1).
	await auth.storage.transaction(async (tx) => {
		if (!(await lockUser(tx, userId))) throw APIError.from("UNAUTHORIZED", BASE_ERROR_CODES.UNAUTHORIZED);
		const accounts = await tx.findMany("account", { userId });
		// Better Auth checks the count first, so even an unknown id gets this answer.
		if (accounts.length <= 1) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.FAILED_TO_UNLINK_LAST_ACCOUNT);
		const target =
			body.providerId !== undefined
				? accounts.find((a) => a.providerId === body.providerId && (body.accountId === undefined || a.accountId === body.accountId))
				: accounts.find((a) => a.id === body.accountId);
		if (!target) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.ACCOUNT_NOT_FOUND);
		await tx.delete("account", { id: target.id, userId });
	});
	return { status: true };
});
