import { describe, expect, test } from "bun:test";
import { createSessionStore } from "./session-store.ts";
import type { SessionBody, SessionFetcher } from "./session-store.ts";
import { waitForValue } from "./testing/in-process.ts";
import type { ClientError, ClientResult } from "./types.ts";

const now = new Date("2026-11-22T07:43:00.958Z");
const signedIn: SessionBody = {
	session: { id: "s1", token: "t1", userId: "u1", expiresAt: now, createdAt: now, updatedAt: now },
	user: { id: "u1", name: "Ada", email: "ada@example.com", emailVerified: false, createdAt: now, updatedAt: now },
};
const failure = (status: number): ClientResult<SessionBody> => ({ data: null, error: { status, statusText: "", code: "X" } satisfies ClientError });

/** A fetcher answering from a queue, recording the methods it was called with. */
function scripted(...answers: ClientResult<SessionBody>[]) {
	const methods: string[] = [];
	const fetcher: SessionFetcher = async ({ method }) => {
		methods.push(method);
		return answers.shift() ?? { data: null, error: null };
	};
	return { fetcher, methods };
}

describe("createSessionStore (spec/core.md §2.6)", () => {
	test("starts pending; refetch loads data", async () => {
		const { fetcher } = scripted({ data: signedIn, error: null });
		const { $session } = createSessionStore(fetcher, { env: () => null });
		expect($session.get()).toMatchObject({ data: null, error: null, isPending: true, isRefetching: false });
		await $session.get().refetch();
		expect($session.get()).toMatchObject({ data: signedIn, error: null, isPending: false, isRefetching: false });
	});

	test("{ session: null, user: null } counts as signed out", async () => {
		const { fetcher } = scripted({ data: { session: null, user: null }, error: null });
		const { $session } = createSessionStore(fetcher, { env: () => null });
		await $session.get().refetch();
		expect($session.get().data).toBeNull();
	});

	test("401 clears data; other errors keep it", async () => {
		const { fetcher } = scripted({ data: signedIn, error: null }, failure(500), failure(401));
		const { $session } = createSessionStore(fetcher, { env: () => null });
		await $session.get().refetch();
		await $session.get().refetch();
		expect($session.get()).toMatchObject({ data: signedIn, error: { status: 500 } });
		await $session.get().refetch();
		expect($session.get()).toMatchObject({ data: null, error: { status: 401 } });
	});

	test("needsRefresh triggers a POST /get-session", async () => {
		const { fetcher, methods } = scripted({ data: { ...signedIn, needsRefresh: true }, error: null }, { data: signedIn, error: null });
		const { $session } = createSessionStore(fetcher, { env: () => null });
		await $session.get().refetch();
		expect(methods).toEqual(["GET", "POST"]);
		expect($session.get().data).toEqual(signedIn);
	});

	test("a thrown fetch becomes an error with status 0", async () => {
		const { $session } = createSessionStore(async () => Promise.reject(new Error("offline")), { env: () => null });
		await $session.get().refetch();
		expect($session.get()).toMatchObject({ data: null, isPending: false, error: { status: 0, message: "offline" } });
	});

	test("no fetch on mount outside a browser unless fetchOnMount", async () => {
		const quiet = scripted();
		const store = createSessionStore(quiet.fetcher, { env: () => null });
		const stop = store.$session.listen(() => {});
		await Bun.sleep(5);
		expect(quiet.methods).toEqual([]);
		stop();

		const eager = scripted({ data: signedIn, error: null });
		const eagerStore = createSessionStore(eager.fetcher, { env: () => null, fetchOnMount: true });
		const stopEager = eagerStore.$session.listen(() => {});
		await waitForValue(eagerStore.$session, (value) => value.data !== null);
		expect(eager.methods).toEqual(["GET"]);
		stopEager();
	});

	test("a signal flip refetches only while mounted", async () => {
		const { fetcher, methods } = scripted({ data: signedIn, error: null });
		const { $session, $sessionSignal } = createSessionStore(fetcher, { env: () => null });
		$sessionSignal.set(true);
		expect(methods).toEqual([]);
		const stop = $session.listen(() => {});
		$sessionSignal.set(false);
		await waitForValue($session, (value) => value.data !== null);
		expect(methods).toEqual(["GET"]);
		stop();
	});

	test("the newest refetch wins", async () => {
		let calls = 0;
		const fetcher: SessionFetcher = async ({ signal }) => {
			calls++;
			const first = calls === 1;
			await Bun.sleep(first ? 30 : 1);
			if (signal.aborted) throw new Error("aborted");
			return first ? failure(500) : { data: signedIn, error: null };
		};
		const { $session } = createSessionStore(fetcher, { env: () => null });
		const slow = $session.get().refetch();
		await $session.get().refetch();
		await slow;
		expect($session.get()).toMatchObject({ data: signedIn, error: null, isRefetching: false });
	});
});
