import type { AuthContext } from "../context/create-context.ts";
import { generateId } from "../crypto/random.ts";
import type { VerificationRow } from "../storage/rows.ts";
import type { Storage } from "../storage/storage.ts";
import { cmp } from "../storage/storage.ts";
import { sweepExpiredVerifications } from "./sweep.ts";

/**
 * Stores a single-use token. The identifier carries the purpose (`reset-password:<token>`,
 * `delete-account-<token>`), so a token minted for one flow never works in another
 * (SECURITY.md rule 2).
 */
export function createVerification(
	auth: AuthContext,
	input: { identifier: string; value: string; expiresInSeconds: number },
	storage: Storage = auth.storage,
): Promise<VerificationRow> {
	const now = auth.now();
	void sweepExpiredVerifications(auth);
	return storage.create("verification", {
		id: generateId(),
		identifier: input.identifier,
		value: input.value,
		expiresAt: new Date(now.getTime() + input.expiresInSeconds * 1000),
		createdAt: now,
		updatedAt: now,
	});
}

/**
 * Takes a token for good: one atomic `DELETE … RETURNING` of an unexpired row, so of twenty
 * parallel uses exactly one succeeds (SECURITY.md rule 1). `null` for unknown, used or
 * expired tokens.
 */
export function consumeVerification(auth: AuthContext, identifier: string, storage: Storage = auth.storage): Promise<VerificationRow | null> {
	return storage.consume("verification", { identifier, expiresAt: cmp.gt(auth.now()) });
}

/** Reads a token without using it up (e.g. `GET /reset-password/:token`). */
export function peekVerification(auth: AuthContext, identifier: string): Promise<VerificationRow | null> {
	return auth.storage.findOne("verification", { identifier, expiresAt: cmp.gt(auth.now()) });
}
