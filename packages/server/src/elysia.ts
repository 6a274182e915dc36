import { Elysia } from "elysia";
import type { Latchkey } from "./latchkey.ts";

/**
 * Mounts Latchkey on Elysia under its base path. Bodies are left unparsed for Latchkey's own
 * pipeline (media types, size limit, validation), and the socket address is passed along
 * for rate limits. Its own entry point (`@latchkey/server/elysia`), so apps that serve with
 * `Bun.serve` or another framework never load Elysia.
 *
 * @example
 * import { latchkeyElysia } from "@latchkey/server/elysia";
 * new Elysia().use(latchkeyElysia(auth)).listen(3000);
 */
export function latchkeyElysia(auth: Latchkey) {
	const base = auth.$context.basePath;
	const handle = ({ request, server }: { request: Request; server: { requestIP(r: Request): { address: string } | null } | null }) =>
		auth.handler(request, { ip: () => server?.requestIP(request)?.address });
	return new Elysia({ name: "latchkey" })
		.get(`${base}/*`, handle, { parse: "none" })
		.post(`${base}/*`, handle, { parse: "none" });
}
