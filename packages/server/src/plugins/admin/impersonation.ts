import { ADMIN_ERROR_CODES, APIError, isAPIError, impersonateUser as impersonateRoute, stopImpersonating as stopRoute } from "@latchkey/core";
import type { AuthContext } from "../../context/create-context.ts";
import { readCookie } from "../../cookies/cookie.ts";
import { signValue, unsignValue } from "../../crypto/sign.ts";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import type { RevokeCredentialsHook } from "../../plugin.ts";
import { createSession } from "../../session/create-session.ts";
import { toSessionOutput, toUserOutput } from "../../session/output.ts";
import { hasDontRemember } from "../../session/read-token.ts";
import { deleteSessionCookies, setSessionCookies } from "../../session/session-cookies.ts";
import { requireAdminSession } from "./admin-session.ts";
import { findUserOr404 } from "./find-user.ts";
import type { ResolvedAdminOptions } from "./options.ts";
import { hasAdminPermission, isAdminUser, requirePermission } from "./permissions.ts";

/** `better-auth.admin_session` (with `__Secure-` when cookies are secure; spec/plugins.md §1.4). */
function adminCookieName(auth: AuthContext): string {
	return `${auth.cookies.prefix}.admin_session`;
}

/**
 * `POST /admin/impersonate-user` and `POST /admin/stop-impersonating` (spec/plugins.md §6.5).
 * The admin's own session stays in the store; its token rides in the signed `admin_session`
 * cookie (HttpOnly, so scripts in the impersonated account cannot read it) until stop.
 */
export function impersonationEndpoints(options: ResolvedAdminOptions) {
	const impersonateUser = defineEndpoint(impersonateRoute, "none", async (ctx) => {
		const { auth } = ctx;
		const admin = await requireAdminSession(ctx);
		requirePermission(options, admin.user, { user: ["impersonate"] }, ADMIN_ERROR_CODES.YOU_ARE_NOT_ALLOWED_TO_IMPERSONATE_USERS);
		const target = await findUserOr404(auth.storage, ctx.body.userId);
		// Impersonating an admin would hand over their powers (SECURITY.md rule 9).
		if (isAdminUser(options, target) && !options.allowImpersonatingAdmins && !hasAdminPermission(options, admin.user, { user: ["impersonate-admins"] })) {
			throw APIError.from("FORBIDDEN", ADMIN_ERROR_CODES.YOU_CANNOT_IMPERSONATE_ADMINS);
		}
		const session = await createSession(auth, auth.storage, {
			user: target,
			dontRemember: true,
			ip: ctx.ip,
			userAgent: ctx.headers.get("user-agent"),
			fields: { impersonatedBy: admin.user.id },
			expiresIn: options.impersonationSessionDuration,
		}).catch((error: unknown) => {
			// A refusal (a banned target) reaches the caller as it is.
			if (isAPIError(error)) throw error;
			throw APIError.from("INTERNAL_SERVER_ERROR", ADMIN_ERROR_CODES.FAILED_TO_CREATE_USER);
		});
		const dontRemember = hasDontRemember(auth, ctx.headers) ? "true" : "";
		deleteSessionCookies(auth, ctx.response);
		ctx.response.setCookie(adminCookieName(auth), signValue(auth.secret, `${admin.session.token}:${dontRemember}`), {
			...auth.cookies.attributes,
			maxAge: auth.session.expiresIn,
		});
		// A browser-session cookie: closing the browser ends the impersonation.
		setSessionCookies(auth, ctx.response, { session, user: target }, { dontRemember: true });
		ctx.response.headers.set("cache-control", "no-store");
		return { session: toSessionOutput(auth, session), user: toUserOutput(auth, target) };
	});

	const stopImpersonating = defineEndpoint(stopRoute, "none", async (ctx) => {
		const { auth } = ctx;
		const current = await requireAdminSession(ctx);
		const adminId = current.session.impersonatedBy;
		// Better Auth sends these without a code (spec/plugins.md §6.5).
		if (!adminId) throw new APIError("BAD_REQUEST", { message: "You are not impersonating anyone" });
		const adminUser = await auth.storage.findOne("user", { id: adminId });
		if (!adminUser) throw new APIError("INTERNAL_SERVER_ERROR", { message: "Failed to find user" });
		const signed = readCookie(ctx.headers.get("cookie"), adminCookieName(auth));
		const value = signed ? unsignValue(auth.secret, signed) : null;
		const separator = value ? value.lastIndexOf(":") : -1;
		const adminToken = value && separator > 0 ? value.slice(0, separator) : null;
		const restored = adminToken ? await auth.storage.findSessionAndUser(adminToken) : null;
		// The cookie must name a live session of the very admin who started this impersonation.
		if (!value || !restored || restored.user.id !== adminUser.id || restored.session.expiresAt.getTime() <= auth.now().getTime()) {
			throw new APIError("INTERNAL_SERVER_ERROR", { message: "Failed to find admin session" });
		}
		await auth.storage.delete("session", { token: current.session.token });
		const dontRemember = value.slice(separator + 1) === "true";
		setSessionCookies(auth, ctx.response, restored, { dontRemember, hadDontRemember: true });
		ctx.response.deleteCookie(adminCookieName(auth), auth.cookies.attributes);
		ctx.response.headers.set("cache-control", "no-store");
		return { session: toSessionOutput(auth, restored.session), user: toUserOutput(auth, restored.user) };
	});

	return { impersonateUser, stopImpersonating };
}

/**
 * Ends every impersonation session `userId` started: a banned, deleted or re-passworded admin
 * must not keep acting as someone else (SECURITY.md rule 16). Those sessions belong to the
 * impersonated user, so deleting the admin's own sessions would miss them.
 */
export const endImpersonationsBy: RevokeCredentialsHook = async ({ userId, storage }) => {
	await storage.delete("session", { impersonatedBy: userId });
};
