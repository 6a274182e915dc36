import { API_KEY_ERROR_CODES, APIError, LIMITS } from "@latchkey/core";
import { clientIp } from "../../middleware/client-ip.ts";
import type { SessionFromRequestHook } from "../../plugin.ts";
import type { SessionAndUser } from "../../session/types.ts";
import type { ExpiredKeyCleanup } from "./cleanup.ts";
import type { ResolvedApiKeyOptions } from "./options.ts";
import { validateApiKey } from "./verify.ts";

/** Longest header value treated as a key; anything longer cannot be one of ours. */
const MAX_KEY_LENGTH = 1024;

/**
 * Sessions made from a key. Routes that mint or widen credentials (`/api-key/create`,
 * `/api-key/update`) refuse them: a key acting as a session must not outgrow its own
 * authority (SECURITY.md rule 17).
 */
const keySessions = new WeakSet<SessionAndUser>();

/** Whether a session was made from an API key (see {@link createSessionFromApiKey}). */
export function isApiKeySession(session: SessionAndUser): boolean {
	return keySessions.has(session);
}

/** The first non-empty configured key header, or `null`. */
function readKeyHeader(headers: Headers, names: readonly string[]): string | null {
	for (const name of names) {
		const value = headers.get(name);
		if (value) return value;
	}
	return null;
}

/**
 * With `enableSessionForAPIKeys`, a request with no session token but a key header acts as
 * the key's owner (spec/plugins.md §7.4): the key is validated and one use spent, then a
 * session is synthesised; nothing is written to the session table and no cookie is set.
 * Every refusal of {@link validateApiKey} applies (a missing or banned owner included); a key
 * shorter than `defaultKeyLength` is 403 INVALID_API_KEY.
 */
export function createSessionFromApiKey(options: ResolvedApiKeyOptions, cleanup: ExpiredKeyCleanup): SessionFromRequestHook {
	return async ({ auth, headers }) => {
		if (!options.enableSessionForAPIKeys) return null;
		const key = readKeyHeader(headers, options.apiKeyHeaders);
		if (key === null) return null;
		if (key.length < options.defaultKeyLength) throw APIError.from("FORBIDDEN", API_KEY_ERROR_CODES.INVALID_API_KEY);
		if (key.length > MAX_KEY_LENGTH) throw APIError.from("UNAUTHORIZED", API_KEY_ERROR_CODES.INVALID_API_KEY);
		const { row, user } = await validateApiKey(auth, options, { key, configId: options.configId });
		await cleanup.maybe(auth);
		const now = auth.now();
		const data: SessionAndUser = {
			user,
			session: {
				id: row.id,
				token: key,
				userId: user.id,
				userAgent: headers.get("user-agent")?.slice(0, LIMITS.userAgent) ?? null,
				ipAddress: clientIp(headers, null, auth.ipHeaders),
				// A key never proves a recent sign-in: dating the session at the epoch makes every
				// `fresh` route (passkey registration, unlinking an account, listing sessions)
				// answer 403 SESSION_NOT_FRESH, so a leaked key cannot add a login method
				// (SECURITY.md rule 17). Better Auth dates it "now".
				createdAt: new Date(0),
				updatedAt: now,
				expiresAt: row.expiresAt ?? new Date(now.getTime() + auth.session.expiresIn * 1000),
			},
		};
		keySessions.add(data);
		return data;
	};
}
