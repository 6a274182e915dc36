import type * as oauth from "oauth4webapi";
import { oauthLib } from "../oauth/oauth-lib.ts";
import type { ProviderUser } from "../options.ts";
import { requestOptions } from "../oauth/request-options.ts";
import type { FetchUserInput, ProviderUserInfo } from "./provider.ts";

function str(value: unknown): string | null {
	return typeof value === "string" && value.length > 0 ? value : null;
}

/**
 * `email_verified` as a provider states it: `true`, or the string `"true"` (Apple). Anything
 * else is unverified: an email is only trusted for linking when the provider vouches for it.
 */
export function isTrue(value: unknown): boolean {
	return value === true || value === "true";
}

/** Maps standard OpenID Connect claims (OIDC Core §5.1) to a user. */
export function userFromClaims(claims: Record<string, unknown>): ProviderUser | null {
	const id = str(claims.sub);
	if (!id) return null;
	const email = str(claims.email)?.toLowerCase() ?? null;
	const fullName = [str(claims.given_name), str(claims.family_name)].filter(Boolean).join(" ");
	return {
		id,
		name: str(claims.name) ?? (fullName || (str(claims.preferred_username) ?? email ?? "")),
		email,
		emailVerified: email !== null && isTrue(claims.email_verified),
		image: str(claims.picture),
	};
}

/**
 * The profile of an OpenID Connect provider: the validated ID-token claims, completed by the
 * UserInfo endpoint when there is one. oauth4webapi checks that UserInfo's `sub` is the ID
 * token's (OIDC Core §5.3.2), so one user's tokens cannot fetch another's profile.
 */
export async function fetchOidcUser(input: FetchUserInput, clientId: string): Promise<ProviderUserInfo | null> {
	const { server, tokens } = input;
	let data: Record<string, unknown> = { ...input.idTokenClaims };
	if (server.userinfo_endpoint && tokens.accessToken) {
		const subject = typeof input.idTokenClaims?.sub === "string" ? input.idTokenClaims.sub : oauthLib().skipSubjectCheck;
		const client: oauth.Client = { client_id: clientId };
		const response = await oauthLib().userInfoRequest(server, client, tokens.accessToken, requestOptions(server.userinfo_endpoint));
		const info = await oauthLib().processUserInfoResponse(server, client, subject, response);
		data = { ...data, ...info };
	}
	const user = userFromClaims(data);
	return user ? { user, data } : null;
}
