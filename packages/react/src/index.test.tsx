import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { act, cleanup, render, screen } from "@testing-library/react";
import { createInProcessFetch } from "@latchkey/client/testing";
import { getTestInstance, TEST_ORIGIN } from "@latchkey/server/testing";
import { createAuthClient } from "./index.ts";
import type { ReactAuthClient } from "./index.ts";

let instance: Awaited<ReturnType<typeof getTestInstance>>;
let counter = 0;
const freshEmail = (): string => `react${++counter}-${Date.now()}@example.com`;
const password = "password1234";

/** A React client whose fetch calls the test server in process; `sent()` lists "METHOD /path". */
function inProcessClient(): { client: ReactAuthClient; sent: () => string[] } {
	const { customFetchImpl, sent } = createInProcessFetch(instance);
	return { client: createAuthClient({ baseURL: TEST_ORIGIN, fetchOptions: { customFetchImpl } }), sent };
}

function SessionEmail({ client }: { client: ReactAuthClient }) {
	const { data, isPending } = client.useSession();
	if (isPending) return <p>loading</p>;
	return <p>{data ? `signed in as ${data.user.email}` : "signed out"}</p>;
}

// A fresh instance per test: the server preload disposes every instance after each test.
beforeEach(async () => {
	instance = await getTestInstance("sqlite");
});
afterEach(cleanup);

describe("useSession", () => {
	test("is pending first, then signed out when there is no session", async () => {
		const { client } = inProcessClient();
		render(<SessionEmail client={client} />);
		expect(screen.getByText("loading")).toBeDefined();
		expect(await screen.findByText("signed out")).toBeDefined();
	});

	test("shows the email after signUp.email and clears after signOut", async () => {
		const { client } = inProcessClient();
		const email = freshEmail();
		render(<SessionEmail client={client} />);
		await screen.findByText("signed out");

		const signUp = await act(() => client.signUp.email({ name: "Ada", email, password }));
		expect(signUp.error).toBeNull();
		expect(await screen.findByText(`signed in as ${email}`)).toBeDefined();

		const signOut = await act(() => client.signOut());
		expect(signOut.error).toBeNull();
		expect(await screen.findByText("signed out")).toBeDefined();
	});

	test("shows the email after signIn.email with an existing account", async () => {
		const email = freshEmail();
		await instance.signUp({ email, password });
		const { client } = inProcessClient();
		render(<SessionEmail client={client} />);
		await screen.findByText("signed out");

		const wrong = await act(() => client.signIn.email({ email, password: "not-the-password" }));
		expect(wrong.error).toMatchObject({ status: 401, code: "INVALID_EMAIL_OR_PASSWORD" });
		expect(screen.getByText("signed out")).toBeDefined();

		await act(() => client.signIn.email({ email, password }));
		expect(await screen.findByText(`signed in as ${email}`)).toBeDefined();
	});

	test("two components share one store and one fetch", async () => {
		const email = freshEmail();
		await instance.signUp({ email, password });
		const { client, sent } = inProcessClient();
		await client.signIn.email({ email, password }, { disableSignal: true });
		render(
			<>
				<SessionEmail client={client} />
				<SessionEmail client={client} />
			</>,
		);
		expect(await screen.findAllByText(`signed in as ${email}`)).toHaveLength(2);
		expect(sent()).toEqual(["POST /api/auth/sign-in/email", "GET /api/auth/get-session"]);
	});
});

describe("createAuthClient", () => {
	test("keeps the core client's members and route methods", () => {
		const { client } = inProcessClient();
		expect(typeof client.useSession).toBe("function");
		expect(client.$session.get()).toMatchObject({ data: null, isPending: true });
		expect(typeof client.signIn.email).toBe("function");
		expect(client.baseURL).toBe(`${TEST_ORIGIN}/api/auth`);
		// Sound: reading an undeclared property; the proxy must not turn `then` into a route (TOOLING.md §6).
		expect((client as { then?: unknown }).then).toBeUndefined();
	});
});
