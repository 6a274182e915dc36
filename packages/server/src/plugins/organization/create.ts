import { checkOrganizationSlug as checkSlugRoute, createOrganization as createRoute } from "@latchkey/core";
import { generateId } from "../../crypto/random.ts";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import type { MemberRow, OrganizationRow } from "../../storage/rows.ts";
import { isUniqueViolation } from "../../storage/storage.ts";
import { syncSessionCookies, writeActiveOrganization } from "./active-organization.ts";
import type { OrganizationConfig } from "./config.ts";
import { fail } from "./membership.ts";
import { memberOut, organizationParsed } from "./serialize.ts";

/** `POST /organization/create` and `POST /organization/check-slug`. */
export function createEndpoints(config: OrganizationConfig) {
	const { options } = config;
	const hooks = {
		before: options.organizationCreation?.beforeCreate ?? options.organizationHooks?.beforeCreateOrganization,
		after: options.organizationCreation?.afterCreate ?? options.organizationHooks?.afterCreateOrganization,
	};

	const createOrganization = defineEndpoint(createRoute, "sensitive", async (ctx) => {
		const { auth, body, session } = ctx;
		const user = session.user;
		const allowed = options.allowUserToCreateOrganization ?? true;
		if (!(typeof allowed === "function" ? await allowed(user) : allowed)) fail("FORBIDDEN", "YOU_ARE_NOT_ALLOWED_TO_CREATE_A_NEW_ORGANIZATION");
		const limit = options.organizationLimit;
		if (limit !== undefined) {
			const reached = typeof limit === "function" ? await limit(user) : (await auth.storage.count("member", { userId: user.id })) >= limit;
			if (reached) fail("FORBIDDEN", "YOU_HAVE_REACHED_THE_MAXIMUM_NUMBER_OF_ORGANIZATIONS");
		}
		if (await auth.storage.findOne("organization", { slug: body.slug })) fail("BAD_REQUEST", "ORGANIZATION_ALREADY_EXISTS");

		let input = { name: body.name, slug: body.slug, logo: body.logo ?? null, metadata: body.metadata };
		const changed = await hooks.before?.({ organization: input, user });
		if (changed && "data" in changed) input = { ...input, ...changed.data };

		const now = auth.now();
		const organization: OrganizationRow = {
			id: generateId(),
			name: input.name,
			slug: input.slug,
			logo: input.logo ?? null,
			createdAt: now,
			metadata: input.metadata === undefined ? null : JSON.stringify(input.metadata),
		};
		const member: MemberRow = { id: generateId(), organizationId: organization.id, userId: user.id, role: config.creatorRole, createdAt: now };
		try {
			// Organization, owner membership and active organization: all or nothing.
			await auth.storage.transaction(async (tx) => {
				await tx.create("organization", organization);
				await tx.create("member", member);
				if (!body.keepCurrentActiveOrganization) await writeActiveOrganization(tx, session.session.id, organization.id);
			});
		} catch (error) {
			// The unique slug index settles a race between two creates with one slug: the loser
			// gets the same answer as the check above, not a 500.
			if (isUniqueViolation(error)) fail("BAD_REQUEST", "ORGANIZATION_ALREADY_EXISTS");
			throw error;
		}
		if (!body.keepCurrentActiveOrganization) syncSessionCookies(ctx, organization.id, "cache");
		await hooks.after?.({ organization, member, user });
		return { ...organizationParsed(organization), members: [memberOut(member)] };
	});

	const checkOrganizationSlug = defineEndpoint(checkSlugRoute, "session", async ({ auth, body }) => {
		if (await auth.storage.findOne("organization", { slug: body.slug })) fail("BAD_REQUEST", "ORGANIZATION_SLUG_ALREADY_TAKEN");
		return { status: true };
	});

	return { createOrganization, checkOrganizationSlug };
}
