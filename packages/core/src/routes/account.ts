import * as z from "zod";
import { lazyRoute } from "../contract/lazy-route.ts";
import { once } from "../contract/once.ts";
import { LIMITS } from "../model.ts";

/** A linked account as `GET /list-accounts` returns it: no tokens, no password (spec/core.md §9.25). */
export const accountSchema = z.object({
	id: z.string(),
	providerId: z.string(),
	accountId: z.string(),
	userId: z.string(),
	createdAt: z.date(),
	updatedAt: z.date(),
	scopes: z.array(z.string()),
});

/** A linked account as returned on the wire. */
export type Account = z.output<typeof accountSchema>;

/** `GET /list-accounts`: the caller's linked accounts. `client.listAccounts()`. */
export const listAccounts = lazyRoute({
	name: "listAccounts",
	method: "GET",
	path: "/list-accounts",
	get response() {
		return z.array(accountSchema);
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED"],
	summary: "List the user's linked accounts",
});

const id = once(() => z.string().min(1).max(LIMITS.token));

/**
 * `POST /unlink-account`: remove one of the caller's accounts, never the last one.
 * `auth.api.unlinkAccount({ body, headers })`, `client.unlinkAccount(body)`.
 * 1.7 body: `{ accountId }`, the local `account.id`. The ≤1.6 body `{ providerId, accountId? }`
 * (provider-side id) is accepted too (spec/core.md §9.26). Unknown keys are refused.
 */
export const unlinkAccount = lazyRoute({
	name: "unlinkAccount",
	method: "POST",
	path: "/unlink-account",
	get body() {
		return z
			.strictObject({ accountId: id().optional(), providerId: id().optional() })
			.refine((b) => b.accountId !== undefined || b.providerId !== undefined, {
				message: "Invalid input: expected string, received undefined",
				path: ["accountId"],
			});
	},
	get response() {
		return z.object({ status: z.boolean() });
	},
	requiresSession: true,
	errorCodes: ["UNAUTHORIZED", "SESSION_NOT_FRESH", "FAILED_TO_UNLINK_LAST_ACCOUNT", "ACCOUNT_NOT_FOUND", "VALIDATION_ERROR"],
	summary: "Unlink an account",
});
