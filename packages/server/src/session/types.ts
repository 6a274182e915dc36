import type { SessionRow, UserRow } from "../storage/rows.ts";

/** A session row with its user. */
export interface SessionAndUser {
	session: SessionRow;
	user: UserRow;
}
