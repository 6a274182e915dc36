import * as z from "zod";
import { defineRoute } from "../contract/define-route.ts";

/** `GET /ok`: health check. `auth.api.ok()`, `client.ok()`. */
export const ok = defineRoute({
	name: "ok",
	method: "GET",
	path: "/ok",
	response: z.object({ ok: z.boolean() }),
	summary: "Health check",
});
