import { APIError } from "@latchkey/core";
import type { AuthContext } from "../../context/create-context.ts";
import type { BeforeSessionCreateHook } from "../../plugin.ts";
import type { UserRow } from "../../storage/rows.ts";
import type { ResolvedAdminOptions } from "./options.ts";

/** The columns that lift a ban. */
export const UNBAN_PATCH = { banned: false, banReason: null, banExpires: null } as const satisfies Partial<UserRow>;

/** The columns of a new ban: reason (or the default) and expiry (body, else default, else never). */
export function banPatch(auth: AuthContext, options: ResolvedAdminOptions, input: { banReason?: string; banExpiresIn?: number }): Partial<UserRow> {
	const seconds = input.banExpiresIn || options.defaultBanExpiresIn;
	return {
		banned: true,
		banReason: input.banReason || options.defaultBanReason,
		banExpires: seconds ? new Date(auth.now().getTime() + seconds * 1000) : null,
	};
}

/**
 * Runs before every session is created (sign-in of any kind, sign-up, impersonation; spec
 * §6.4). Reads the user again from the store, so a ban that landed after the caller loaded
 * the user still counts. An expired ban lifts itself; any other ban is 403 BANNED_USER with
 * `bannedUserMessage`.
 */
export function refuseBannedUsers(options: ResolvedAdminOptions): BeforeSessionCreateHook {
	return async ({ user, auth, storage }) => {
		const current = (await storage.findOne("user", { id: user.id })) ?? user;
		if (!current.banned) return undefined;
		const now = auth.now();
		if (current.banExpires && current.banExpires.getTime() <= now.getTime()) {
			await storage.update("user", { id: user.id }, { ...UNBAN_PATCH, updatedAt: now });
			// The caller answers with this row (e.g. the sign-in response): show it unbanned.
			Object.assign(user, UNBAN_PATCH, { updatedAt: now });
			return undefined;
		}
		const message = typeof options.bannedUserMessage === "function" ? await options.bannedUserMessage(current) : options.bannedUserMessage;
		throw new APIError("FORBIDDEN", { code: "BANNED_USER", message });
	};
}
