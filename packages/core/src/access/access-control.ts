/**
 * Typed role-based access control (spec/plugins.md §4): statements list the actions of each
 * resource; a role grants a subset; `authorize` checks a request against a role. Shared by
 * the organization, admin and API-key features, and usable for an application's own resources.
 */

/** Resources and the actions each allows: `{ project: ["create", "delete"] }`. */
export type Statements = { readonly [resource: string]: readonly string[] };

/** What a role grants: for some resources, some of their actions. */
export type RoleStatements<S extends Statements> = { readonly [R in keyof S]?: readonly S[R][number][] };

/** A permission request: per resource, actions all required, or `{ actions, connector: "OR" }` for any one. */
export type PermissionRequest<S extends Statements = Statements> = {
	readonly [R in keyof S]?: readonly S[R][number][] | { readonly actions: readonly S[R][number][]; readonly connector: "AND" | "OR" };
};

/** The outcome of {@link Role.authorize}, with Better Auth's messages on failure. */
export type AuthorizeResult = { success: true; error?: undefined } | { success: false; error: string };

/** A role: the statements it grants, and a check of requests against them. */
export interface Role<S extends Statements = Statements> {
	readonly statements: RoleStatements<S>;
	/**
	 * Checks a request. With `"AND"` (default) every resource must be granted; with `"OR"`
	 * one suffices. Within a resource every listed action is required unless that entry's
	 * connector is `"OR"`. An empty action list grants nothing.
	 */
	authorize(request: PermissionRequest<S>, connector?: "AND" | "OR"): AuthorizeResult;
}

/** An access-control definition: its statements and a role factory. */
export interface AccessControl<S extends Statements> {
	readonly statements: S;
	newRole(statements: RoleStatements<S>): Role<S>;
}

function hasOwn(object: object, key: string): boolean {
	return Object.prototype.hasOwnProperty.call(object, key);
}

/** Builds a role from what it grants (actions are copied: later edits do not widen it). */
export function role<S extends Statements>(statements: RoleStatements<S>): Role<S> {
	const granted = new Map<string, ReadonlySet<string>>();
	for (const [resource, actions] of Object.entries(statements)) {
		if (Array.isArray(actions)) granted.set(resource, new Set(actions as readonly string[]));
	}
	return {
		statements,
		authorize(request, connector = "AND") {
			let anyGranted = false;
			for (const resource of Object.keys(request)) {
				if (!hasOwn(request, resource)) continue;
				const entry = request[resource];
				const allowed = granted.get(resource);
				if (!allowed) {
					if (connector === "OR") continue;
					return { success: false, error: `You are not allowed to access resource: ${resource}` };
				}
				const wanted: readonly string[] = Array.isArray(entry) ? entry : ((entry as { actions?: readonly string[] } | undefined)?.actions ?? []);
				const any = !Array.isArray(entry) && (entry as { connector?: string } | undefined)?.connector === "OR";
				const ok = wanted.length > 0 && (any ? wanted.some((a) => allowed.has(a)) : wanted.every((a) => allowed.has(a)));
				if (ok) {
					if (connector === "OR") return { success: true };
					anyGranted = true;
				} else if (connector === "AND") {
					return { success: false, error: `unauthorized to access resource "${resource}"` };
				}
			}
			return anyGranted ? { success: true } : { success: false, error: "Not authorized" };
		},
	};
}

/**
 * Declares the resources and actions of an application or feature.
 *
 * @example
 * const ac = createAccessControl({ project: ["create", "update", "delete"] } as const);
 * const editor = ac.newRole({ project: ["create", "update"] });
 * editor.authorize({ project: ["update"] }); // { success: true }
 */
export function createAccessControl<const S extends Statements>(statements: S): AccessControl<S> {
	return { statements, newRole: (granted) => role<S>(granted) };
}

/**
 * Checks a role string that may hold several roles separated by commas (`"admin,member"`):
 * allowed when any one known role authorizes the whole request. Unknown role names grant nothing.
 */
export function authorizeRoles<S extends Statements>(
	roleNames: string | null | undefined,
	roles: Readonly<Record<string, Role<S>>>,
	request: PermissionRequest<S>,
	connector?: "AND" | "OR",
): boolean {
	if (!roleNames) return false;
	for (const name of roleNames.split(",")) {
		const trimmed = name.trim();
		const candidate = hasOwn(roles, trimmed) ? roles[trimmed] : undefined;
		if (candidate?.authorize(request, connector).success) return true;
	}
	return false;
}
