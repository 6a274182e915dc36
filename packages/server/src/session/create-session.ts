import type { AuthContext } from "../context/create-context.ts";
import { generateId, generateRandomString } from "../crypto/random.ts";
import type { SessionRow, UserRow } from "../storage/rows.ts";
import type { Storage } from "../storage/storage.ts";
import { LIMITS } from "@latchkey/core";

/** A one-day lifetime for rememberMe=false sign-ins (spec/core.md §5.1). */
const DONT_REMEMBER_SECONDS = 86_400;

/**
 * Inserts a new session with a fresh 32-character token. Every sign-in gets a new one, so a
 * token planted before sign-in is worthless afterwards (no fixation, SECURITY.md rule 11).
 */
export async function createSession(
	auth: AuthContext,
	storage: Storage,
	input: { user: UserRow; dontRemember: boolean; ip: string | null; userAgent: string | null; fields?: Partial<SessionRow>; expiresIn?: number },
): Promise<SessionRow> {
	// Plugins may refuse (a banned user) or add columns; they run before anything is written.
	let fields: Partial<SessionRow> = { ...input.fields };
	for (const plugin of auth.plugins) {
		if (plugin.beforeSessionCreate) fields = { ...fields, ...(await plugin.beforeSessionCreate({ user: input.user, auth, storage })) };
	}
	const now = auth.now();
	const lifetime = input.expiresIn ?? (input.dontRemember ? DONT_REMEMBER_SECONDS : auth.session.expiresIn);
	return storage.create("session", {
		...fields,
		id: generateId(),
		token: generateRandomString(32),
		userId: input.user.id,
		expiresAt: new Date(now.getTime() + lifetime * 1000),
		createdAt: now,
		updatedAt: now,
		ipAddress: input.ip ?? "",
		userAgent: (input.userAgent ?? "").slice(0, LIMITS.userAgent),
	});
}
