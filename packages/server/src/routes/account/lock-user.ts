import type { Storage } from "../../storage/storage.ts";

/**
 * Takes the user's row lock for the rest of the transaction `tx` (a no-op `UPDATE`), so
 * that check-then-write sequences on the user's accounts run one at a time. Under
 * PostgreSQL's READ COMMITTED two transactions would otherwise both count two accounts and
 * both delete one, leaving none (SECURITY.md rule 1); SQLite already serialises them.
 * Returns `false` when the user no longer exists.
 */
export async function lockUser(tx: Storage, userId: string): Promise<boolean> {
	return (await tx.update("user", { id: userId }, { id: userId })) !== null;
}
