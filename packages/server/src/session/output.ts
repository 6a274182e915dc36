import type { Session, User } from "@latchkey/core";
import type { AuthContext } from "../context/create-context.ts";
import type { SessionRow, UserRow } from "../storage/rows.ts";

/** The user as sent on the wire: core fields plus enabled plugins' fields. */
export function toUserOutput(auth: AuthContext, row: UserRow): User {
	const out: Record<string, unknown> = {};
	for (const field of auth.userFields) out[field] = row[field];
	// Sound: userFields always holds the core User fields; plugin fields are optional in User.
	return out as unknown as User;
}

/** The session as sent on the wire (all columns, token included, as Better Auth does). */
export function toSessionOutput(row: SessionRow): Session {
	return {
		id: row.id,
		token: row.token,
		userId: row.userId,
		expiresAt: row.expiresAt,
		createdAt: row.createdAt,
		updatedAt: row.updatedAt,
		ipAddress: row.ipAddress,
		userAgent: row.userAgent,
	};
}
