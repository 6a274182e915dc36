// Size entry: the client with every client plugin.
import { adminClient, apiKeyClient, createAuthClient, organizationClient, passkeyClient, twoFactorClient, usernameClient } from "../../src/index.ts";

export const client = createAuthClient({ baseURL: "https://example.com", plugins: [usernameClient(), adminClient(), twoFactorClient(), passkeyClient(), organizationClient(), apiKeyClient()] });
