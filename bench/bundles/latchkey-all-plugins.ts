// Bundle entry: Latchkey's client with the six client plugins.
import { adminClient, apiKeyClient, createAuthClient, organizationClient, passkeyClient, twoFactorClient, usernameClient } from "@latchkey/client";

export const client = createAuthClient({
	baseURL: "https://example.com",
	plugins: [usernameClient(), adminClient(), twoFactorClient(), passkeyClient(), organizationClient(), apiKeyClient()],
});
