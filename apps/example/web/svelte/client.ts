import { createAuthClient } from "@latchkey/svelte";

/** The Svelte page's auth client; `useSession()` is a Svelte store (`$session` in components). */
export const client = createAuthClient();
