import { listAccounts as route } from "@latchkey/core";
import type { Account } from "@latchkey/core";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import type { AccountRow } from "../../storage/rows.ts";

/** An account as sent on the wire: tokens, expiries and password left out (spec/core.md §9.25). */
export function toAccountOutput(row: AccountRow): Account {
	return {
		id: row.id,
		providerId: row.providerId,
		accountId: row.accountId,
		userId: row.userId,
		createdAt: row.createdAt,
		updatedAt: row.updatedAt,
		scopes: (row.scope ?? "")
			.split(",")
			.map((s) => s.trim())
			.filter(Boolean),
	};
}

/** `GET /list-accounts` (spec/core.md §9.25): `auth.api.listAccounts`, `client.listAccounts`. */
export const listAccounts = defineEndpoint(route, "session", async (ctx) => {
	const rows = await ctx.auth.storage.findMany("account", { userId: ctx.session.user.id }, { sortBy: { field: "createdAt", direction: "asc" } });
	return rows.map(toAccountOutput);
});
