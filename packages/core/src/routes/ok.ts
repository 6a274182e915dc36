import * as z from "zod";
import { lazyRoute } from "../contract/lazy-route.ts";

/** `GET /ok`: health check. `auth.api.ok()`, `client.ok()`. */
export const ok = lazyRoute({
	name: "ok",
	method: "GET",
	path: "/ok",
	get response() {
		return z.object({ ok: z.boolean() });
	},
	summary: "Health check",
});
