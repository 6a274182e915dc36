// Bundle entry: Latchkey's client, no plugins.
import { createAuthClient } from "@latchkey/client";

export const client = createAuthClient({ baseURL: "https://example.com" });
