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

/** The session as sent on the wire: core columns, token included, as Better Auth does, plus enabled plugins' columns. */
export function toSessionOutput(auth: AuthContext, row: SessionRow): Session {
	const out: Record<string, unknown> = {};
	for (const field of auth.sessionFields) out[field] = row[field] ?? null;
	// Sound: sessionFields always holds the core Session fields; plugin fields are optional in Session.
	return out as unknown as Session;
}
