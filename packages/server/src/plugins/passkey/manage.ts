import { APIError, PASSKEY_ERROR_CODES, deletePasskey as deleteRoute, listPasskeys as listRoute, updatePasskey as updateRoute } from "@latchkey/core";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";

/**
 * List, rename and delete: each touches only the caller's own passkeys. Another user's
 * passkey id answers exactly like an unknown one (404), so ids reveal nothing.
 */
export const listPasskeys = defineEndpoint(listRoute, "session", async ({ auth, session }) => {
	return auth.storage.findMany("passkey", { userId: session.user.id }, { sortBy: { field: "createdAt", direction: "asc" } });
});

export const deletePasskey = defineEndpoint(deleteRoute, "sensitive", async ({ auth, session, body }) => {
	const removed = await auth.storage.delete("passkey", { id: body.id, userId: session.user.id });
	if (removed === 0) throw APIError.from("NOT_FOUND", PASSKEY_ERROR_CODES.PASSKEY_NOT_FOUND);
	return { status: true };
});

export const updatePasskey = defineEndpoint(updateRoute, "session", async ({ auth, session, body }) => {
	const passkey = await auth.storage.update("passkey", { id: body.id, userId: session.user.id }, { name: body.name });
	if (!passkey) throw APIError.from("NOT_FOUND", PASSKEY_ERROR_CODES.PASSKEY_NOT_FOUND);
	return { passkey };
});
