import * as z from "zod";
import { LIMITS } from "../../model.ts";

/** Bounds of the organization plugin's input (SECURITY.md rule 17). */
export const ORGANIZATION_LIMITS = {
	id: 256,
	slug: 128,
	/** Characters of `JSON.stringify(metadata)`. */
	metadata: 16_384,
	/** Characters of one role string (possibly comma-separated). */
	role: 256,
	/** Roles in one array. */
	roles: 16,
	/** Resources, and actions per resource, in a permission request. */
	permissionEntries: 32,
	permissionName: 64,
} as const;

/** An entity id from the client. */
export const entityId = z.string().min(1).max(ORGANIZATION_LIMITS.id);

/** An organization name. */
export const organizationName = z.string().min(1).max(LIMITS.name);

/**
 * A slug: letters, digits and the URL-unreserved `-`, `.`, `_`, `~`, starting with a letter or
 * digit. Slugs end up in URLs and lookups, so whitespace, separators (`/`, `?`, `#`, `\`),
 * `%` and control characters are refused up front.
 */
export const organizationSlug = z
	.string()
	.min(1)
	.max(ORGANIZATION_LIMITS.slug)
	.regex(/^[\p{L}\p{N}][\p{L}\p{N}._~-]*$/u, "Invalid slug");

/** A logo URL or `null`. */
export const organizationLogo = z.string().max(LIMITS.url).nullable();

/** Metadata: a JSON object, stored as JSON text, bounded in size. */
export const organizationMetadata = z
	.record(z.string(), z.unknown())
	.refine((value) => JSON.stringify(value).length <= ORGANIZATION_LIMITS.metadata, "Metadata is too large");

/** A role string (`"admin"` or `"admin,member"`); control characters refused. */
const roleString = z
	.string()
	.min(1)
	.max(ORGANIZATION_LIMITS.role)
	.regex(/^[^\p{Cc}]*$/u, "Invalid role");

/** One role, a comma-separated list, or an array of them. */
export const roleInput = z.union([roleString, z.array(roleString).min(1).max(ORGANIZATION_LIMITS.roles)]);

const permissionName = z.string().min(1).max(ORGANIZATION_LIMITS.permissionName);

/** A permission request: resource → actions. */
export const permissionsInput = z
	.record(permissionName, z.array(permissionName).max(ORGANIZATION_LIMITS.permissionEntries))
	.refine((value) => Object.keys(value).length <= ORGANIZATION_LIMITS.permissionEntries, "Too many resources");

/** A non-negative integer from a query string (or a number through `auth.api`). */
export const queryInteger = z.union([z.number().int().min(0), z.string().regex(/^\d{1,9}$/).transform(Number)]);

const organizationBase = {
	id: z.string(),
	name: z.string(),
	slug: z.string(),
	logo: z.string().nullable().optional(),
	createdAt: z.date(),
};

/** An organization with `metadata` parsed to an object (create and update answer so). */
export const organizationWithParsedMetadata = z.object({ ...organizationBase, metadata: z.record(z.string(), z.unknown()).nullable().optional() });

/** An organization with `metadata` as the stored JSON text (list, get, set-active answer so, spec/plugins.md §5.4). */
export const organizationSchema = z.object({ ...organizationBase, metadata: z.string().nullable().optional() });

/** A membership row. */
export const memberSchema = z.object({
	id: z.string(),
	organizationId: z.string(),
	userId: z.string(),
	role: z.string(),
	createdAt: z.date(),
});

/** The user summary attached to members; `image` is left out when null. */
export const memberUserSchema = z.object({ id: z.string(), name: z.string(), email: z.string(), image: z.string().optional() });

/** A member with its user summary. */
export const memberWithUserSchema = memberSchema.extend({ user: memberUserSchema });

/** An invitation. */
export const invitationSchema = z.object({
	id: z.string(),
	organizationId: z.string(),
	email: z.string(),
	role: z.string(),
	status: z.enum(["pending", "accepted", "rejected", "canceled"]),
	expiresAt: z.date(),
	createdAt: z.date(),
	inviterId: z.string(),
	teamId: z.string().nullable().optional(),
});

/** An organization with its members and the invitations the caller may see. */
export const fullOrganizationSchema = organizationSchema.extend({
	members: z.array(memberWithUserSchema),
	invitations: z.array(invitationSchema),
});

/** An organization as returned on the wire (metadata as JSON text). */
export type Organization = z.output<typeof organizationSchema>;
/** A member as returned on the wire. */
export type Member = z.output<typeof memberSchema>;
/** A member with its user summary. */
export type MemberWithUser = z.output<typeof memberWithUserSchema>;
/** An invitation as returned on the wire. */
export type Invitation = z.output<typeof invitationSchema>;
/** `get-full-organization`'s body. */
export type FullOrganization = z.output<typeof fullOrganizationSchema>;
