import { BENCH_BASE_URL } from "../servers/shared.ts";
import type { BenchServer } from "./spawn-server.ts";

/** The user every server gets, and what its sign-up handed back. */
export interface Fixture {
	/** `Cookie` header value: every cookie sign-up set (session token, and session data when cached). */
	cookie: string;
	/** The `set-auth-token` header of sign-up, for `Authorization: Bearer`. */
	bearer: string;
	/** JSON body of a valid `POST /sign-in/email`. */
	signInBody: string;
}

export const FIXTURE_USER = { email: "bench@example.com", password: "bench-password-1234", name: "Bench User", username: "bench_user" } as const;

/** Headers a browser on the app's origin would send. */
export const ORIGIN_HEADERS = { Origin: BENCH_BASE_URL } as const;

/** Signs the fixture user up through HTTP, as a client would, and checks the session works both ways. */
export async function createFixture(server: BenchServer): Promise<Fixture> {
	const response = await fetch(`${server.url}/api/auth/sign-up/email`, {
		method: "POST",
		headers: { "Content-Type": "application/json", ...ORIGIN_HEADERS },
		body: JSON.stringify(FIXTURE_USER),
	});
	if (response.status !== 200) throw new Error(`${server.name}: sign-up answered ${response.status}: ${await response.text()}`);
	const cookie = response.headers
		.getSetCookie()
		.map((line) => line.split(";")[0] ?? "")
		.filter((pair) => pair && !pair.endsWith("="))
		.join("; ");
	const bearer = response.headers.get("set-auth-token");
	if (!cookie || !bearer) throw new Error(`${server.name}: sign-up set no session cookie or no set-auth-token`);
	const fixture = { cookie, bearer, signInBody: JSON.stringify({ email: FIXTURE_USER.email, password: FIXTURE_USER.password }) };
	await expectSession(server, { Cookie: cookie }, "cookie");
	await expectSession(server, { Authorization: `Bearer ${bearer}` }, "bearer");
	const signIn = await fetch(`${server.url}/api/auth/sign-in/email`, { method: "POST", headers: { "Content-Type": "application/json", ...ORIGIN_HEADERS }, body: fixture.signInBody });
	if (signIn.status !== 200) throw new Error(`${server.name}: sign-in answered ${signIn.status}: ${await signIn.text()}`);
	return fixture;
}

// get-session answers 200 `null` for a bad session, so wrk's status count cannot catch a broken fixture.
async function expectSession(server: BenchServer, headers: Record<string, string>, how: string): Promise<void> {
	const response = await fetch(`${server.url}/api/auth/get-session`, { headers });
	const body = (await response.json()) as { session?: { id?: string } } | null;
	if (response.status !== 200 || !body?.session?.id) throw new Error(`${server.name}: get-session with ${how} found no session (${response.status})`);
}
