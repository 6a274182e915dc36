// Size entry: the client with every client plugin (today only `usernameClient`).
import { createAuthClient, usernameClient } from "../../src/index.ts";

export const client = createAuthClient({ baseURL: "https://example.com", plugins: [usernameClient()] });
