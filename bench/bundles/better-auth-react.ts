// Bundle entry: Better Auth's React client (React itself left out of the bundle).
import { createAuthClient } from "better-auth/react";

export const client = createAuthClient({ baseURL: "https://example.com" });
