import { shutdownOnSignal } from "@latchkey/server";
import { createExampleApp } from "./app.ts";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "127.0.0.1";
const database = process.env.DATABASE_URL ?? "latchkey.db";

const { app, auth } = await createExampleApp({ port, database, baseURL: process.env.LATCHKEY_URL ?? process.env.BETTER_AUTH_URL });
app.listen({ port, hostname });
// SIGTERM / SIGINT: stop accepting, let in-flight requests finish, close the database pool, exit 0.
if (app.server) shutdownOnSignal(app.server, auth);
console.log(`Latchkey example server: http://localhost:${port} (auth API at http://localhost:${port}/api/auth, database ${database.startsWith("postgres") ? "PostgreSQL" : database})`);
