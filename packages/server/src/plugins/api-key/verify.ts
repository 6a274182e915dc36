import { API_KEY_ERROR_CODES, APIError, role } from "@latchkey/core";
import type { AuthContext } from "../../context/create-context.ts";
import { constantTimeEqual } from "../../crypto/equal.ts";
import type { ApiKeyRow, UserRow } from "../../storage/rows.ts";
import { hashApiKey } from "./key.ts";
import type { ApiKeyPermissions, ResolvedApiKeyOptions } from "./options.ts";
import { readPermissions } from "./output.ts";
import { claimUsage } from "./usage.ts";

/** What a key is checked for. */
export interface ValidateInput {
	key: string;
	/** Required permissions (spec/plugins.md §4), all of them unless a resource says `connector: "OR"`. */
	permissions?: ApiKeyPermissions;
	/** Only accept keys of this configuration. */
	configId?: string;
}

/** A key that passed every check, after its use was spent, with its owner. */
export interface ValidKey {
	row: ApiKeyRow;
	user: UserRow;
}

/** A ban in force (an expired ban no longer counts, as at sign-in). */
function isBanned(user: UserRow, now: Date): boolean {
	return user.banned === true && (!user.banExpires || user.banExpires.getTime() > now.getTime());
}

function isDefaultConfig(configId: string | null | undefined): boolean {
	return !configId || configId === "default";
}

/**
 * Checks a key and spends one use of it, in Better Auth's order (spec/plugins.md §7.4):
 * unknown → 401 INVALID_API_KEY, disabled → 401 KEY_DISABLED, expired → deleted, 401
 * KEY_EXPIRED, missing permissions → 401 KEY_NOT_FOUND, used up with no refill → deleted,
 * 429 USAGE_EXCEEDED; then refill, `remaining` and the rate limit (429 RATE_LIMITED) are
 * applied atomically. Beyond Better Auth, the owner must still exist (401
 * INVALID_REFERENCE_ID_FROM_API_KEY) and not be banned (401 USER_BANNED), checked before a
 * use is spent: a deletion or a ban reaches keys too (SECURITY.md rule 16).
 */
export async function validateApiKey(auth: AuthContext, options: ResolvedApiKeyOptions, input: ValidateInput): Promise<ValidKey> {
	const hashed = hashApiKey(input.key, options);
	const row = await auth.storage.findOne("apikey", { key: hashed });
	// The lookup already matched; the constant-time recheck guards against a database whose
	// collation compares case-insensitively, and compares plaintext keys (`disableKeyHashing`) safely.
	if (!row || !constantTimeEqual(row.key, hashed)) throw APIError.from("UNAUTHORIZED", API_KEY_ERROR_CODES.INVALID_API_KEY);
	if (input.configId !== undefined && !(isDefaultConfig(row.configId) && isDefaultConfig(input.configId)) && row.configId !== input.configId) {
		throw APIError.from("UNAUTHORIZED", API_KEY_ERROR_CODES.INVALID_API_KEY);
	}
	if (row.enabled === false) throw APIError.from("UNAUTHORIZED", API_KEY_ERROR_CODES.KEY_DISABLED);
	const now = auth.now();
	if (row.expiresAt && now.getTime() > row.expiresAt.getTime()) {
		await auth.storage.delete("apikey", { id: row.id });
		throw APIError.from("UNAUTHORIZED", API_KEY_ERROR_CODES.KEY_EXPIRED);
	}
	if (input.permissions) {
		const granted = readPermissions(row);
		// Better Auth answers a permission miss as KEY_NOT_FOUND: the key is "not found" for this use.
		if (!granted || !role(granted).authorize(input.permissions).success) throw APIError.from("UNAUTHORIZED", API_KEY_ERROR_CODES.KEY_NOT_FOUND);
	}
	if (row.remaining === 0 && row.refillAmount === null) {
		await auth.storage.delete("apikey", { id: row.id });
		throw APIError.from("TOO_MANY_REQUESTS", API_KEY_ERROR_CODES.USAGE_EXCEEDED);
	}
	const user = await auth.storage.findOne("user", { id: row.referenceId });
	if (!user) throw APIError.from("UNAUTHORIZED", API_KEY_ERROR_CODES.INVALID_REFERENCE_ID_FROM_API_KEY);
	if (isBanned(user, now)) throw APIError.from("UNAUTHORIZED", API_KEY_ERROR_CODES.USER_BANNED);
	return { row: await claimUsage(auth.storage, row, options, now), user };
}
