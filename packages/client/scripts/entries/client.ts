// Size entry: the client with no plugins, as an app would import it.
import { createAuthClient } from "../../src/index.ts";

export const client = createAuthClient({ baseURL: "https://example.com" });
