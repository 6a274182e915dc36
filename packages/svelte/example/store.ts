import { createAuthClient } from "@latchkey/svelte";
import { createLatchkey } from "@latchkey/server";
import { get } from "svelte/store";

// 1. A server on a free port (in-memory SQLite).
const auth = createLatchkey({
	baseURL: "http://localhost:3000",
	secret: "example-secret-at-least-32-characters-long",
	database: ":memory:",
	emailAndPassword: { enabled: true },
});
await auth.migrate();
const server = Bun.serve({ port: 0, fetch: (req, srv) => auth.handler(req, { ip: () => srv.requestIP(req)?.address }) });

// 2. A client. Bun has no cookie jar, so keep the bearer token the server sends.
let token: string | undefined;
const authClient = createAuthClient({
	baseURL: `http://localhost:${server.port}`,
	sessionOptions: { fetchOnMount: true },
	fetchOptions: {
		auth: { type: "Bearer", token: () => token },
		onSuccess(ctx) {
			token = ctx.response.headers.get("set-auth-token") ?? token;
		},
	},
});

// 3. The session is a Svelte store: `$session` in a component, `subscribe` / `get` elsewhere.
const session = authClient.useSession();
const stop = session.subscribe(({ data, isPending, isRefetching }) => {
	if (!isPending && !isRefetching) console.log("session:", data?.user.email ?? null);
});

await authClient.signUp.email({ name: "Ada", email: "ada@example.com", password: "correct horse" });
await Bun.sleep(50); // the store refetches after sign-up → "session: ada@example.com"
console.log("get():", get(session).data?.user.name); // Ada

await authClient.signOut();
token = undefined;
await Bun.sleep(50); // → "session: null"
stop();
server.stop();
