import { atom, onMount } from "nanostores";
import type { ReadableAtom, WritableAtom } from "nanostores";
import type { SessionWithUser } from "@latchkey/core/route-types";
import { browserEnv, watchRefetchTriggers } from "./refetch-triggers.ts";
import type { BrowserEnv } from "./refetch-triggers.ts";
import type { ClientError, ClientResult } from "./types.ts";

/** Query flags `GET /get-session` understands. */
export interface SessionQuery {
	disableCookieCache?: boolean | string;
	disableRefresh?: boolean | string;
}

/** The value of `client.$session` / `client.useSession`. */
export interface SessionState {
	data: SessionWithUser | null;
	error: ClientError | null;
	/** `true` until a first fetch settles while there is no data. */
	isPending: boolean;
	isRefetching: boolean;
	/** Fetches the session again; resolves when the store has the result. */
	refetch: (options?: { query?: SessionQuery }) => Promise<void>;
}

/** Body of `GET /get-session` as the store reads it (`needsRefresh` only with deferred refresh). */
export type SessionBody = (SessionWithUser & { needsRefresh?: boolean }) | { session: null; user: null } | null;

/** How the store talks to the server: `GET` (or `POST` for a deferred refresh) `/get-session`. */
export type SessionFetcher = (request: { method: "GET" | "POST"; query?: SessionQuery; signal: AbortSignal }) => Promise<ClientResult<SessionBody>>;

/** Options of `createSessionStore`. */
export interface SessionStoreOptions {
	/**
	 * Fetch the session when the store gets its first listener. Default: only in a browser
	 * (as Better Auth), so SSR renders do not send requests; set `true` for Bun/Node clients.
	 */
	fetchOnMount?: boolean;
	/** Refetch on window focus / `visibilitychange`; default `true` (browser only). */
	refetchOnWindowFocus?: boolean;
	/** Browser globals; default `browserEnv()` read at mount time. */
	env?: () => BrowserEnv | null;
}

/** What `createSessionStore` returns. */
export interface SessionStore {
	$session: ReadableAtom<SessionState>;
	/** Flipped by successful sign-in/out calls; the store refetches when it changes. */
	$sessionSignal: WritableAtom<boolean>;
}

function normalize(body: SessionBody): SessionWithUser | null {
	if (!body || body.session === null || body.user === null) return null;
	return { session: body.session, user: body.user };
}

function networkError(cause: unknown): ClientError {
	return { status: 0, statusText: "Network Error", message: cause instanceof Error ? cause.message : String(cause) };
}

/**
 * The session store (spec/core.md §2.6) on a nanostores atom: fetches on mount (browser by
 * default), refetches when `$sessionSignal` flips, on focus and on cross-tab messages; a 401
 * clears `data`, other errors keep it. The newest fetch wins; older ones are aborted.
 *
 * @example
 * const { $session } = createSessionStore(fetcher);
 * $session.listen(({ data }) => console.log(data?.user.email));
 */
export function createSessionStore(fetcher: SessionFetcher, options: SessionStoreOptions = {}): SessionStore {
	const $sessionSignal = atom(false);
	let inFlight: AbortController | undefined;

	const refetch = async (request: { query?: SessionQuery } = {}): Promise<void> => {
		inFlight?.abort();
		const controller = new AbortController();
		inFlight = controller;
		const { signal } = controller;
		const current = $session.get();
		$session.set({ ...current, isPending: current.data === null, isRefetching: true, error: null });
		let result: ClientResult<SessionBody>;
		try {
			result = await fetcher({ method: "GET", query: request.query, signal });
			if (!result.error && result.data && "needsRefresh" in result.data && result.data.needsRefresh) {
				result = await fetcher({ method: "POST", signal });
			}
		} catch (cause) {
			if (signal.aborted) return;
			$session.set({ ...$session.get(), error: networkError(cause), isPending: false, isRefetching: false });
			return;
		}
		if (signal.aborted) return;
		inFlight = undefined;
		const latest = $session.get();
		if (result.error) {
			// 401 means "signed out" (spec/core.md §2.6); other errors keep the last known session.
			const data = result.error.status === 401 ? null : latest.data;
			$session.set({ ...latest, data, error: result.error, isPending: false, isRefetching: false });
			return;
		}
		$session.set({ ...latest, data: normalize(result.data), error: null, isPending: false, isRefetching: false });
	};

	const $session = atom<SessionState>({ data: null, error: null, isPending: true, isRefetching: false, refetch });

	onMount($session, () => {
		const env = (options.env ?? browserEnv)();
		const fetchOnMount = options.fetchOnMount ?? env !== null;
		const timer = fetchOnMount ? setTimeout(() => void refetch(), 0) : undefined;
		const stopSignal = $sessionSignal.listen(() => void refetch());
		const stopTriggers = watchRefetchTriggers({ env, refetch: () => void refetch(), refetchOnWindowFocus: options.refetchOnWindowFocus });
		return () => {
			if (timer) clearTimeout(timer);
			stopSignal();
			stopTriggers();
			inFlight?.abort();
		};
	});

	return { $session, $sessionSignal };
}
