import type { Invitation, MemberWithUser, Organization } from "@latchkey/core";
import type { InvitationRow, MemberRow, OrganizationRow, UserRow } from "../../storage/rows.ts";
import type { Storage } from "../../storage/storage.ts";
import { cmp } from "../../storage/storage.ts";

/** An organization with `metadata` as stored JSON text (list, get, set-active; spec/plugins.md §5.4). */
export function organizationOut(row: OrganizationRow): Organization {
	return { id: row.id, name: row.name, slug: row.slug, logo: row.logo, createdAt: row.createdAt, metadata: row.metadata };
}

/** Stored metadata parsed back to an object (create and update answer so); unparsable text gives `null`. */
export function parseMetadata(text: string | null): Record<string, unknown> | null {
	if (text === null) return null;
	try {
		const value: unknown = JSON.parse(text);
		// Sound: checked to be a non-array object just below.
		return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
	} catch {
		return null;
	}
}

/** An organization with `metadata` parsed (create and update). */
export function organizationParsed(row: OrganizationRow): Omit<Organization, "metadata"> & { metadata: Record<string, unknown> | null } {
	return { ...organizationOut(row), metadata: parseMetadata(row.metadata) };
}

/** The member columns, nothing else. */
export function memberOut(row: MemberRow): MemberRow {
	return { id: row.id, organizationId: row.organizationId, userId: row.userId, role: row.role, createdAt: row.createdAt };
}

/** A member with `{ id, name, email, image? }` of its user (image left out when null). */
export function withUser(member: MemberRow, user: UserRow): MemberWithUser {
	return { ...memberOut(member), user: { id: user.id, name: user.name, email: user.email, ...(user.image ? { image: user.image } : {}) } };
}

/** Members joined with their users in one extra query; members whose user vanished are left out. */
export async function membersWithUsers(storage: Storage, members: readonly MemberRow[]): Promise<MemberWithUser[]> {
	if (members.length === 0) return [];
	const users = await storage.findMany("user", { id: cmp.in(members.map((m) => m.userId)) });
	const byId = new Map(users.map((u) => [u.id, u]));
	return members.flatMap((m) => {
		const user = byId.get(m.userId);
		return user ? [withUser(m, user)] : [];
	});
}

/** An invitation as Better Auth returns it (`teamId` only exists with teams, which are not enabled). */
export function invitationOut(row: InvitationRow): Invitation {
	return {
		id: row.id,
		organizationId: row.organizationId,
		email: row.email,
		role: row.role ?? "member",
		status: row.status,
		expiresAt: row.expiresAt,
		createdAt: row.createdAt,
		inviterId: row.inviterId,
	};
}
