import type { AuthContext } from "../context/create-context.ts";
import type { CredentialRevocation } from "../plugin.ts";
import type { Storage } from "../storage/storage.ts";

/**
 * Lets every plugin end the credentials it issued to a user (SECURITY.md rule 16), inside the
 * caller's transaction. Sessions are the caller's business: each flow has its own rule for them.
 */
export async function revokeUserCredentials(auth: AuthContext, storage: Storage, userId: string, reason: CredentialRevocation): Promise<void> {
	for (const plugin of auth.plugins) await plugin.revokeCredentials?.({ userId, reason, auth, storage });
}
