import { generateId } from "../crypto/random.ts";
import type { AccountRow } from "../storage/rows.ts";

/**
 * A credential (email/password) account row: `providerId = "credential"` and
 * `accountId = userId`, the shape Better Auth looks for at sign-in (spec/core.md §8.3).
 */
export function credentialAccountRow(userId: string, passwordHash: string, now: Date): AccountRow {
	return {
		id: generateId(),
		accountId: userId,
		providerId: "credential",
		userId,
		accessToken: null,
		refreshToken: null,
		idToken: null,
		accessTokenExpiresAt: null,
		refreshTokenExpiresAt: null,
		scope: null,
		password: passwordHash,
		createdAt: now,
		updatedAt: now,
	};
}
