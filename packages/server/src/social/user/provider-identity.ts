import { LIMITS } from "@latchkey/core";
import type { OAuthProvider, OAuthTokens, ProviderUserInfo } from "../providers/provider.ts";
import type { ProviderUser } from "../options.ts";

/** The identity a sign-in or link works with: the provider's user after `mapProfileToUser`. */
export interface ProviderIdentity {
	provider: OAuthProvider;
	user: ProviderUser;
	tokens: OAuthTokens;
}

/**
 * Applies the provider's `mapProfileToUser` to its profile. The mapping may rename or add
 * fields, never change the subject: the account key stays the provider's `sub`/`id`.
 */
export async function toIdentity(provider: OAuthProvider, info: ProviderUserInfo, tokens: OAuthTokens): Promise<ProviderIdentity> {
	const mapped = provider.options.mapProfileToUser ? await provider.options.mapProfileToUser(info.data) : {};
	const rawEmail = mapped.email !== undefined ? (mapped.email?.toLowerCase() ?? null) : info.user.email;
	// Provider data is bounded like any input (SECURITY.md rule 17): an oversized email is no email.
	const email = rawEmail !== null && rawEmail.length <= LIMITS.email ? rawEmail : null;
	const image = mapped.image !== undefined ? mapped.image : info.user.image;
	// A mapped email only keeps "verified" when it is the provider's own verified address.
	const sameEmail = email === info.user.email;
	const emailVerified = mapped.emailVerified !== undefined ? mapped.emailVerified && sameEmail && info.user.emailVerified : info.user.emailVerified && sameEmail;
	return {
		provider,
		user: {
			id: info.user.id,
			name: (mapped.name ?? info.user.name).slice(0, LIMITS.name),
			email,
			emailVerified,
			image: image !== null && image.length <= LIMITS.url ? image : null,
		},
		tokens,
	};
}
