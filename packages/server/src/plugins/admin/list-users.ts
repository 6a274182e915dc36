import { ADMIN_ERROR_CODES, APIError, listUsers as route } from "@latchkey/core";
import type { RouteQuery } from "@latchkey/core";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import type { Endpoint } from "../../endpoint/define-endpoint.ts";
import { toUserOutput } from "../../session/output.ts";
import type { UserRow } from "../../storage/rows.ts";
import { cmp } from "../../storage/storage.ts";
import type { Condition, Where } from "../../storage/storage.ts";
import { requireAdminSession } from "./admin-session.ts";
import type { ResolvedAdminOptions } from "./options.ts";
import { requirePermission } from "./permissions.ts";

type Query = RouteQuery<typeof route>;
type FieldKind = "string" | "boolean" | "date";
type Scalar = string | boolean | Date;

/**
 * The user columns `list-users` may filter and sort on, with their kinds. A name outside this
 * list (or a column whose plugin is not enabled) is a 400, never a SQL error.
 */
const FIELD_KINDS: Readonly<Record<string, FieldKind>> = {
	id: "string",
	name: "string",
	email: "string",
	emailVerified: "boolean",
	image: "string",
	createdAt: "date",
	updatedAt: "date",
	username: "string",
	displayUsername: "string",
	twoFactorEnabled: "boolean",
	role: "string",
	banned: "boolean",
	banReason: "string",
	banExpires: "date",
};

function invalid(part: string, message: string): APIError {
	return new APIError("BAD_REQUEST", { code: "VALIDATION_ERROR", message: `[query.${part}] ${message}` });
}

/** The kind of a user field that is enabled on this instance, or a 400. */
function fieldKind(userFields: readonly string[], field: string, part: string): FieldKind {
	const kind = Object.hasOwn(FIELD_KINDS, field) && userFields.includes(field) ? FIELD_KINDS[field] : undefined;
	if (!kind) throw invalid(part, "Unknown user field");
	return kind;
}

/** A query value as the column's type: `"true"` for booleans, ISO strings or epoch ms for dates. */
function coerce(kind: FieldKind, value: string | number | boolean): Scalar {
	if (kind === "boolean") {
		if (value === true || value === "true") return true;
		if (value === false || value === "false") return false;
		throw invalid("filterValue", "Expected true or false");
	}
	if (kind === "date") {
		const date = new Date(typeof value === "string" && /^\d+$/.test(value) ? Number(value) : typeof value === "boolean" ? Number.NaN : value);
		if (Number.isNaN(date.getTime())) throw invalid("filterValue", "Expected a date");
		return date;
	}
	return String(value);
}

const SEARCH_OPS = { contains: cmp.contains, starts_with: cmp.startsWith, ends_with: cmp.endsWith } as const;

/** The JS twin of a case-insensitive search, to combine it with an `eq`/`in` filter on the same field. */
function matchesSearch(op: keyof typeof SEARCH_OPS, needle: string, value: Scalar): boolean {
	const hay = String(value).toLowerCase();
	const n = needle.toLowerCase();
	return op === "contains" ? hay.includes(n) : op === "starts_with" ? hay.startsWith(n) : hay.endsWith(n);
}

/** Turns the query's filter into a condition on one field. */
function filterCondition(kind: FieldKind, query: Query): Scalar | Condition<Scalar> {
	const op = query.filterOperator ?? "eq";
	const raw = query.filterValue;
	if (raw === undefined) throw invalid("filterValue", "Missing");
	if (op === "in") return cmp.in((Array.isArray(raw) ? raw : [raw]).map((v) => coerce(kind, v)));
	if (Array.isArray(raw)) throw invalid("filterValue", `Expected one value for operator ${op}`);
	const value = coerce(kind, raw);
	if (op === "contains" || op === "starts_with" || op === "ends_with") {
		if (kind !== "string" || typeof value !== "string") throw invalid("filterOperator", `${op} needs a text field`);
		return SEARCH_OPS[op](value);
	}
	return op === "eq" ? value : cmp[op](value);
}

/**
 * The where clause of a listing: search AND filter (spec/plugins.md §6.5). A filter on the
 * searched field can only be `eq` or `in` (its values are then matched against the search);
 * `null` means no user can match.
 */
export function listUsersWhere(userFields: readonly string[], query: Query): Where<"user"> | null {
	const where: Record<string, unknown> = {};
	const searchField = query.searchField ?? "email";
	const searchOp = query.searchOperator ?? "contains";
	if (query.searchValue) where[searchField] = SEARCH_OPS[searchOp](query.searchValue);
	if (query.filterValue !== undefined) {
		const field = query.filterField ?? "email";
		let condition = filterCondition(fieldKind(userFields, field, "filterField"), query);
		if (Object.hasOwn(where, field) && query.searchValue) {
			const needle = query.searchValue;
			if (condition instanceof Date || typeof condition !== "object") {
				if (!matchesSearch(searchOp, needle, condition)) return null;
			} else if (condition.op === "in") {
				const kept = (condition.value as readonly Scalar[]).filter((v) => matchesSearch(searchOp, needle, v));
				if (kept.length === 0) return null;
				condition = cmp.in(kept);
			} else {
				throw invalid("filterField", "A filter on the searched field must use eq or in");
			}
		}
		where[field] = condition;
	}
	// Storage refuses an empty where (a guard against deleting a table); ids are never empty.
	if (Object.keys(where).length === 0) where.id = cmp.ne("");
	// Sound: every key was checked against the user columns above, with a value of its kind.
	return where as Where<"user">;
}

/**
 * `GET /admin/list-users` (spec/plugins.md §6.5): `{ users, total, limit?, offset? }`, all
 * filtering, sorting and paging in SQL. Pages hold at most `maxListUsersLimit` users,
 * whatever `limit` says; `limit` and `offset` are echoed when non-zero, as Better Auth does.
 */
export function listUsersEndpoint(options: ResolvedAdminOptions): Endpoint<typeof route> {
	return defineEndpoint(route, "none", async (ctx) => {
		const { auth, query } = ctx;
		const { user: actor } = await requireAdminSession(ctx);
		requirePermission(options, actor, { user: ["list"] }, ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_LIST_USERS);
		const where = listUsersWhere(auth.userFields, query);
		let sortBy: { field: keyof UserRow & string; direction: "asc" | "desc" } | undefined;
		if (query.sortBy) {
			fieldKind(auth.userFields, query.sortBy, "sortBy");
			// Sound: fieldKind accepted it as a user column of this instance.
			sortBy = { field: query.sortBy as keyof UserRow & string, direction: query.sortDirection ?? "asc" };
		}
		const limit = Math.min(query.limit || options.maxListUsersLimit, options.maxListUsersLimit);
		const offset = query.offset || undefined;
		const [users, total] = where
			? await Promise.all([auth.storage.findMany("user", where, { limit, offset, sortBy }), auth.storage.count("user", where)])
			: [[], 0];
		return {
			users: users.map((user) => toUserOutput(auth, user)),
			total,
			...(query.limit ? { limit } : {}),
			...(offset ? { offset } : {}),
		};
	});
}
