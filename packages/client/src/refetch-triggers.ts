/** The `localStorage` key other tabs watch for session changes (same as Better Auth). */
export const SESSION_BROADCAST_KEY = "better-auth.message";

/** Focus and `visibilitychange` refetch at most this often (spec/core.md §2.6). */
export const FOCUS_REFETCH_INTERVAL_MS = 5_000;

type Listener = (event: Event) => void;

interface EventSource {
	addEventListener(type: string, listener: Listener): void;
	removeEventListener(type: string, listener: Listener): void;
}

/** The browser globals the session store touches; injectable so tests need no DOM. */
export interface BrowserEnv {
	window: EventSource;
	document?: EventSource & { readonly visibilityState?: string };
	localStorage?: { setItem(key: string, value: string): void };
}

/** Why a tab broadcasts: the same trigger names Better Auth writes. */
export type BroadcastTrigger = "signout" | "updateUser";

/**
 * The real browser globals, or `null` on the server. Read on call, never at import, so the
 * module is safe to import during SSR.
 */
export function browserEnv(): BrowserEnv | null {
	if (typeof window === "undefined" || typeof window.addEventListener !== "function") return null;
	return {
		window,
		document: typeof document === "undefined" ? undefined : document,
		localStorage: safeLocalStorage(),
	};
}

function safeLocalStorage(): BrowserEnv["localStorage"] {
	try {
		// Throws in some sandboxed iframes and privacy modes; cross-tab sync is then off.
		return typeof localStorage === "undefined" ? undefined : localStorage;
	} catch {
		return undefined;
	}
}

/**
 * Tells other tabs the session changed by writing `better-auth.message` to `localStorage`
 * (the `storage` event fires in every other tab of the origin). No-op without a browser.
 */
export function broadcastSessionUpdate(env: BrowserEnv | null, trigger: BroadcastTrigger): void {
	if (!env?.localStorage) return;
	const message = { event: "session", data: { trigger }, clientId: Math.random().toString(36).slice(2, 9), timestamp: Math.floor(Date.now() / 1000) };
	try {
		env.localStorage.setItem(SESSION_BROADCAST_KEY, JSON.stringify(message));
	} catch {
		// Quota or privacy mode: other tabs simply refetch on their next focus.
	}
}

function isSessionMessage(raw: string | null): boolean {
	if (!raw) return false;
	try {
		const message: unknown = JSON.parse(raw);
		return typeof message === "object" && message !== null && "event" in message && message.event === "session" && "data" in message && Boolean(message.data);
	} catch {
		return false;
	}
}

/** Options of `watchRefetchTriggers`. */
export interface RefetchTriggerOptions {
	env: BrowserEnv | null;
	refetch: () => void;
	/** Refetch on window focus and `visibilitychange` → visible; default `true`. */
	refetchOnWindowFocus?: boolean;
	/** Clock in ms; injectable for tests. Default `Date.now`. */
	now?: () => number;
}

/**
 * Wires the browser refetch triggers of spec/core.md §2.6: window focus / `visibilitychange`
 * (rate-limited to once per 5 s) and the cross-tab `storage` event. Returns the cleanup.
 * Does nothing on the server.
 *
 * @example
 * const stop = watchRefetchTriggers({ env: browserEnv(), refetch: () => store.refetch() });
 */
export function watchRefetchTriggers(options: RefetchTriggerOptions): () => void {
	const { env, refetch, refetchOnWindowFocus = true, now = Date.now } = options;
	if (!env) return () => {};
	let lastFocusRefetch = Number.NEGATIVE_INFINITY;
	const onFocus = (): void => {
		if (now() - lastFocusRefetch < FOCUS_REFETCH_INTERVAL_MS) return;
		lastFocusRefetch = now();
		refetch();
	};
	const onVisibility = (): void => {
		if (env.document?.visibilityState === "visible") onFocus();
	};
	const onStorage = (event: Event): void => {
		if (!("key" in event) || event.key !== SESSION_BROADCAST_KEY) return;
		const raw = "newValue" in event && typeof event.newValue === "string" ? event.newValue : null;
		if (isSessionMessage(raw)) refetch();
	};
	env.window.addEventListener("storage", onStorage);
	if (refetchOnWindowFocus) {
		env.window.addEventListener("focus", onFocus);
		env.document?.addEventListener("visibilitychange", onVisibility);
	}
	return () => {
		env.window.removeEventListener("storage", onStorage);
		env.window.removeEventListener("focus", onFocus);
		env.document?.removeEventListener("visibilitychange", onVisibility);
	};
}
