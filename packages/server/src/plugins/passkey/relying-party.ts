import type { AuthContext } from "../../context/create-context.ts";
import type { PasskeyOptions } from "./options.ts";

/** The relying party's id and name (spec/plugins.md §8.2). */
export function relyingParty(auth: AuthContext, options: PasskeyOptions): { rpID: string; rpName: string } {
	return {
		rpID: options.rpID ?? (auth.baseURL ? new URL(auth.baseURL).hostname : "localhost"),
		rpName: options.rpName ?? auth.appName,
	};
}

/**
 * The origin a WebAuthn response must come from: the configured one, else the request's
 * `Origin` header, but only when it is a trusted origin, so a response relayed from a
 * look-alike site is refused even if the client sends that site's Origin. `null` when
 * there is none to check against.
 */
export async function expectedOrigin(auth: AuthContext, options: PasskeyOptions, headers: Headers, request: Request | undefined): Promise<string | string[] | null> {
	if (options.origin) return options.origin;
	const origin = headers.get("origin");
	if (!origin || origin === "null") return null;
	const trusted = await auth.trustedOrigins(request);
	return trusted.includes(origin) ? origin : null;
}
