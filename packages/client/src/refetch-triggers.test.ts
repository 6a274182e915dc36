import { describe, expect, test } from "bun:test";
import { broadcastSessionUpdate, FOCUS_REFETCH_INTERVAL_MS, SESSION_BROADCAST_KEY, watchRefetchTriggers } from "./refetch-triggers.ts";
import type { BrowserEnv } from "./refetch-triggers.ts";

/** A DOM-free stand-in for window, document and localStorage. */
function fakeEnv() {
	const window = new EventTarget();
	const document = Object.assign(new EventTarget(), { visibilityState: "hidden" });
	const stored = new Map<string, string>();
	const env: BrowserEnv = { window, document, localStorage: { setItem: (key, value) => void stored.set(key, value) } };
	const storageEvent = (key: string, newValue: string | null): Event => Object.assign(new Event("storage"), { key, newValue });
	return { env, window, document, stored, storageEvent };
}

describe("watchRefetchTriggers (spec/core.md §2.6)", () => {
	test("focus and visibilitychange refetch at most once per 5 s", () => {
		const { env, window, document } = fakeEnv();
		let clock = 1_000_000;
		let count = 0;
		const stop = watchRefetchTriggers({ env, refetch: () => count++, now: () => clock });
		window.dispatchEvent(new Event("focus"));
		expect(count).toBe(1);
		clock += FOCUS_REFETCH_INTERVAL_MS - 1;
		document.visibilityState = "visible";
		document.dispatchEvent(new Event("visibilitychange"));
		expect(count).toBe(1);
		clock += 1;
		document.dispatchEvent(new Event("visibilitychange"));
		expect(count).toBe(2);
		clock += FOCUS_REFETCH_INTERVAL_MS;
		document.visibilityState = "hidden";
		document.dispatchEvent(new Event("visibilitychange"));
		expect(count).toBe(2);
		stop();
		clock += FOCUS_REFETCH_INTERVAL_MS;
		window.dispatchEvent(new Event("focus"));
		expect(count).toBe(2);
	});

	test("refetchOnWindowFocus: false ignores focus", () => {
		const { env, window } = fakeEnv();
		let count = 0;
		const stop = watchRefetchTriggers({ env, refetch: () => count++, refetchOnWindowFocus: false });
		window.dispatchEvent(new Event("focus"));
		expect(count).toBe(0);
		stop();
	});

	test("a session message from another tab refetches; other keys and junk do not", () => {
		const { env, window, storageEvent } = fakeEnv();
		let count = 0;
		const stop = watchRefetchTriggers({ env, refetch: () => count++ });
		window.dispatchEvent(storageEvent("other", JSON.stringify({ event: "session", data: {} })));
		window.dispatchEvent(storageEvent(SESSION_BROADCAST_KEY, "not json"));
		window.dispatchEvent(storageEvent(SESSION_BROADCAST_KEY, JSON.stringify({ event: "other", data: {} })));
		expect(count).toBe(0);
		window.dispatchEvent(storageEvent(SESSION_BROADCAST_KEY, JSON.stringify({ event: "session", data: { trigger: "signout" } })));
		expect(count).toBe(1);
		stop();
	});

	test("no browser: nothing is wired and nothing throws", () => {
		const stop = watchRefetchTriggers({ env: null, refetch: () => {} });
		stop();
		broadcastSessionUpdate(null, "signout");
	});
});

describe("broadcastSessionUpdate", () => {
	test("writes Better Auth's message shape under better-auth.message", () => {
		const { env, stored } = fakeEnv();
		broadcastSessionUpdate(env, "signout");
		const message = JSON.parse(stored.get(SESSION_BROADCAST_KEY) ?? "{}");
		expect(message).toMatchObject({ event: "session", data: { trigger: "signout" } });
		expect(typeof message.clientId).toBe("string");
		expect(typeof message.timestamp).toBe("number");
	});
});
