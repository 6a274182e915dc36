import type { RouteContract } from "@latchkey/core";
import type { EndpointContext } from "../../endpoint/define-endpoint.ts";
import { createSession } from "../../session/create-session.ts";
import { hasDontRemember } from "../../session/read-token.ts";
import { setSessionCookies } from "../../session/session-cookies.ts";
import type { SessionAndUser } from "../../session/types.ts";
import type { UserRow } from "../../storage/rows.ts";
import type { Storage } from "../../storage/storage.ts";

/**
 * Changes the user's 2FA state and replaces the caller's session with a new one, in one
 * transaction with `alsoWrite` (the `twoFactor` row): either everything is written or nothing
 * is. A security level change gets a new session id (OWASP Session Management: renew the
 * session after any privilege change), and the old token stops working at once.
 */
export async function rotateSession(
	ctx: EndpointContext<RouteContract, unknown>,
	current: SessionAndUser,
	input: { patch: Partial<UserRow>; alsoWrite?: (tx: Storage) => Promise<void> },
): Promise<SessionAndUser> {
	const { auth } = ctx;
	const dontRemember = hasDontRemember(auth, ctx.headers);
	const rotated = await auth.storage.transaction(async (tx) => {
		const user = (await tx.update("user", { id: current.user.id }, { ...input.patch, updatedAt: auth.now() })) ?? current.user;
		await input.alsoWrite?.(tx);
		const session = await createSession(auth, tx, { user, dontRemember, ip: ctx.ip, userAgent: ctx.headers.get("user-agent") });
		await tx.delete("session", { token: current.session.token });
		return { session, user };
	});
	setSessionCookies(auth, ctx.response, rotated, { dontRemember, hadDontRemember: dontRemember });
	ctx.response.headers.set("cache-control", "no-store");
	return rotated;
}
