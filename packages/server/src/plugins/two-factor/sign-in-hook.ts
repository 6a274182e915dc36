import type { AfterSignInHook } from "../../plugin.ts";
import type { ResolvedTwoFactorOptions } from "./options.ts";
import { createChallenge } from "./pending-challenge.ts";
import { rotateTrustedDevice } from "./trust-device.ts";

/**
 * The sign-in interception (spec/plugins.md §3.4), run after `/sign-in/email` and
 * `/sign-in/username` created their session. For a user with 2FA on, from a browser that is
 * not trusted, the session is deleted before anyone saw it and the answer becomes
 * `{ twoFactorRedirect: true, twoFactorMethods }` with a pending challenge cookie: there is
 * no session at all until the second factor (SECURITY.md rule 7). A trusted browser passes,
 * its trust renewed.
 */
export function twoFactorSignInHook(options: ResolvedTwoFactorOptions): AfterSignInHook {
	return async (ctx, { user, session }) => {
		if (!user.twoFactorEnabled) return undefined;
		const { auth, response } = ctx;
		if (await rotateTrustedDevice(auth, ctx.headers, response, { userId: user.id, maxAgeSeconds: options.trustDeviceMaxAge })) return undefined;

		await auth.storage.delete("session", { id: session.id });
		// `dont_remember` stays, so that rememberMe:false carries through to the real session.
		response.deleteCookie(auth.cookies.sessionToken, auth.cookies.attributes);
		response.deleteCookie(auth.cookies.sessionData, auth.cookies.attributes);
		await createChallenge(auth, response, user.id, options.challengeMaxAge);

		const twoFactorMethods: ("totp" | "otp")[] = [];
		if (!options.totp.disabled) {
			const row = await auth.storage.findOne("twoFactor", { userId: user.id });
			if (row && row.verified !== false) twoFactorMethods.push("totp");
		}
		if (options.otp.sendOTP) twoFactorMethods.push("otp");
		return new Response(JSON.stringify({ twoFactorRedirect: true, twoFactorMethods }), {
			status: 200,
			statusText: "OK",
			headers: { "content-type": "application/json", "cache-control": "no-store" },
		});
	};
}
