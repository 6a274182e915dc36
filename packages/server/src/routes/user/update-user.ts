import { APIError, BASE_ERROR_CODES, USERNAME_ERROR_CODES, updateUser as route, updateUserFields } from "@latchkey/core";
import { defineEndpoint } from "../../endpoint/define-endpoint.ts";
import { validatePart } from "../../endpoint/validate.ts";
import { hasDontRemember } from "../../session/read-token.ts";
import { setSessionCookies } from "../../session/session-cookies.ts";
import type { UserRow } from "../../storage/rows.ts";
import { isUniqueViolation } from "../../storage/storage.ts";

/**
 * `POST /update-user` (spec/core.md §9.11): `auth.api.updateUser`, `client.updateUser`.
 * Updates name, image and plugin fields; the email is never changed here (that is
 * `/change-email`, which proves the new address). Re-sets the session cookie so the cookie
 * cache carries the new user.
 */
export const updateUser = defineEndpoint(route, "session", async (ctx) => {
	const { auth, body } = ctx;
	if (typeof body !== "object" || body === null || Array.isArray(body)) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.BODY_MUST_BE_AN_OBJECT);
	// Sound: checked just above to be a non-array object.
	const raw = body as Record<string, unknown>;
	if (raw.email) throw APIError.from("BAD_REQUEST", BASE_ERROR_CODES.EMAIL_CAN_NOT_BE_UPDATED);
	// Sound: validatePart returns what updateUserFields parsed.
	const fields = validatePart(updateUserFields, raw, "body") as { name?: string; image?: string | null };

	// The cookie cache may hold an old user: plugins compare against the stored one.
	const current = (await auth.storage.findOne("user", { id: ctx.session.user.id })) ?? ctx.session.user;
	const patch: Partial<UserRow> = {};
	if (fields.name !== undefined) patch.name = fields.name;
	if (fields.image !== undefined) patch.image = fields.image;
	for (const plugin of auth.plugins) {
		if (plugin.userInput) Object.assign(patch, await plugin.userInput({ body: raw, mode: "update", current, auth }));
	}
	// Better Auth sends this one without a code (spec/core.md §11.2).
	if (Object.keys(patch).length === 0) throw new APIError("BAD_REQUEST", { message: "No fields to update" });

	let user: UserRow | null;
	try {
		user = await auth.storage.update("user", { id: current.id }, { ...patch, updatedAt: auth.now() });
	} catch (error) {
		// A parallel update or sign-up took the username between the plugin's check and now.
		if (isUniqueViolation(error)) throw APIError.from("BAD_REQUEST", USERNAME_ERROR_CODES.USERNAME_IS_ALREADY_TAKEN);
		throw error;
	}
	if (!user) throw APIError.from("UNAUTHORIZED", BASE_ERROR_CODES.UNAUTHORIZED);
	const dontRemember = hasDontRemember(auth, ctx.headers);
	setSessionCookies(auth, ctx.response, { session: ctx.session.session, user }, { dontRemember });
	return { status: true };
});
