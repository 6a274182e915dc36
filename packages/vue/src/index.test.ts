import { beforeEach, describe, expect, test } from "bun:test";
import { flushPromises, mount } from "@vue/test-utils";
import { createInProcessFetch, waitForValue } from "@latchkey/client/testing";
import { getTestInstance, TEST_ORIGIN } from "@latchkey/server/testing";
import { defineComponent, h, nextTick } from "vue";
import { createAuthClient } from "./index.ts";
import type { VueAuthClient } from "./index.ts";

let instance: Awaited<ReturnType<typeof getTestInstance>>;
let counter = 0;
const freshEmail = (): string => `vue${++counter}-${Date.now()}@example.com`;
const password = "password1234";

/** A Vue client whose fetch calls the test server in process; `sent()` lists "METHOD /path". */
function inProcessClient(): { client: VueAuthClient; sent: () => string[] } {
	const { customFetchImpl, sent } = createInProcessFetch(instance);
	return { client: createAuthClient({ baseURL: TEST_ORIGIN, fetchOptions: { customFetchImpl } }), sent };
}

/** A component rendering the session's email, written as a render function (bun test does not compile SFCs). */
function sessionEmail(client: VueAuthClient) {
	return defineComponent({
		setup() {
			const session = client.useSession();
			return () => {
				const { data, isPending } = session.value;
				if (isPending) return h("p", "loading");
				return h("p", data ? `signed in as ${data.user.email}` : "signed out");
			};
		},
	});
}

/** Waits until the store settles (no fetch pending or in flight), then lets Vue re-render. */
async function settled(client: VueAuthClient): Promise<void> {
	await waitForValue(client.$session, (state) => !state.isPending && !state.isRefetching);
	await flushPromises();
	await nextTick();
}

// A fresh instance per test: the server preload disposes every instance after each test.
beforeEach(async () => {
	instance = await getTestInstance("sqlite");
});

describe("useSession", () => {
	test("is pending first, then signed out when there is no session", async () => {
		const { client } = inProcessClient();
		const wrapper = mount(sessionEmail(client));
		expect(wrapper.text()).toBe("loading");
		await settled(client);
		expect(wrapper.text()).toBe("signed out");
		wrapper.unmount();
	});

	test("shows the email after signUp.email and clears after signOut", async () => {
		const { client } = inProcessClient();
		const email = freshEmail();
		const wrapper = mount(sessionEmail(client));
		await settled(client);

		const signUp = await client.signUp.email({ name: "Ada", email, password });
		expect(signUp.error).toBeNull();
		await waitForValue(client.$session, (state) => state.data !== null);
		await nextTick();
		expect(wrapper.text()).toBe(`signed in as ${email}`);

		const signOut = await client.signOut();
		expect(signOut.error).toBeNull();
		await waitForValue(client.$session, (state) => state.data === null && !state.isRefetching);
		await nextTick();
		expect(wrapper.text()).toBe("signed out");
		wrapper.unmount();
	});

	test("shows the email after signIn.email; a wrong password leaves it signed out", async () => {
		const email = freshEmail();
		await instance.signUp({ email, password });
		const { client } = inProcessClient();
		const wrapper = mount(sessionEmail(client));
		await settled(client);

		const wrong = await client.signIn.email({ email, password: "not-the-password" });
		expect(wrong.error).toMatchObject({ status: 401, code: "INVALID_EMAIL_OR_PASSWORD" });
		await flushPromises();
		expect(wrapper.text()).toBe("signed out");

		await client.signIn.email({ email, password });
		await waitForValue(client.$session, (state) => state.data !== null);
		await nextTick();
		expect(wrapper.text()).toBe(`signed in as ${email}`);
		wrapper.unmount();
	});

	test("unmounting the last component unsubscribes from the store", async () => {
		const email = freshEmail();
		await instance.signUp({ email, password });
		const { client, sent } = inProcessClient();
		await client.signIn.email({ email, password }, { disableSignal: true });
		const first = mount(sessionEmail(client));
		const second = mount(sessionEmail(client));
		await settled(client);
		expect(first.text()).toBe(`signed in as ${email}`);
		expect(second.text()).toBe(`signed in as ${email}`);
		expect(sent()).toEqual(["POST /api/auth/sign-in/email", "GET /api/auth/get-session"]);

		first.unmount();
		second.unmount();
		// nanostores keeps a store mounted for 1 s after its last listener leaves (STORE_UNMOUNT_DELAY).
		expect(client.$session.lc).toBe(0);
	});
});

describe("createAuthClient", () => {
	test("keeps the core client's members and route methods", () => {
		const { client } = inProcessClient();
		expect(typeof client.useSession).toBe("function");
		expect(client.$session.get()).toMatchObject({ data: null, isPending: true });
		expect(typeof client.signIn.email).toBe("function");
		expect(client.baseURL).toBe(`${TEST_ORIGIN}/api/auth`);
	});
});
