import { adminClient, apiKeyClient, organizationClient, passkeyClient, twoFactorClient, usernameClient } from "@latchkey/client";
import { createAuthClient } from "@latchkey/react";
import { setPendingTwoFactor } from "./two-factor-pending.ts";

/**
 * The page's auth client: same origin, so the base URL is `location.origin + /api/auth`. A
 * sign-in that needs a second factor switches the signed-out view to the code form.
 */
export const authClient = createAuthClient({
	plugins: [
		usernameClient(),
		passkeyClient(),
		twoFactorClient({ onTwoFactorRedirect: ({ twoFactorMethods }) => setPendingTwoFactor(twoFactorMethods) }),
		organizationClient(),
		adminClient(),
		apiKeyClient(),
	],
});
