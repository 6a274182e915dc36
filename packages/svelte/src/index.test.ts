import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { createInProcessFetch, waitForValue } from "@latchkey/client/testing";
import { getTestInstance, TEST_ORIGIN } from "@latchkey/server/testing";
import { flushSync, mount, unmount } from "svelte";
import { fromStore, get } from "svelte/store";
import type { Readable } from "svelte/store";
import SessionEmail from "../test/SessionEmail.svelte";
import { createAuthClient } from "./index.ts";
import type { SessionState, SvelteAuthClient } from "./index.ts";

let instance: Awaited<ReturnType<typeof getTestInstance>>;
let counter = 0;
const freshEmail = (): string => `svelte${++counter}-${Date.now()}@example.com`;
const password = "password1234";
const mounted: Record<string, unknown>[] = [];

/** A Svelte client whose fetch calls the test server in process through a cookie jar. */
function inProcessClient(): SvelteAuthClient {
	return createAuthClient({ baseURL: TEST_ORIGIN, fetchOptions: { customFetchImpl: createInProcessFetch(instance).customFetchImpl } });
}

/** Mounts `SessionEmail.svelte` into a fresh element and returns that element. */
function render(client: SvelteAuthClient): HTMLElement {
	const target = document.createElement("div");
	document.body.append(target);
	mounted.push(mount(SessionEmail, { target, props: { client } }));
	return target;
}

/** Waits for a store value, then lets Svelte apply the update to the DOM. */
async function settle(client: SvelteAuthClient, predicate: (state: SessionState) => boolean): Promise<void> {
	await waitForValue(client.$session, predicate);
	flushSync();
}

// A fresh instance per test: the server preload disposes every instance after each test.
beforeEach(async () => {
	instance = await getTestInstance("sqlite");
});
afterEach(() => {
	for (const component of mounted.splice(0)) void unmount(component);
	document.body.innerHTML = "";
});

describe("$session in a component", () => {
	test("is pending first, then signed out when there is no session", async () => {
		const client = inProcessClient();
		const view = render(client);
		expect(view.textContent?.trim()).toBe("loading");
		await settle(client, (state) => !state.isPending && !state.isRefetching);
		expect(view.textContent?.trim()).toBe("signed out");
	});

	test("shows the email after signUp.email and clears after signOut", async () => {
		const client = inProcessClient();
		const email = freshEmail();
		const view = render(client);
		await settle(client, (state) => !state.isPending);

		const signUp = await client.signUp.email({ name: "Ada", email, password });
		expect(signUp.error).toBeNull();
		await settle(client, (state) => state.data !== null);
		expect(view.textContent?.trim()).toBe(`signed in as ${email}`);

		const signOut = await client.signOut();
		expect(signOut.error).toBeNull();
		await settle(client, (state) => state.data === null && !state.isRefetching);
		expect(view.textContent?.trim()).toBe("signed out");
	});

	test("shows the email after signIn.email; a wrong password leaves it signed out", async () => {
		const email = freshEmail();
		await instance.signUp({ email, password });
		const client = inProcessClient();
		const view = render(client);
		await settle(client, (state) => !state.isPending);

		const wrong = await client.signIn.email({ email, password: "not-the-password" });
		expect(wrong.error).toMatchObject({ status: 401, code: "INVALID_EMAIL_OR_PASSWORD" });
		flushSync();
		expect(view.textContent?.trim()).toBe("signed out");

		await client.signIn.email({ email, password });
		await settle(client, (state) => state.data !== null);
		expect(view.textContent?.trim()).toBe(`signed in as ${email}`);
	});
});

describe("useSession outside components", () => {
	test("is the client's atom and keeps Svelte's store contract", async () => {
		const client = inProcessClient();
		const session: Readable<SessionState> = client.useSession();
		expect(session).toBe(client.$session);
		expect(get(session)).toMatchObject({ data: null, isPending: true });

		const email = freshEmail();
		await client.signUp.email({ name: "Ada", email, password }, { disableSignal: true });
		await get(session).refetch();
		expect(get(session).data?.user.email).toBe(email);
		expect(fromStore(session).current.data?.user.email).toBe(email);
	});

	test("keeps the core client's members and route methods", () => {
		const client = inProcessClient();
		expect(typeof client.signIn.email).toBe("function");
		expect(client.baseURL).toBe(`${TEST_ORIGIN}/api/auth`);
	});
});
