/**
 * The ceiling for `GET /ok` on this machine: a bare `Bun.serve` behind the same loopback
 * harness as both contestants, answering every request with the same `{"ok":true}` JSON and
 * no framework at all. No auth server on Bun can answer faster, so `bare ÷ Better Auth` is
 * the largest `/ok` ratio this machine can show.
 */
import { serveOnLoopback } from "./shared.ts";

const body = JSON.stringify({ ok: true });
const headers = { "content-type": "application/json" };
serveOnLoopback(() => new Response(body, { headers }));
