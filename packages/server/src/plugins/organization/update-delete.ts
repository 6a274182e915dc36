import { deleteOrganization as deleteRoute, updateOrganization as updateRoute } from "@latchkey/core";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import type { OrganizationRow } from "../../storage/rows.ts";
import { isUniqueViolation } from "../../storage/storage.ts";
import { clearActiveOrganization, syncSessionCookies } from "./active-organization.ts";
import type { OrganizationConfig } from "./config.ts";
import { fail, requireMember } from "./membership.ts";
import { roleCan } from "./roles.ts";
import { organizationOut, organizationParsed } from "./serialize.ts";

/** `POST /organization/update` and `POST /organization/delete`. */
export function updateDeleteEndpoints(config: OrganizationConfig) {
	const updateOrganization = defineEndpoint(updateRoute, "sensitive", async ({ auth, body, session }) => {
		const organizationId = body.organizationId || session.session.activeOrganizationId;
		if (!organizationId) fail("BAD_REQUEST", "ORGANIZATION_NOT_FOUND");
		const member = await requireMember(auth.storage, { organizationId, userId: session.user.id }, { status: "BAD_REQUEST", code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION" });
		if (!roleCan(config, member.role, { organization: ["update"] })) fail("FORBIDDEN", "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_ORGANIZATION");
		const { name, slug, logo, metadata } = body.data;
		if (slug !== undefined) {
			const holder = await auth.storage.findOne("organization", { slug });
			if (holder && holder.id !== organizationId) fail("BAD_REQUEST", "ORGANIZATION_SLUG_ALREADY_TAKEN");
		}
		const patch: Partial<OrganizationRow> = {};
		if (name !== undefined) patch.name = name;
		if (slug !== undefined) patch.slug = slug;
		if (logo !== undefined) patch.logo = logo;
		if (metadata !== undefined) patch.metadata = JSON.stringify(metadata);
		let updated: OrganizationRow | null;
		try {
			updated = Object.keys(patch).length > 0 ? await auth.storage.update("organization", { id: organizationId }, patch) : await auth.storage.findOne("organization", { id: organizationId });
		} catch (error) {
			if (isUniqueViolation(error)) fail("BAD_REQUEST", "ORGANIZATION_SLUG_ALREADY_TAKEN");
			throw error;
		}
		if (!updated) fail("BAD_REQUEST", "ORGANIZATION_NOT_FOUND");
		return organizationParsed(updated);
	});

	const deleteOrganization = defineEndpoint(deleteRoute, "sensitive", async (ctx) => {
		const { auth, body, session } = ctx;
		if (config.options.disableOrganizationDeletion) fail("NOT_FOUND", "ORGANIZATION_DELETION_DISABLED");
		const { organizationId } = body;
		const member = await requireMember(auth.storage, { organizationId, userId: session.user.id }, { status: "BAD_REQUEST", code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION" });
		if (!roleCan(config, member.role, { organization: ["delete"] })) fail("FORBIDDEN", "YOU_ARE_NOT_ALLOWED_TO_DELETE_THIS_ORGANIZATION");
		const deleted = await auth.storage.transaction(async (tx) => {
			const organization = await tx.findOne("organization", { id: organizationId });
			if (!organization) return null;
			// Every session that had it active lets go of it, not only the caller's.
			await clearActiveOrganization(tx, organizationId);
			await tx.delete("invitation", { organizationId });
			await tx.delete("member", { organizationId });
			await tx.delete("organization", { id: organizationId });
			return organization;
		});
		if (!deleted) fail("BAD_REQUEST", "ORGANIZATION_NOT_FOUND");
		if (session.session.activeOrganizationId === organizationId) syncSessionCookies(ctx, null, "cache");
		return organizationOut(deleted);
	});

	return { updateOrganization, deleteOrganization };
}
