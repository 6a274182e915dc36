import * as z from "zod";
import { LIMITS } from "../../model.ts";

/** Bounds of the admin plugin's own inputs (SECURITY.md rule 17). */
export const ADMIN_LIMITS = {
	/** One role name. */
	role: 64,
	/** Roles in one request. */
	roles: 16,
	banReason: 1024,
	searchValue: 256,
	/** A field name in `sortBy` / `filterField`. */
	fieldName: 64,
	/** Values in an `in` filter; resources and actions in a permission check. */
	listItems: 100,
	/** The longest ban, in seconds (100 years). */
	banExpiresIn: 3_153_600_000,
} as const;

/** A user id as sent by a client: an opaque string (Better Auth ids are 32 characters; imports may differ). */
export const userId = z.string().max(LIMITS.token);

/** A role, or several as a list; each name bounded. Stored comma-joined. */
export const roleInput = z.union([z.string().max(ADMIN_LIMITS.role * ADMIN_LIMITS.roles), z.array(z.string().max(ADMIN_LIMITS.role)).max(ADMIN_LIMITS.roles)]);

/** A date as JSON carries it (ISO-8601 string or epoch milliseconds), or a `Date` from `auth.api`. */
export const dateInput = z
	.union([z.date(), z.iso.datetime({ offset: true }), z.number().int()])
	.transform((value) => new Date(value))
	.refine((date) => !Number.isNaN(date.getTime()), "Invalid date");

/** Resource → actions, as `has-permission` takes it; sizes bounded. */
export const permissionMap = z
	.record(z.string().max(ADMIN_LIMITS.fieldName), z.array(z.string().max(ADMIN_LIMITS.fieldName)).max(ADMIN_LIMITS.listItems))
	.refine((map) => Object.keys(map).length <= ADMIN_LIMITS.listItems, "Too many resources");

/**
 * User fields an admin may set through `create-user` / `update-user` `data` (typed here;
 * `role` is checked by the handler so that a bad one answers `INVALID_ROLE_TYPE`). Other
 * keys pass through to plugins (e.g. `username`) and are otherwise ignored.
 */
export const adminUserData = z.looseObject({
	name: z.string().max(LIMITS.name).optional(),
	email: z.string().max(LIMITS.email).optional(),
	emailVerified: z.boolean().optional(),
	image: z.string().max(LIMITS.url).nullable().optional(),
	banned: z.boolean().nullable().optional(),
	banReason: z.string().max(ADMIN_LIMITS.banReason).nullable().optional(),
	banExpires: dateInput.nullable().optional(),
});

/** A non-negative integer as a query string carries it (`"10"`) or as a number; `""` counts as absent. */
export const pagingNumber = z
	.union([z.string().regex(/^\d{0,15}$/, "Expected a non-negative integer"), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)])
	.transform((value) => (value === "" ? undefined : Number(value)));

/** The filter operators `list-users` understands (Better Auth's adapter operators, but `not_in`). */
export const filterOperators = ["eq", "ne", "lt", "lte", "gt", "gte", "in", "contains", "starts_with", "ends_with"] as const;

const filterScalar = z.union([z.string().max(ADMIN_LIMITS.searchValue), z.number(), z.boolean()]);

/** `GET /admin/list-users` query (spec/plugins.md §6.5). Field names are checked by the handler. */
export const listUsersQuery = z.object({
	searchValue: z.string().max(ADMIN_LIMITS.searchValue).optional(),
	searchField: z.enum(["email", "name"]).optional(),
	searchOperator: z.enum(["contains", "starts_with", "ends_with"]).optional(),
	limit: pagingNumber.optional(),
	offset: pagingNumber.optional(),
	sortBy: z.string().max(ADMIN_LIMITS.fieldName).optional(),
	sortDirection: z.enum(["asc", "desc"]).optional(),
	filterField: z.string().max(ADMIN_LIMITS.fieldName).optional(),
	filterValue: z.union([filterScalar, z.array(filterScalar).max(ADMIN_LIMITS.listItems)]).optional(),
	filterOperator: z.enum(filterOperators).optional(),
});
