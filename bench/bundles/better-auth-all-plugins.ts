// Bundle entry: Better Auth's client with the same six client plugins.
import { apiKeyClient } from "@better-auth/api-key/client";
import { passkeyClient } from "@better-auth/passkey/client";
import { createAuthClient } from "better-auth/client";
import { adminClient, organizationClient, twoFactorClient, usernameClient } from "better-auth/client/plugins";

export const client = createAuthClient({
	baseURL: "https://example.com",
	plugins: [usernameClient(), adminClient(), twoFactorClient(), passkeyClient(), organizationClient(), apiKeyClient()],
});
