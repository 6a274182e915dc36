import { ok as okRoute } from "@latchkey/core";
import { defineEndpoint } from "../endpoint/define-endpoint.ts";

/** `GET /ok` → `{ ok: true }`. */
export const ok = defineEndpoint(okRoute, "none", async () => ({ ok: true }));
