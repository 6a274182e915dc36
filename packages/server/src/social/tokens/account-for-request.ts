import { APIError, BASE_ERROR_CODES } from "@latchkey/core";
import type { RouteContract } from "@latchkey/core";
import type { EndpointContext } from "../../endpoint/define-endpoint.ts";
import { resolveSession } from "../../session/get-session.ts";
import type { AccountRow } from "../../storage/rows.ts";

/** The account selector of the token routes (spec/core.md §9.27). */
export type AccountSelection = { accountId: string; userId?: string | undefined } | { useAccountCookie: true; userId?: string | undefined };

/**
 * The account a token route acts on. Over HTTP the session (re-read from the database: these
 * routes hand out provider tokens, so a revocation must bite at once, SECURITY.md rule 6)
 * decides the user, and its absence is a 401 with an empty body, as Better Auth answers.
 * Server-side `auth.api` calls without a session may name `userId`.
 */
export async function accountForRequest(ctx: EndpointContext<RouteContract, unknown>, selection: AccountSelection): Promise<AccountRow> {
	const session = await resolveSession(ctx.auth, ctx.headers, ctx.response, { fromDatabase: true });
	const overHttp = ctx.request !== undefined || ctx.headers.has("cookie") || ctx.headers.has("authorization");
	if (!session && overHttp) throw new APIError("UNAUTHORIZED");
	const userId = session?.user.id ?? selection.userId;
	if (!userId) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.USER_ID_OR_SESSION_REQUIRED);
	// Latchkey keeps no account cookie (`storeAccountCookie`): only a local account id selects.
	if (!("accountId" in selection)) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.ACCOUNT_NOT_FOUND);
	const account = await ctx.auth.storage.findOne("account", { id: selection.accountId, userId });
	if (!account) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.ACCOUNT_NOT_FOUND);
	return account;
}
