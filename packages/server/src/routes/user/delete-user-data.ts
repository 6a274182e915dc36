import type { AuthContext } from "../../context/create-context.ts";
import { revokeUserCredentials } from "../../credentials/revoke-credentials.ts";
import type { ResponseState } from "../../endpoint/response-state.ts";
import { deleteSessionCookies } from "../../session/session-cookies.ts";
import type { UserRow } from "../../storage/rows.ts";

/**
 * Deletes a user for good (spec/core.md §9.16 step 6): `beforeDelete`, then what plugins
 * issued to the user, sessions, accounts and the user row in one transaction (all or nothing), cookies cleared,
 * `afterDelete`. The hooks run outside the transaction: they are app code and may use
 * the database themselves.
 */
export async function deleteUserData(auth: AuthContext, response: ResponseState, input: { user: UserRow; request: Request | undefined }): Promise<void> {
	const hooks = auth.options.user?.deleteUser;
	await hooks?.beforeDelete?.(input.user, input.request);
	const userId = input.user.id;
	await auth.storage.transaction(async (tx) => {
		await revokeUserCredentials(auth, tx, userId, "delete");
		await tx.delete("session", { userId });
		await tx.delete("account", { userId });
		await tx.delete("user", { id: userId });
	});
	deleteSessionCookies(auth, response);
	await hooks?.afterDelete?.(input.user, input.request);
}
