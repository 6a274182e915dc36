/**
 * Type tests: compiled by `tsc -p .` (the `typecheck` script), never run. Each generated
 * route type must be identical to what zod infers from its contract; a drift names the
 * route and the field in the compile error (e.g. `"signUpEmail.body"` is not `never`).
 */
import type { RouteBodyInput, RouteContract, RouteQueryInput, RouteResponse } from "../contract/define-route.ts";
import type { Session as ZodSession, SessionWithUser as ZodSessionWithUser, User as ZodUser } from "../model.ts";
import type { adminRoutes } from "../plugins/admin/routes.ts";
import type { apiKeyRoutes } from "../plugins/api-key/routes.ts";
import type { organizationRoutes } from "../plugins/organization/routes.ts";
import type { passkeyRoutes } from "../plugins/passkey/routes.ts";
import type { twoFactorRoutes } from "../plugins/two-factor/routes.ts";
import type { usernameRoutes } from "../plugins/username/routes.ts";
import type { coreRoutes } from "../routes/index.ts";
import type {
	AdminRouteTypes,
	ApiKeyRouteTypes,
	CoreRouteTypes,
	OrganizationRouteTypes,
	PasskeyRouteTypes,
	Session,
	SessionWithUser,
	TwoFactorRouteTypes,
	User,
	UsernameRouteTypes,
} from "./routes.ts";

/** Identical types (not merely mutually assignable). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;
/** `Equal<X, never>` can miss a `never` built from a large mapped type; a tuple test cannot. */
type IsNever<T> = [T] extends [never] ? true : false;

/** What the generated entry of a contract must be, by zod's own inference. */
interface Inferred<C extends RouteContract> {
	method: C["method"];
	path: C["path"];
	body: RouteBodyInput<C>;
	query: RouteQueryInput<C>;
	response: RouteResponse<C>;
}

type Field = "method" | "path" | "body" | "query" | "response";

/** `"route.field"` for every field that differs, every route missing on one side; `never` when all match. */
export type Drift<Generated, Table extends Readonly<Record<string, RouteContract>>> =
	| Exclude<keyof Generated, keyof Table>
	| Exclude<keyof Table, keyof Generated>
	| {
			[K in keyof Table & keyof Generated & string]: {
				[F in Field]: Generated[K] extends Record<F, unknown> ? (Equal<Generated[K][F], Inferred<Table[K]>[F]> extends true ? never : `${K}.${F}`) : `${K}.${F}`;
			}[Field];
	  }[keyof Table & keyof Generated & string];

export type Checks = [
	Expect<Equal<User, ZodUser>>,
	Expect<Equal<Session, ZodSession>>,
	Expect<Equal<SessionWithUser, ZodSessionWithUser>>,
	Expect<IsNever<Drift<CoreRouteTypes, typeof coreRoutes>>>,
	Expect<IsNever<Drift<UsernameRouteTypes, typeof usernameRoutes>>>,
	Expect<IsNever<Drift<TwoFactorRouteTypes, typeof twoFactorRoutes>>>,
	Expect<IsNever<Drift<AdminRouteTypes, typeof adminRoutes>>>,
	Expect<IsNever<Drift<ApiKeyRouteTypes, typeof apiKeyRoutes>>>,
	Expect<IsNever<Drift<PasskeyRouteTypes, typeof passkeyRoutes>>>,
	Expect<IsNever<Drift<OrganizationRouteTypes, typeof organizationRoutes>>>,
];

/** The drift of each table, spelled out so that a failing check above can be read in an editor hover. */
export type DriftReport = {
	core: Drift<CoreRouteTypes, typeof coreRoutes>;
	username: Drift<UsernameRouteTypes, typeof usernameRoutes>;
	twoFactor: Drift<TwoFactorRouteTypes, typeof twoFactorRoutes>;
	admin: Drift<AdminRouteTypes, typeof adminRoutes>;
	apiKey: Drift<ApiKeyRouteTypes, typeof apiKeyRoutes>;
	passkey: Drift<PasskeyRouteTypes, typeof passkeyRoutes>;
	organization: Drift<OrganizationRouteTypes, typeof organizationRoutes>;
};
