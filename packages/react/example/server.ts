import { createLatchkey } from "@latchkey/server";
import page from "./index.html";

const auth = createLatchkey({
	baseURL: "http://localhost:3000",
	secret: "example-secret-at-least-32-characters-long",
	database: ":memory:",
	emailAndPassword: { enabled: true },
});
await auth.migrate();

Bun.serve({
	port: 3000,
	hostname: "127.0.0.1",
	routes: {
		"/": page, // Bun bundles index.html and app.tsx on the fly
		"/api/auth/*": (req, server) => auth.handler(req, { ip: () => server.requestIP(req)?.address }),
	},
});
console.log("open http://localhost:3000");
