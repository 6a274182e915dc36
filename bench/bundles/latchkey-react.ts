// Bundle entry: Latchkey's React binding (React itself left out of the bundle).
import { createAuthClient } from "@latchkey/react";

export const client = createAuthClient({ baseURL: "https://example.com" });
