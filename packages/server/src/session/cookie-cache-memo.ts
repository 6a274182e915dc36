import { constantTimeEqual } from "../crypto/equal.ts";
import type { SessionAndUser } from "./types.ts";

/** How many decoded cookie caches one instance keeps. */
const MAX_ENTRIES = 1000;

interface Entry {
	/** The exact `session_data` cookie value that was verified. */
	value: string;
	data: SessionAndUser;
	/** The earlier of the cache's and the session's expiry. */
	validUntilMs: number;
}

/**
 * Cookie caches this process already verified, keyed by session token. A warm `get-session`
 * then skips the base64 decode, the JSON parse and re-serialisation and the HMAC of about a
 * kilobyte: a hit costs one map read and a constant-time compare of the signature.
 *
 * Only values whose signature checked out are stored, so the memo can never accept what
 * the full check would refuse; each hit re-checks the expiry, so nothing is served longer than
 * the cookie itself allows (spec/core.md §5.4). The key is the session token, as in the
 * session table's index; the cookie's signature is compared in constant time. Bounded: past
 * {@link MAX_ENTRIES} the oldest entry goes.
 */
export class CookieCacheMemo {
	readonly #entries = new Map<string, Entry>();

	/** The decoded data for this token and exact cookie value, if still valid at `nowMs`. */
	get(token: string, value: string, nowMs: number): SessionAndUser | null {
		const entry = this.#entries.get(token);
		if (!entry) return null;
		if (entry.validUntilMs <= nowMs) {
			this.#entries.delete(token);
			return null;
		}
		if (!isSameCache(entry.value, value)) return null;
		// Copies: a handler may replace fields on its session or user without touching the memo.
		return { session: { ...entry.data.session }, user: { ...entry.data.user } };
	}

	/** Remembers a verified cookie value and what it decoded to. */
	set(token: string, value: string, data: SessionAndUser, validUntilMs: number): void {
		this.#entries.delete(token);
		if (this.#entries.size >= MAX_ENTRIES) {
			const oldest = this.#entries.keys().next();
			if (!oldest.done) this.#entries.delete(oldest.value);
		}
		this.#entries.set(token, { value, data: { session: { ...data.session }, user: { ...data.user } }, validUntilMs });
	}
}

/** Base64url characters that encode at least the last 45 bytes: the signature and `"}`. */
const TAIL_CHARS = 64;

/**
 * Whether `value` is the same cache version as the verified `known`. The cookie is
 * base64url of JSON ending in `"signature":"<43 chars>"}`; with equal lengths the base64
 * groups line up, so equal last {@link TAIL_CHARS} characters mean an equal signature, and an
 * HMAC signature names exactly one payload: the one verified before. A value that differs
 * only before its tail (tampered) can then only ever be answered with that verified payload.
 * The compare is constant-time (the tail is the secret part).
 */
function isSameCache(known: string, value: string): boolean {
	if (known.length !== value.length) return false;
	const from = Math.max(0, value.length - TAIL_CHARS);
	return constantTimeEqual(known.slice(from), value.slice(from));
}

const memos = new WeakMap<object, CookieCacheMemo>();

/** The memo of one Latchkey instance (made on first use). */
export function cookieCacheMemo(owner: object): CookieCacheMemo {
	let memo = memos.get(owner);
	if (!memo) {
		memo = new CookieCacheMemo();
		memos.set(owner, memo);
	}
	return memo;
}
