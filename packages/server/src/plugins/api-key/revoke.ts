import type { RevokeCredentialsHook } from "../../plugin.ts";
import type { ResolvedApiKeyOptions } from "./options.ts";

/**
 * SECURITY.md rule 16 for API keys. A deleted user's keys go with them. A password reset or an
 * admin setting a password disables the user's keys when keys act as sessions
 * (`enableSessionForAPIKeys`): whoever took over the account may have minted one, and a key
 * must not outlive the password that guarded it. The owner can enable them again once signed
 * in. A ban needs no write: keys of banned owners are refused on every use.
 */
export function revokeApiKeys(options: ResolvedApiKeyOptions): RevokeCredentialsHook {
	return async ({ userId, reason, auth, storage }) => {
		if (reason === "delete") await storage.delete("apikey", { referenceId: userId });
		else if (reason !== "ban" && options.enableSessionForAPIKeys) await storage.update("apikey", { referenceId: userId }, { enabled: false, updatedAt: auth.now() });
	};
}
