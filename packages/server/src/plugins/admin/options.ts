import { adminDefaultRoles } from "@latchkey/core";
import type { AccessControl, Role, Statements } from "@latchkey/core";
import type { UserRow } from "../../storage/rows.ts";

/** Options of the `admin()` plugin; defaults are Better Auth's (spec/plugins.md §6.3) unless noted. */
export interface AdminOptions {
	/** Role of new users. Default `"user"`. */
	defaultRole?: string;
	/** Roles that count as admin (impersonation guard, last-admin guard). Default `["admin"]`. */
	adminRoles?: string | readonly string[];
	/** Users who pass every permission check whatever their role. */
	adminUserIds?: readonly string[];
	/** Your access control (`createAccessControl({ ...adminStatements, … })`); kept for Better Auth parity, roles carry their statements. */
	ac?: AccessControl<Statements>;
	/** Role name → role. Default `adminDefaultRoles` (`admin`, `user`). When given, `set-role` refuses unknown names. */
	roles?: Readonly<Record<string, Role<Statements>>>;
	/** Stored when `ban-user` gets no reason. Default `"No reason"`. */
	defaultBanReason?: string;
	/** Seconds until a ban lifts itself when `ban-user` gets no `banExpiresIn`. Default: never. */
	defaultBanExpiresIn?: number;
	/** Lifetime of an impersonation session, seconds. Default 3600. */
	impersonationSessionDuration?: number;
	/** Let anyone with `user:impersonate` impersonate admins. Default false. */
	allowImpersonatingAdmins?: boolean;
	/** The 403 BANNED_USER message at sign-in. Default Better Auth's text. */
	bannedUserMessage?: string | ((user: UserRow) => string | Promise<string>);
	/**
	 * Latchkey: `set-user-password` signs the user out everywhere (SECURITY.md rule 16).
	 * Default true (Better Auth: false).
	 */
	revokeSessionsOnSetPassword?: boolean;
	/** Latchkey: the most users one `list-users` page returns, a missing `limit` included. Default 1000. */
	maxListUsersLimit?: number;
}

/** {@link AdminOptions} with defaults applied. */
export interface ResolvedAdminOptions {
	readonly defaultRole: string;
	readonly adminRoles: readonly string[];
	readonly adminUserIds: readonly string[];
	readonly roles: Readonly<Record<string, Role<Statements>>>;
	/** True when the application configured its own roles (unknown role names are then refused). */
	readonly customRoles: boolean;
	readonly defaultBanReason: string;
	readonly defaultBanExpiresIn: number | undefined;
	readonly impersonationSessionDuration: number;
	readonly allowImpersonatingAdmins: boolean;
	readonly bannedUserMessage: NonNullable<AdminOptions["bannedUserMessage"]>;
	readonly revokeSessionsOnSetPassword: boolean;
	readonly maxListUsersLimit: number;
}

const BANNED_MESSAGE = "You have been banned from this application. Please contact support if you believe this is an error.";

/**
 * Applies the defaults and checks the configuration: every admin role must be a configured
 * role (as Better Auth checks), so a typo cannot silently leave nobody admin.
 */
export function resolveAdminOptions(options: AdminOptions): ResolvedAdminOptions {
	const roles: Readonly<Record<string, Role<Statements>>> = options.roles ?? adminDefaultRoles;
	const adminRoles = (typeof options.adminRoles === "string" ? options.adminRoles.split(",") : (options.adminRoles ?? ["admin"])).map((r) => r.trim());
	const known = new Set(Object.keys(roles).map((r) => r.toLowerCase()));
	const invalid = adminRoles.filter((r) => !known.has(r.toLowerCase()));
	if (invalid.length > 0) {
		throw new Error(`latchkey: admin(): invalid admin roles: ${invalid.join(", ")}. Admin roles must be defined in the 'roles' configuration.`);
	}
	return {
		defaultRole: options.defaultRole ?? "user",
		adminRoles,
		adminUserIds: options.adminUserIds ?? [],
		roles,
		customRoles: options.roles !== undefined,
		defaultBanReason: options.defaultBanReason ?? "No reason",
		defaultBanExpiresIn: options.defaultBanExpiresIn,
		impersonationSessionDuration: options.impersonationSessionDuration ?? 3600,
		allowImpersonatingAdmins: options.allowImpersonatingAdmins ?? false,
		bannedUserMessage: options.bannedUserMessage ?? BANNED_MESSAGE,
		revokeSessionsOnSetPassword: options.revokeSessionsOnSetPassword ?? true,
		maxListUsersLimit: options.maxListUsersLimit ?? 1000,
	};
}
