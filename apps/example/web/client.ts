import { passkeyClient, usernameClient } from "@latchkey/client";
import { createAuthClient } from "@latchkey/react";

/** The page's auth client: same origin, so the base URL is `location.origin + /api/auth`. */
export const authClient = createAuthClient({ plugins: [usernameClient(), passkeyClient()] });
