// Bundle entry: Better Auth's client, no plugins.
import { createAuthClient } from "better-auth/client";

export const client = createAuthClient({ baseURL: "https://example.com" });
