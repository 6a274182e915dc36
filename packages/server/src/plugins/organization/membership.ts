import { APIError, ORGANIZATION_ERROR_CODES } from "@latchkey/core";
import type { StatusName } from "@latchkey/core";
import type { MemberRow, OrganizationRow } from "../../storage/rows.ts";
import type { Storage } from "../../storage/storage.ts";
import type { OrganizationConfig } from "./config.ts";
import { isOwnerRole } from "./roles.ts";

type OrganizationErrorCode = keyof typeof ORGANIZATION_ERROR_CODES;

/** Throws `APIError.from(status, ORGANIZATION_ERROR_CODES[code])`. */
export function fail(status: StatusName, code: OrganizationErrorCode): never {
	throw APIError.from(status, ORGANIZATION_ERROR_CODES[code]);
}

/** The membership of `userId` in `organizationId`, or `null`. */
export function findMember(storage: Storage, organizationId: string, userId: string): Promise<MemberRow | null> {
	return storage.findOne("member", { organizationId, userId });
}

/**
 * The caller's membership of the target organization, or the given error: every route
 * checks it, so a member of one organization can do nothing in another (SECURITY.md rule 5).
 */
export async function requireMember(
	storage: Storage,
	input: { organizationId: string; userId: string },
	error: { status: StatusName; code: OrganizationErrorCode },
): Promise<MemberRow> {
	const member = await findMember(storage, input.organizationId, input.userId);
	if (!member) fail(error.status, error.code);
	return member;
}

/**
 * The organization a request targets: its slug (wins), else its id, else the session's
 * active organization; `null` when there is none. A slug that matches nothing throws 400
 * ORGANIZATION_NOT_FOUND.
 */
export async function targetOrganizationId(
	storage: Storage,
	input: { organizationId?: string | null; organizationSlug?: string } | undefined,
	activeOrganizationId: string | null | undefined,
): Promise<string | null> {
	if (input?.organizationSlug) {
		const organization = await storage.findOne("organization", { slug: input.organizationSlug });
		if (!organization) fail("BAD_REQUEST", "ORGANIZATION_NOT_FOUND");
		return organization.id;
	}
	return input?.organizationId || activeOrganizationId || null;
}

/** How many members of an organization hold the creator role. */
export async function countOwners(storage: Storage, config: OrganizationConfig, organizationId: string): Promise<number> {
	const members = await storage.findMany("member", { organizationId });
	return members.filter((m) => isOwnerRole(config, m.role)).length;
}

/**
 * Runs `fn` in a transaction that first takes the organization's row lock (a no-op update),
 * so writes that must keep an invariant across rows — at least one owner, at most
 * `membershipLimit` members — are serialised per organization on PostgreSQL too (SQLite
 * serialises every transaction already). Everything inside must go through `tx`: another
 * connection could wait on the lock held here. Throws 400 ORGANIZATION_NOT_FOUND when it vanished.
 */
export function withOrganizationLock<T>(storage: Storage, organizationId: string, fn: (tx: Storage, organization: OrganizationRow) => Promise<T>): Promise<T> {
	return storage.transaction(async (tx) => {
		const locked = await tx.update("organization", { id: organizationId }, { id: organizationId });
		if (!locked) fail("BAD_REQUEST", "ORGANIZATION_NOT_FOUND");
		return fn(tx, locked);
	});
}
