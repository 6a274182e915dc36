import { createHash } from "node:crypto";
import type { SessionRow, UserRow } from "../storage/rows.ts";

/** A session with its user, as `Storage.findSessionAndUser` returns it. */
export interface CachedSessionAndUser {
	session: SessionRow;
	user: UserRow;
}

/**
 * The cache key of a session. The token is a bearer credential, so the key is its SHA-256
 * (base64url), never the token itself: a leaked key list or `MONITOR` output grants nothing.
 * A plain hash suffices for 190-bit random tokens (Copenhagen Book, "Sessions").
 */
export function sessionKey(token: string): string {
	return `session:${createHash("sha256").update(token).digest("base64url")}`;
}

/** The key holding a user's cache generation: any change to it invalidates every cached session of that user. */
export function generationKey(userId: string): string {
	return `session-gen:${userId}`;
}

/** What is stored at a {@link sessionKey}: user id, the generation it was read under, and the rows. */
interface Entry {
	u: string;
	g: string;
	d: string;
}

/**
 * Serialises the rows for the cache, without the token (the reader knows it: it is the
 * lookup argument) and with dates tagged so they come back as `Date`.
 */
export function encodeEntry(data: CachedSessionAndUser, generation: string): string {
	const { token: _token, ...session } = data.session;
	const d = JSON.stringify({ session, user: data.user }, function (this: Record<string, unknown>, key, value: unknown) {
		const raw = this[key];
		return raw instanceof Date ? { $date: raw.getTime() } : value;
	});
	return JSON.stringify({ u: data.user.id, g: generation, d } satisfies Entry);
}

/** The entry's user id and generation, or `null` for anything that is not an entry. */
export function readEntry(value: unknown): Entry | null {
	if (typeof value !== "string") return null;
	try {
		const parsed: unknown = JSON.parse(value);
		if (typeof parsed !== "object" || parsed === null) return null;
		const { u, g, d } = parsed as Record<string, unknown>;
		return typeof u === "string" && typeof g === "string" && typeof d === "string" ? { u, g, d } : null;
	} catch {
		return null;
	}
}

/** The rows of an entry, with the token put back. */
export function decodeEntry(entry: Entry, token: string): CachedSessionAndUser | null {
	try {
		const parsed = JSON.parse(entry.d, (_key, value: unknown) => {
			if (typeof value === "object" && value !== null && "$date" in value && typeof value.$date === "number") return new Date(value.$date);
			return value;
		}) as { session?: Omit<SessionRow, "token">; user?: UserRow };
		if (!parsed.session || !parsed.user) return null;
		// Sound: this process (or a peer running the same code) wrote these rows from real ones.
		return { session: { ...parsed.session, token } as SessionRow, user: parsed.user };
	} catch {
		return null;
	}
}
