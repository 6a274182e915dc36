// Size entry: the client with every client plugin.
import { adminClient, createAuthClient, passkeyClient, twoFactorClient, usernameClient } from "../../src/index.ts";

export const client = createAuthClient({ baseURL: "https://example.com", plugins: [usernameClient(), adminClient(), twoFactorClient(), passkeyClient()] });
